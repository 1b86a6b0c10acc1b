// The setup's venues (each with its place and day) and its sectors, in their order.
import { Fragment, type ReactNode } from 'react';
import { formatDate, parseDate } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { swap, type Draft } from './setupDraft';

interface Props {
  draft: Draft;
  patch: (p: Partial<Draft>) => void;
  /** The field's problem beside it, or nothing. */
  err: (field: string) => ReactNode;
  /** A closed prioritisation fixed the sectors. */
  locked: boolean;
  /** Each venue's first check-in day (venues with check-ins only). */
  checkInDays: ReadonlyMap<string, string>;
}

export function SetupPlaces({ draft, patch, err, locked, checkInDays }: Props) {
  const { t } = useI18n();
  // A date other than the venue's first check-in day: the save goes through, the screen says
  // what it does (the notice stays counted to the day they met; the seal asks to confirm).
  const metOtherDay = (v: Draft['venues'][number]) => {
    const met = v.id ? checkInDays.get(v.id) : undefined;
    const date = parseDate(v.date);
    return met !== undefined && date !== null && date !== met
      ? t('setup.venueDateMet', { met: formatDate(met), date: formatDate(date) })
      : null;
  };
  return (
    <>
      <h2>{t('setup.venues')}</h2>
      <p className="hint">{t('setup.venuesHint')}</p>
      <table className="edit-table">
        <thead>
          <tr>
            <th>{t('setup.venueName')}</th>
            <th>{t('setup.venuePlace')}</th>
            <th>{t('setup.venueDate')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {draft.venues.map((v, i) => (
            <Fragment key={v.id ?? `new-${i}`}>
              <tr>
                <td>
                  <input
                    aria-label={`${t('setup.venueName')} ${i + 1}`}
                    name={`venue-name-${i}`}
                    value={v.name}
                    onChange={(e) =>
                      patch({
                        venues: draft.venues.map((x, j) =>
                          j === i ? { ...x, name: e.target.value } : x,
                        ),
                      })
                    }
                  />
                  {err(`venues.${i}.name`)}
                </td>
                <td>
                  <input
                    aria-label={`${t('setup.venuePlace')} ${i + 1}`}
                    name={`venue-place-${i}`}
                    value={v.place}
                    onChange={(e) =>
                      patch({
                        venues: draft.venues.map((x, j) =>
                          j === i ? { ...x, place: e.target.value } : x,
                        ),
                      })
                    }
                  />
                </td>
                <td>
                  <input
                    placeholder={t('common.datePlaceholder')}
                    inputMode="numeric"
                    aria-label={`${t('setup.venueDate')} ${i + 1}`}
                    name={`venue-date-${i}`}
                    value={v.date}
                    onChange={(e) =>
                      patch({
                        venues: draft.venues.map((x, j) =>
                          j === i ? { ...x, date: e.target.value } : x,
                        ),
                      })
                    }
                  />
                  {err(`venues.${i}.date`)}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => patch({ venues: draft.venues.filter((_, j) => j !== i) })}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
              {/* Below the row, across it: the date cell stays as wide as the others let it. */}
              {metOtherDay(v) && (
                <tr>
                  <td colSpan={4}>
                    <span className="hint warn-text" role="status" data-testid="venue-date-met">
                      {metOtherDay(v)}
                    </span>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          patch({
            venues: [
              ...draft.venues,
              { name: '', place: '', date: draft.venues.at(-1)?.date ?? '' },
            ],
          })
        }
      >
        {t('setup.addVenue')}
      </button>

      <h2>{t('setup.sectors')}</h2>
      <ol className="sector-list">
        {draft.sectors.map((s, i) => (
          <li key={s.id ?? `new-${i}`}>
            <input
              aria-label={`${t('setup.sector')} ${i + 1}`}
              disabled={locked}
              name={`sector-${i}`}
              value={s.name}
              onChange={(e) =>
                patch({
                  sectors: draft.sectors.map((x, j) =>
                    j === i ? { ...x, name: e.target.value } : x,
                  ),
                })
              }
            />
            <button
              type="button"
              className="link"
              disabled={i === 0}
              aria-label={t('common.moveUp')}
              onClick={() => patch({ sectors: swap(draft.sectors, i, i - 1) })}
            >
              ↑
            </button>
            <button
              type="button"
              className="link"
              onClick={() => patch({ sectors: draft.sectors.filter((_, j) => j !== i) })}
            >
              {t('common.remove')}
            </button>
            {err(`sectors.${i}.name`)}
          </li>
        ))}
      </ol>
      {err('sectors')}
      <button type="button" onClick={() => patch({ sectors: [...draft.sectors, { name: '' }] })}>
        {t('setup.addSector')}
      </button>
    </>
  );
}
