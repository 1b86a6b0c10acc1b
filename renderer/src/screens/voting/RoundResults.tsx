import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatSoles } from '../../../../shared/format';
import type { Round } from '../../../../shared/schemas/voting';
import { useI18n } from '../../i18n';
import { thrownNotice } from '../../kit';
import { invoke } from '../../transport';
import type { Notify } from './VotingScreen';

interface Props {
  workshopId: string;
  round: Round;
  notify: Notify;
}

/** A closed round's totals (the core refuses them before closing) and who was entitled. */
export function RoundResults({ workshopId, round, notify }: Props) {
  const { t } = useI18n();
  const [totals, setTotals] = useState<Output<'voting:results'> | null>(null);
  useEffect(() => {
    invoke('voting:results', { workshopId, roundId: round.id })
      .then(setTotals)
      .catch((e: unknown) => notify(thrownNotice(e)));
  }, [workshopId, round.id, notify]);
  if (!totals) return null;
  const score = (i: (typeof totals.items)[number]) => i.points ?? i.votes;
  const max = Math.max(1, ...totals.items.map(score));
  const download = async () => {
    try {
      const f = await invoke('voting:exportPb', { workshopId, roundId: round.id });
      const url = URL.createObjectURL(new Blob([f.text], { type: 'text/plain;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = f.fileName;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      notify(thrownNotice(e));
    }
  };
  const snap = round.snapshot;
  return (
    <div className="panel round-results" data-testid="round-results">
      <h3>{t('voting.results.title')}</h3>
      <p className="muted">
        {totals.ballots !== null
          ? `${t('voting.results.ballots', { ballots: totals.ballots, entitled: totals.entitled })} · ${t('voting.results.blank', { blank: totals.blank ?? 0 })}`
          : t('voting.results.entitled', { entitled: totals.entitled })}
        {snap && ` · ${t('voting.results.present', { present: snap.presentIds.length })}`}
      </p>
      <table className="data-table results-table">
        <thead>
          <tr>
            <th className="num">{t('voting.results.rank')}</th>
            <th>
              {round.kind === 'sector' ? t('voting.count.sector') : t('voting.count.proposal')}
            </th>
            <th className="num">{t('voting.results.votes')}</th>
            {totals.items.some((i) => i.points !== null) && (
              <th className="num">
                {t(
                  round.ballotType === 'ranking' ? 'voting.results.borda' : 'voting.results.points',
                )}
              </th>
            )}
            {round.kind === 'sector' && <th className="num">{t('voting.results.share')}</th>}
            <th className="bar-col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {totals.items.map((i, k) => (
            <tr key={i.itemId}>
              <td className="num">{k + 1}</td>
              <td>{i.label}</td>
              <td className="num">{i.votes}</td>
              {i.points !== null && <td className="num">{i.points}</td>}
              {round.kind === 'sector' && <td className="num">{formatSoles(i.shareCents ?? 0)}</td>}
              <td className="bar-col" aria-hidden="true">
                <span className="bar" style={{ width: `${(score(i) / max) * 100}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {round.kind === 'ballot' && (
        <div className="actions">
          <button type="button" onClick={() => void download()}>
            {t('voting.results.downloadPb')}
          </button>
        </div>
      )}
    </div>
  );
}
