// Under the proposal form: the history a carried proposal brings from earlier years (agreed,
// left out of the plan, suspended…), so whoever reviews it sees it without leaving the desk.
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { entryText, kindMark, sourceText } from './entries';

type History = Output<'followup:historyOf'>;

export function CarriedHistory({
  workshopId,
  proposalId,
}: {
  workshopId: string;
  proposalId: string;
}) {
  const { t } = useI18n();
  const [history, setHistory] = useState<History>(null);
  useEffect(() => {
    let live = true;
    invoke('followup:historyOf', { workshopId, proposalId })
      .then((h) => live && setHistory(h))
      // The form works without it: a history that cannot be read is simply not shown.
      .catch(() => live && setHistory(null));
    return () => {
      live = false;
    };
  }, [workshopId, proposalId]);
  if (!history) return null;
  return (
    <details className="fu-carried" data-testid="carried-history">
      <summary>{t('followup.carried.heading', { count: history.timeline.length })}</summary>
      {!history.live && <p className="muted">{t('followup.carried.kept')}</p>}
      <ol>
        {history.timeline.map((e, i) => (
          <li key={i}>
            <span aria-hidden="true">{kindMark(e.kind)}</span> <strong>{e.fiscalYear}</strong>{' '}
            {entryText(e, t)}
            <br />
            <small className="muted">{sourceText(e, t)}</small>
          </li>
        ))}
      </ol>
    </details>
  );
}
