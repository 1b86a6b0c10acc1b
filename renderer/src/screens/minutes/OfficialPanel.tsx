import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { OfficialWarning } from '../../../../shared/schemas/official';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { formatDateTime } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { say } from '../../kit';
import { invoke } from '../../transport';
import type { Act } from './MinutesScreen';
import { initialOfficialPick } from './official-pick';

type Official = Output<'results:official'>;

interface Props {
  workshopId: string;
  act: Act;
  applied: <T>(r: { value: T; chain: ChainStatus }) => Promise<T>;
}

/** Before sealing: which closed round the Acta's prioritised list follows, and what it needs confirmed. */
export function OfficialPanel({ workshopId, act, applied }: Props) {
  const { t } = useI18n();
  const [state, setState] = useState<Official | null>(null);
  const [pick, setPick] = useState<string>('');
  const [confirmed, setConfirmed] = useState<OfficialWarning[]>([]);
  useEffect(() => {
    let live = true;
    invoke('results:official', { workshopId })
      .then((s) => {
        if (!live) return;
        setState(s);
        setPick((p) => p || initialOfficialPick(s));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workshopId]);
  if (!state) return null;
  const chosen = state.candidates.find((c) => c.id === state.roundId);
  const candidate = state.candidates.find((c) => c.id === pick);
  const warnings = candidate?.warnings ?? [];
  const warnText = (w: OfficialWarning) =>
    t(`results.official.warn.${w}`, {
      actual: candidate?.quorum?.actual ?? 0,
      required: candidate?.quorum?.required ?? 0,
    });

  return (
    <section className="panel minutes-section" data-testid="official-panel">
      <h2>{t('results.official.heading')}</h2>
      <p className="lead">{t('results.official.lead')}</p>
      <p data-testid="official-chosen">
        {chosen && state.chosenAt
          ? t('results.official.chosen', {
              title: chosen.title,
              at: formatDateTime(state.chosenAt),
            })
          : t('results.official.none')}
      </p>
      {state.unconfirmed.length > 0 && (
        <p className="banner error" role="alert">
          {t('results.official.unconfirmed')}
        </p>
      )}
      {state.candidates.length === 0 ? (
        <p className="muted">{t('results.official.noCandidates')}</p>
      ) : (
        <>
          <div className="form">
            <label>
              {t('results.official.round')}
              <select
                name="official-round"
                value={pick}
                onChange={(e) => {
                  setPick(e.target.value);
                  setConfirmed([]);
                }}
              >
                <option value="" />
                {state.candidates.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                    {c.closedAt ? ` · ${formatDateTime(c.closedAt)}` : ''}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {warnings.length > 0 && (
            <div className="seal-options official-warnings" data-testid="official-warnings">
              <strong>{t('results.official.confirmLead')}</strong>
              {warnings.map((w) => (
                <label key={w} className="check">
                  <input
                    type="checkbox"
                    name={`confirm-${w}`}
                    checked={confirmed.includes(w)}
                    onChange={(e) =>
                      setConfirmed((xs) =>
                        e.target.checked ? [...xs, w] : xs.filter((x) => x !== w),
                      )
                    }
                  />{' '}
                  {warnText(w)}
                </label>
              ))}
            </div>
          )}
          <div>
            <button
              type="button"
              data-testid="choose-official"
              disabled={!candidate || warnings.some((w) => !confirmed.includes(w))}
              onClick={() =>
                void act(async () => {
                  const s = await applied(
                    await invoke('results:chooseOfficial', {
                      workshopId,
                      roundId: pick,
                      confirmed,
                    }),
                  );
                  setState(s);
                  return say('results.official.chosenNow', { title: candidate?.title ?? '' });
                })
              }
            >
              {t('results.official.choose')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
