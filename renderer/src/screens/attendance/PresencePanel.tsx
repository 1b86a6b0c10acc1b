import type { Presence } from '../../../../shared/attendance/presence';
import { isOpen } from '../../../../shared/attendance/presence';
import { formatTimeOf } from '../../../../shared/format';
import { displayName, type Participant } from '../../../../shared/schemas/attendance';
import { useI18n } from '../../i18n';
import type { RegistryData } from '../../useRegistry';

interface Props {
  presence: Presence;
  data: RegistryData;
  /** The registry's people by id, kept across check-ins (not rebuilt per render). */
  people: ReadonlyMap<string, Participant>;
  venueId: string;
  day: string;
  onUndo: (id: string) => void;
  onCheckOut: (id: string) => Promise<void>;
  readOnly: boolean;
  /** Opens the Padrón, where roles and accreditation are set. */
  onOpenRegistry?: () => void;
}

/** Always beside the door: how many are here, quorum, and the last arrivals. */
export function PresencePanel({
  presence,
  data,
  people,
  venueId,
  day,
  onUndo,
  onCheckOut,
  readOnly,
  onOpenRegistry,
}: Props) {
  const { t } = useI18n();
  // The last arrivals in the log's order, not the clock's (a clock set back must not move
  // someone down the list: the vote holders follow the same order, presence.ts).
  const recent = data.attendance
    .filter((r) => r.venueId === venueId && r.day === day)
    .sort(
      (a, b) =>
        (b.checkInSeq ?? Number.MAX_SAFE_INTEGER) - (a.checkInSeq ?? Number.MAX_SAFE_INTEGER),
    )
    .slice(0, 8);
  const holders = new Set(
    presence.voteHolders.filter((h) => h.basis !== 'person').map((h) => h.participantId),
  );
  const q = presence.quorum;
  return (
    <aside className="presence panel" aria-label={t('attendance.presence.heading')}>
      <div className="big-count" data-testid="present-count">
        <span className="n">{presence.total}</span> <span>{t('attendance.presence.present')}</span>
      </div>
      <div className={`quorum ${q.met ? 'met' : 'not-met'}`} data-testid="quorum">
        {q.unit === 'none'
          ? t('attendance.presence.noQuorumRule')
          : t(`attendance.presence.${q.met ? 'quorumMet' : 'quorumNotMet'}.${q.unit}`, {
              actual: q.actual,
              required: q.required,
              base: q.base,
            })}
      </div>
      {/* Few or none counted: say what is counted, why some are not, and where roles are set. */}
      {q.unit === 'organizations' && (!q.met || presence.orgsWithoutAgent > 0) && (
        <div className="small quorum-why" data-testid="quorum-why">
          <p>{t('attendance.presence.countsWhat')}</p>
          {presence.orgsWithoutAgent > 0 && (
            <p className="warn-text">
              {t('attendance.presence.withoutAgent', { n: presence.orgsWithoutAgent })}
            </p>
          )}
          <p>
            {t('attendance.presence.whereRoles')}{' '}
            {onOpenRegistry && (
              <button type="button" className="link" onClick={onOpenRegistry}>
                {t('attendance.presence.openRegistry')}
              </button>
            )}
          </p>
        </div>
      )}
      <p className="muted small">
        {t('attendance.presence.votes', {
          n: presence.voteHolders.length,
          eligible: presence.eligible,
        })}
      </p>
      {presence.pendingPresent > 0 && (
        <p className="small warn-text" data-testid="pending-present">
          {t('attendance.presence.pending', { n: presence.pendingPresent })}
        </p>
      )}
      <dl className="counts">
        <dt>{t('attendance.sex.F')}</dt>
        <dd>{presence.bySex.F}</dd>
        <dt>{t('attendance.sex.M')}</dt>
        <dd>{presence.bySex.M}</dd>
        <dt>{t('attendance.sex.X')}</dt>
        <dd data-testid="present-sex-x">{presence.bySex.X}</dd>
      </dl>
      {presence.absentCommunities.length > 0 && (
        <div className="absent">
          <h3>
            {t('attendance.presence.absentCommunities', { n: presence.absentCommunities.length })}
          </h3>
          <p className="small">{presence.absentCommunities.join(' · ')}</p>
        </div>
      )}
      <h3>{t('attendance.presence.recent')}</h3>
      <ul className="recent">
        {recent.map((r) => {
          const p = people.get(r.participantId);
          return (
            <li key={r.id} className={isOpen(r) ? '' : 'closed'}>
              <span>
                {p ? displayName(p) : r.participantId}{' '}
                <span className="muted small">{formatTimeOf(r.checkedInAt)}</span>
                {isOpen(r) && holders.has(r.participantId) && (
                  <span className="badge" data-testid="holds-vote">
                    {t('attendance.presence.holdsVote')}
                  </span>
                )}
                {r.undoneAt && <span className="badge">{t('attendance.undone')}</span>}
                {r.checkedOutAt && <span className="badge">{t('attendance.checkedOut')}</span>}
              </span>
              {isOpen(r) && !readOnly && (
                <span className="row-actions">
                  <button type="button" className="link" onClick={() => void onCheckOut(r.id)}>
                    {t('attendance.checkOut')}
                  </button>
                  <button type="button" className="link" onClick={() => onUndo(r.id)}>
                    {t('attendance.door.undo')}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
