import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { ErrorBanner, Field, useAction } from '../../kit';

type Lock = Output<'results:setupLock'>;

interface Props {
  workshopId: string;
  lock: Lock;
  onReopened: (lock: Lock, chain: Output<'results:reopenSetup'>['chain']) => void;
}

/** Why the fields that decide results are locked, and the recorded way to reopen them. */
export function SetupLockPanel({ workshopId, lock, onReopened }: Props) {
  const { t } = useI18n();
  const [by, setBy] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  if (!lock.locked && lock.reopenings.length === 0) return null;
  return (
    <section className="panel" data-testid="setup-lock">
      {lock.locked && (
        <p className="banner" role="status" data-testid="setup-locked">
          {t('workshop.lock.locked', { round: lock.round ?? '' })}
        </p>
      )}
      {lock.reopenings.map((r) => (
        <p key={r.at} className="muted">
          {formatDateTime(r.at)} · {r.by}: {r.reason}
        </p>
      ))}
      {lock.locked && (
        <div className="grid-2">
          <Field label={t('workshop.lock.reopenBy')}>
            <input name="reopen-by" value={by} onChange={(e) => setBy(e.target.value)} />
          </Field>
          <Field label={t('workshop.lock.reopenReason')}>
            <input
              name="reopen-reason"
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Field>
          <div>
            <button
              type="button"
              data-testid="reopen-setup"
              disabled={busy || !by.trim() || !reason.trim()}
              onClick={() =>
                void run(async () => {
                  const r = await invoke('results:reopenSetup', { workshopId, by, reason });
                  onReopened(r.value, r.chain);
                })
              }
            >
              {t('workshop.lock.reopen')}
            </button>
          </div>
          <ErrorBanner error={error} />
        </div>
      )}
    </section>
  );
}
