import { computePresence } from '../../../../shared/attendance/presence';
import { formatDate } from '../../../../shared/format';
import { displayName } from '../../../../shared/schemas/attendance';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import type { useRegistry } from '../../useRegistry';
import { basisText } from './basisText';

/** Counts per venue, organisation type, community and sex; who holds each vote. */
export function SummaryTab({
  setup,
  registry,
}: {
  setup: StoredWorkshopSetup;
  registry: ReturnType<typeof useRegistry>;
}) {
  const { t } = useI18n();
  const { data, maps } = registry;
  if (!data || !maps) return <p>{t('common.loading')}</p>;
  const perVenue = setup.venues.map((v) => ({
    v,
    p: computePresence({
      ...data,
      venueId: v.id,
      day: v.date,
      voteRule: setup.voteRule,
      quorum: setup.quorum,
    }),
  }));
  return (
    <div className="summary">
      <table className="data-table" data-testid="summary-venues">
        <thead>
          <tr>
            <th>{t('attendance.venue')}</th>
            <th>{t('attendance.day')}</th>
            <th className="num">{t('attendance.summary.present')}</th>
            <th className="num">{t('attendance.sex.F')}</th>
            <th className="num">{t('attendance.sex.M')}</th>
            <th className="num">{t('attendance.sex.X')}</th>
            <th className="num">{t('attendance.summary.votes')}</th>
            <th>{t('attendance.summary.quorum')}</th>
          </tr>
        </thead>
        <tbody>
          {perVenue.map(({ v, p }) => (
            <tr key={v.id}>
              <td>{v.name}</td>
              <td>{formatDate(v.date)}</td>
              <td className="num">{p.total}</td>
              <td className="num">{p.bySex.F}</td>
              <td className="num">{p.bySex.M}</td>
              <td className="num">{p.bySex.X}</td>
              <td className="num">{p.voteHolders.length}</td>
              <td>
                {p.quorum.unit === 'none'
                  ? '—'
                  : t(`attendance.summary.quorumCell.${p.quorum.unit}`, {
                      answer: t(p.quorum.met ? 'attendance.summary.yes' : 'attendance.summary.no'),
                      actual: p.quorum.actual,
                      required: p.quorum.required,
                    })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {perVenue.map(({ v, p }) => (
        <details key={v.id} open={perVenue.length === 1 || v.id === setup.venues[0]?.id}>
          <summary>
            <strong>{v.name}</strong> — {t('attendance.summary.detail')}
          </summary>
          <div className="grid-2">
            <div>
              <h3>{t('attendance.summary.byType')}</h3>
              <ul>
                {Object.entries(p.byOrgType).map(([type, n]) => (
                  <li key={type}>
                    {t(
                      type === 'none' ? 'attendance.noOrganization' : `attendance.orgType.${type}`,
                    )}
                    : <strong>{n}</strong>
                  </li>
                ))}
              </ul>
              <h3>{t('attendance.summary.byCommunity')}</h3>
              <ul>
                {Object.entries(p.byCommunity)
                  .sort(([a], [b]) => a.localeCompare(b, 'es'))
                  .map(([c, n]) => (
                    <li key={c}>
                      {c}: <strong>{n}</strong>
                    </li>
                  ))}
              </ul>
              {p.absentCommunities.length > 0 && (
                <>
                  <h3>
                    {t('attendance.presence.absentCommunities', { n: p.absentCommunities.length })}
                  </h3>
                  <p>{p.absentCommunities.join(' · ')}</p>
                </>
              )}
            </div>
            <div>
              <h3>{t('attendance.summary.voteHolders', { n: p.voteHolders.length })}</h3>
              <table className="data-table">
                <tbody>
                  {p.voteHolders.map((h) => {
                    const person = maps.personById.get(h.participantId);
                    const org = h.organizationId ? maps.orgById.get(h.organizationId) : undefined;
                    return (
                      <tr key={`${h.organizationId ?? ''}-${h.participantId}`}>
                        <td>{org?.name ?? '—'}</td>
                        <td>{person ? displayName(person) : ''}</td>
                        <td>{basisText(t, h.basis, person?.authorization)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </div>
        </details>
      ))}
    </div>
  );
}
