import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/format';
import type { WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { useAction, type Say, type Wording } from '../../kit';
import { invoke } from '../../transport';
import './backups.css';

type Backup = Output<'backup:list'>['items'][number];

function size(bytes: number): string {
  return bytes >= 1_048_576
    ? `${(bytes / 1_048_576).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/**
 * The rolling backups of this workshop: list, back up now, restore into a NEW file (after
 * confirmation; the live file is kept), and save a copy to a USB stick.
 */
export function BackupsPanel({
  workshop,
  onReplace,
}: {
  workshop: WorkshopState;
  onReplace: (w: WorkshopState) => void;
}) {
  const { t, errorText } = useI18n();
  const [list, setList] = useState<Output<'backup:list'> | null>(null);
  const [dialogs, setDialogs] = useState(false);
  const { busy, error, failWith, run: act } = useAction();
  /** What the last action did, worded when drawn. */
  const [done, setDone] = useState<{ say: Say } | null>(null);
  const [confirm, setConfirm] = useState<Backup | null>(null);
  const [folder, setFolder] = useState('');
  const confirmRef = useRef<HTMLButtonElement>(null);
  const { workshopId } = workshop;

  const refresh = useCallback(() => {
    invoke('backup:list', { workshopId }).then(setList).catch(failWith);
  }, [workshopId, failWith]);

  useEffect(() => {
    refresh();
  }, [refresh, workshop.file, workshop.chain.head]);

  useEffect(() => {
    invoke('app:info', {})
      .then((i) => setDialogs(i.dialogs))
      .catch(() => setDialogs(false));
  }, []);

  useEffect(() => {
    if (confirm) confirmRef.current?.focus();
  }, [confirm]);

  /** Run an action; what it did (null: nothing, e.g. a dialog cancelled) is shown after. */
  const run = async (fn: () => Promise<Say | null>) => {
    setDone(null);
    const r = await act(fn);
    if (r.ok && r.value) setDone({ say: r.value });
    refresh();
  };

  const backupNow = () =>
    void run(async () => {
      const b = await invoke('backup:now', { workshopId });
      return (w: Wording) => w.t('backup.taken', { events: b.length, fingerprint: b.fingerprint });
    });

  const restore = (b: Backup) =>
    void run(async () => {
      setConfirm(null);
      const r = await invoke('backup:restore', { workshopId, file: b.file });
      onReplace(r.workshop);
      return (w: Wording) => w.t('backup.restored', { file: r.file });
    });

  const saveCopy = () =>
    void run(async () => {
      const r = await invoke('backup:saveCopy', dialogs ? { workshopId } : { workshopId, folder });
      if (!r) return null;
      const params = { path: r.path, events: r.length, fingerprint: r.fingerprint };
      return (w: Wording) => w.t('backup.copy.saved', params);
    });

  return (
    <section className="panel backups" aria-labelledby="backups-heading" data-testid="backups">
      <div className="screen-head-inline">
        <h2 id="backups-heading">{t('backup.heading')}</h2>
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={backupNow}
          data-testid="backup-now"
        >
          {busy ? t('backup.taking') : t('backup.now')}
        </button>
      </div>
      {list && (
        <p className="lead">
          {list.policy.enabled
            ? t('backup.lead', {
                minutes: list.policy.everyMinutes,
                events: list.policy.afterEvents,
                keep: list.policy.keep,
              })
            : t('backup.off')}{' '}
          <span className="muted">{t('backup.folder', { folder: list.folder })}</span>
        </p>
      )}
      {list?.running && <p role="status">{t('backup.running')}</p>}
      {list?.lastError && (
        <div className="banner warn" role="alert">
          {t('backup.lastError', { message: t(list.lastError.key, list.lastError.params) })}
        </div>
      )}
      {error ? (
        <div className="banner error" role="alert" data-testid="backup-message">
          {error}
        </div>
      ) : (
        done && (
          <div className="banner ok" role="status" data-testid="backup-message">
            {done.say({ t, errorText })}
          </div>
        )
      )}
      {confirm && (
        <div
          className="banner warn confirm"
          role="alertdialog"
          aria-labelledby="restore-title"
          aria-describedby="restore-body"
          data-testid="restore-confirm"
        >
          <strong id="restore-title">{t('backup.confirm.title')}</strong>
          <p id="restore-body">
            {t('backup.confirm.body', {
              when: formatDateTime(confirm.at),
              events: confirm.length,
              fingerprint: confirm.fingerprint,
              file: workshop.file,
            })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              ref={confirmRef}
              disabled={busy}
              onClick={() => restore(confirm)}
              data-testid="restore-yes"
            >
              {t('backup.confirm.yes')}
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      {list && list.items.length === 0 && <p>{t('backup.none')}</p>}
      {list && list.items.length > 0 && (
        <table className="data-table" data-testid="backup-list">
          <thead>
            <tr>
              <th>{t('backup.col.when')}</th>
              <th className="num">{t('backup.col.events')}</th>
              <th>{t('backup.col.fingerprint')}</th>
              <th className="num">{t('backup.col.size')}</th>
              <th>{t('backup.col.state')}</th>
              <th>
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((b) => (
              <tr key={b.file}>
                <td>{formatDateTime(b.at)}</td>
                <td className="num">{b.length}</td>
                <td>
                  <code>{b.fingerprint}</code>
                </td>
                <td className="num">{size(b.size)}</td>
                <td>
                  {b.ok ? (
                    t('backup.state.ok')
                  ) : (
                    <strong className="field-error">{t('backup.state.damaged')}</strong>
                  )}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    disabled={!b.ok || busy}
                    aria-label={t('backup.restoreLabel', { when: formatDateTime(b.at) })}
                    onClick={() => setConfirm(b)}
                  >
                    {t('backup.restore')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('backup.copy.heading')}</h3>
      <p className="lead">{t('backup.copy.lead')}</p>
      {dialogs ? (
        <button type="button" disabled={busy} onClick={saveCopy}>
          {t('backup.copy.choose')}
        </button>
      ) : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            saveCopy();
          }}
        >
          <label>
            {t('backup.copy.folder')}
            <input
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
              data-testid="copy-folder"
              spellCheck={false}
            />
          </label>
          <button type="submit" disabled={busy} data-testid="copy-save">
            {t('backup.copy.save')}
          </button>
        </form>
      )}
    </section>
  );
}
