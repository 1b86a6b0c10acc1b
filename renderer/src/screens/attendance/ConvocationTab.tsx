import { useState, type FormEvent } from 'react';
import {
  firstMeetingDay,
  isLate,
  movedVenues,
  noticeDays,
} from '../../../../shared/attendance/convocation';
import { formatDate, parseDate } from '../../../../shared/format';
import { InvitationChannel, type Invitation } from '../../../../shared/schemas/attendance';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { EnumSelect, ErrorBanner, useAction } from '../../kit';
import { invoke } from '../../transport';
import type { useRegistry } from '../../useRegistry';

/** Who was invited, when, and how: notice days matter (DOMAIN.md). */
export function ConvocationTab({
  workshopId,
  setup,
  registry,
  readOnly,
}: {
  workshopId: string;
  setup: StoredWorkshopSetup;
  registry: ReturnType<typeof useRegistry>;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const { data, maps, applied } = registry;
  const [orgId, setOrgId] = useState('');
  const [sentOn, setSentOn] = useState('');
  const [channel, setChannel] = useState<Invitation['channel']>('letter');
  const [note, setNote] = useState('');
  const { busy, error, fail, run } = useAction();
  if (!data || !maps) return <p>{t('common.loading')}</p>;
  // Counted to the day people first met (a venue date saved after its check-ins does not move it).
  const first = firstMeetingDay(setup.venues, data.attendance);
  const moved = movedVenues(setup.venues, data.attendance);
  const invited = new Set(data.invitations.map((i) => i.organizationId));
  const notInvited = data.organizations.filter((o) => !invited.has(o.id));
  const late = data.invitations.filter((i) => isLate(i.sentOn, first, setup.minNoticeDays));

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const iso = parseDate(sentOn);
    if (!orgId || !iso) {
      fail(!orgId ? 'attendance.convocation.pickOrg' : 'setup.error.date');
      return;
    }
    await run(async () => {
      await applied(
        await invoke('convocation:add', {
          workshopId,
          invitation: { organizationId: orgId, sentOn: iso, channel, note },
        }),
      );
      setOrgId('');
      setNote('');
    });
  };

  return (
    <div className="convocation">
      <p className="lead">
        {first
          ? t('attendance.convocation.lead', { date: formatDate(first), days: setup.minNoticeDays })
          : t('attendance.needVenue')}
      </p>
      {moved.length > 0 && (
        <div className="banner warn" role="status" data-testid="venue-date-moved">
          <ul>
            {moved.map((m) => (
              <li key={m.venueId}>
                {t('attendance.convocation.venueDateMoved', {
                  venue: m.name,
                  date: formatDate(m.date),
                  met: formatDate(m.met),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="stat-row">
        <span>
          {t('attendance.convocation.invited', {
            n: invited.size,
            total: data.organizations.length,
          })}
        </span>
        <span className={late.length ? 'warn-text' : ''}>
          {t('attendance.convocation.lateCount', { n: late.length })}
        </span>
        <span className={notInvited.length ? 'warn-text' : ''}>
          {t('attendance.convocation.notInvited', { n: notInvited.length })}
        </span>
      </div>
      {!readOnly && (
        <form
          className="inline-form"
          onSubmit={(e) => void add(e)}
          aria-label={t('attendance.convocation.add')}
        >
          <label>
            {t('attendance.organization')}
            <select name="inv-org" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
              <option value="">—</option>
              {data.organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('attendance.convocation.sentOn')}
            <input
              name="inv-date"
              className="narrow"
              placeholder={t('common.datePlaceholder')}
              value={sentOn}
              onChange={(e) => setSentOn(e.target.value)}
            />
          </label>
          <label>
            {t('attendance.convocation.channel')}
            <EnumSelect
              name="inv-channel"
              schema={InvitationChannel}
              prefix="attendance.channel"
              value={channel}
              onChange={setChannel}
            />
          </label>
          <label className="grow">
            {t('attendance.convocation.note')}
            <input name="inv-note" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('attendance.convocation.add')}
          </button>
        </form>
      )}
      <ErrorBanner error={error} />
      <table className="data-table" data-testid="invitations">
        <thead>
          <tr>
            <th>{t('attendance.organization')}</th>
            <th>{t('attendance.convocation.sentOn')}</th>
            <th>{t('attendance.convocation.channel')}</th>
            <th className="num">{t('attendance.convocation.noticeDays')}</th>
            <th>{t('attendance.convocation.note')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {data.invitations.map((i) => {
            const days = first ? noticeDays(i.sentOn, first) : null;
            const isLateInv = isLate(i.sentOn, first, setup.minNoticeDays);
            return (
              <tr key={i.id} className={isLateInv ? 'late' : ''}>
                <td>{maps.orgById.get(i.organizationId)?.name}</td>
                <td>{formatDate(i.sentOn)}</td>
                <td>{t(`attendance.channel.${i.channel}`)}</td>
                <td className="num">
                  {days ?? '—'}{' '}
                  {isLateInv && (
                    <span className="badge warn">{t('attendance.convocation.late')}</span>
                  )}
                </td>
                <td>{i.note}</td>
                <td>
                  {!readOnly && (
                    <button
                      type="button"
                      className="link"
                      disabled={busy}
                      onClick={() =>
                        void run(async () =>
                          applied(await invoke('convocation:remove', { workshopId, id: i.id })),
                        )
                      }
                    >
                      {t('common.remove')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
          {notInvited.map((o) => (
            <tr key={o.id} className="not-invited">
              <td>{o.name}</td>
              <td colSpan={5}>
                <span className="badge warn">{t('attendance.convocation.never')}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
