import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../shared/api';
import { isEventType } from '../../../shared/events';
import { venueDatesLines } from '../../../shared/attendance/convocation';
import { checkInDaysLines } from '../../../shared/attendance/day-off-clock';
import { clockStepMessage, clockWindowMessage } from '../../../shared/clock-steps';
import { unclosedDeskLines } from '../../../shared/voting/unclosed-desks';
import { formatDateTime, formatSpan } from '../../../shared/format';
import { fingerprint } from '../../../shared/fingerprint';
import type { WorkshopState } from '../../../shared/schemas/workshop';
import { useI18n } from '../i18n';
import { ErrorBanner, useAction } from '../kit';
import { invoke } from '../transport';
import { BackupsPanel } from './record/BackupsPanel';
import { ExportPanel } from './record/ExportPanel';

/** The event log as recorded: every change, in order, with the chain check on demand. */
export function RecordScreen({
  workshop,
  onReplace,
}: {
  workshop: WorkshopState;
  onReplace: (w: WorkshopState) => void;
}) {
  const { t } = useI18n();
  const [events, setEvents] = useState<Output<'events:list'>>([]);
  const [verdict, setVerdict] = useState<Output<'chain:verify'> | null>(null);
  const { error, failWith } = useAction();

  useEffect(() => {
    invoke('events:list', { workshopId: workshop.workshopId, limit: 1000 })
      .then((e) => setEvents(e.reverse()))
      .catch(failWith);
  }, [workshop.workshopId, workshop.chain.head, failWith]);

  const verify = useCallback(() => {
    setVerdict(null);
    invoke('chain:verify', { workshopId: workshop.workshopId }).then(setVerdict).catch(failWith);
  }, [workshop.workshopId, failWith]);

  return (
    <section className="record">
      <div className="screen-head">
        <h1>{t('record.heading')}</h1>
        <button type="button" className="primary" onClick={verify}>
          {t('record.verify')}
        </button>
      </div>
      <p className="lead">{t('record.lead')}</p>
      <ErrorBanner error={error} />
      {verdict && (
        <div
          className={`banner ${verdict.ok ? 'ok' : 'error'}`}
          role="status"
          data-testid="chain-verdict"
        >
          {verdict.ok
            ? t('record.ok', { length: verdict.length, fingerprint: fingerprint(verdict.head) })
            : t('record.broken', { seq: verdict.brokenAt ?? 0 })}
        </div>
      )}
      {verdict?.clock && verdict.clock.backwards.length > 0 && (
        <div className="banner warn clock-steps" role="status" data-testid="clock-backwards">
          <strong>{t('check.clock.heading', { count: verdict.clock.backwards.length })}</strong>
          <ul>
            {verdict.clock.backwards.map((s) => {
              const m = clockStepMessage(s, verdict.clock?.timeZone ?? '', (k) => t(k));
              return <li key={`${s.kitId ?? ''}|${s.seq}`}>{t(m.key, m.params)}</li>;
            })}
          </ul>
          <p>{t('check.clock.note', { tolerance: formatSpan(verdict.clock.toleranceSeconds) })}</p>
        </div>
      )}
      {verdict?.clock && verdict.clock.outside.length > 0 && (
        <div className="banner warn clock-steps" role="status" data-testid="clock-outside-kit">
          <strong>{t('check.clock.windowHeading', { count: verdict.clock.outside.length })}</strong>
          <ul>
            {verdict.clock.outside.map((w) => {
              const m = clockWindowMessage(w, verdict.clock?.timeZone ?? '', (k) => t(k));
              return <li key={`${w.kitId}|${w.bound}`}>{t(m.key, m.params)}</li>;
            })}
          </ul>
          <p>
            {t('check.clock.windowNote', {
              tolerance: formatSpan(verdict.clock.windowToleranceSeconds),
            })}
          </p>
        </div>
      )}
      {verdict?.venueDates && (
        <div className="banner warn" role="status" data-testid="venue-dates-moved">
          {venueDatesLines(verdict.venueDates).map((l, i) =>
            i === 0 ? (
              <strong key={l.key}>{t(l.key, l.params)}</strong>
            ) : (
              <p key={`${l.key}|${i}`}>{t(l.key, l.params)}</p>
            ),
          )}
        </div>
      )}
      {verdict?.checkInDays && (
        <div className="banner warn" role="status" data-testid="check-in-days-off">
          {checkInDaysLines(verdict.checkInDays).map((l, i) =>
            l.key.endsWith('.heading') ? (
              <strong key={l.key}>{t(l.key, l.params)}</strong>
            ) : (
              <p key={`${l.key}|${i}`}>{t(l.key, l.params)}</p>
            ),
          )}
        </div>
      )}
      {verdict?.unclosed && (
        <div className="banner warn" role="status" data-testid="unclosed-desks">
          {unclosedDeskLines(verdict.unclosed).map((l, i) =>
            i === 0 ? (
              <strong key={l.key}>{t(l.key, l.params)}</strong>
            ) : (
              <p key={`${l.key}|${i}`}>{t(l.key, l.params)}</p>
            ),
          )}
        </div>
      )}
      {verdict?.sealConfirmed && (
        // What the key holder confirmed when sealing (kept in the seal's event): not a finding.
        <div className="banner warn clock-steps" role="status" data-testid="seal-confirmed">
          <strong>{t('minutes.checkDb.confirmed', { count: verdict.sealConfirmed.length })}</strong>
          {verdict.sealConfirmed.map((w) => (
            <p key={w.id}>{t(w.key, w.params)}</p>
          ))}
        </div>
      )}
      <BackupsPanel workshop={workshop} onReplace={onReplace} />
      <ExportPanel workshopId={workshop.workshopId} />
      <h2>{t('backup.eventsHeading')}</h2>
      <table className="data-table">
        <thead>
          <tr>
            <th>{t('record.seq')}</th>
            <th>{t('record.when')}</th>
            <th>{t('record.what')}</th>
            <th>{t('record.hash')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.seq}>
              <td className="num">{e.seq}</td>
              <td>{formatDateTime(e.at)}</td>
              {/* A member of the event union has a name; a type it lacks (a later version's) shows as written. */}
              <td>{isEventType(e.type) ? t(`event.${e.type}`) : e.type}</td>
              <td>
                <code>{fingerprint(e.hash)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
