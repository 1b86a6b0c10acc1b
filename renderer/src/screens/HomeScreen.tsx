import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Output } from '../../../shared/api';
import { formatDateTime } from '../../../shared/format';
import type { WorkshopState, WorkshopSummary } from '../../../shared/schemas/workshop';
import { useI18n } from '../i18n';
import { ErrorBanner, useAction } from '../kit';
import { invoke } from '../transport';

interface Props {
  info: Output<'app:info'>;
  onOpen: (w: WorkshopState) => void;
  /** Check a sealed minutes PDF without opening a workshop. */
  onVerify: () => void;
  /** Compare sealed minutes with the final plan (issue 7). */
  onCompare: () => void;
}

export function HomeScreen({ info, onOpen, onVerify, onCompare }: Props) {
  const { t } = useI18n();
  const [list, setList] = useState<WorkshopSummary[] | null>(null);
  const [recent, setRecent] = useState<Output<'workshop:recent'>>([]);
  const { busy, error, failWith, run: act } = useAction();
  const [title, setTitle] = useState('');
  const [municipality, setMunicipality] = useState('');
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));

  const refresh = useCallback(() => {
    invoke('workshop:list', {}).then(setList).catch(failWith);
    if (info.dialogs)
      invoke('workshop:recent', {})
        .then(setRecent)
        .catch(() => setRecent([]));
  }, [failWith, info.dialogs]);
  useEffect(refresh, [refresh]);

  const run = async (fn: () => Promise<WorkshopState | null>) => {
    const r = await act(fn);
    if (!r.ok) refresh();
    else if (r.value) onOpen(r.value);
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    const input = { title, municipality, fiscalYear: Number(year) };
    void run(() =>
      info.dialogs ? invoke('workshop:createWithDialog', input) : invoke('workshop:create', input),
    );
  };

  return (
    <main className="home">
      <section className="panel">
        <h1>{t('home.title')}</h1>
        <p className="lead">{t('home.lead')}</p>
        <ErrorBanner error={error} />
        <h2>{t('home.workshops')}</h2>
        {list === null ? (
          <p>{t('common.loading')}</p>
        ) : list.length === 0 ? (
          <p className="muted">{t('home.none')}</p>
        ) : (
          <ul className="workshop-list" aria-label={t('home.workshops')}>
            {list.map((w) => (
              <li key={w.file}>
                <button
                  type="button"
                  className="workshop-item"
                  disabled={busy}
                  onClick={() => void run(() => invoke('workshop:open', { file: w.file }))}
                >
                  <strong>{w.problem ? w.file : w.title}</strong>
                  <span className="muted">
                    {w.problem
                      ? t(`home.problem.${w.problem}`)
                      : `${w.municipality} · ${w.fiscalYear}`}{' '}
                    · {t('home.modified', { when: formatDateTime(w.modifiedAt, w.timeZone) })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {info.dialogs && recent.length > 0 && (
          <>
            <h2>{t('home.recent')}</h2>
            <ul className="workshop-list">
              {recent.map((r) => (
                <li key={r.path}>
                  <button
                    type="button"
                    className="workshop-item"
                    disabled={busy || !r.exists}
                    onClick={() => void run(() => invoke('workshop:openRecent', { path: r.path }))}
                  >
                    <strong>{r.file}</strong>
                    <span className="muted">{r.exists ? r.path : t('home.recentMissing')}</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="actions">
          {info.dialogs && (
            <button
              type="button"
              disabled={busy}
              onClick={() => void run(() => invoke('workshop:openWithDialog', {}))}
            >
              {t('home.openFile')}
            </button>
          )}
          <button
            type="button"
            data-testid="open-demo"
            disabled={busy}
            onClick={() => void run(() => invoke('workshop:openDemo', {}))}
          >
            {t('home.openDemo')}
          </button>
          <button type="button" data-testid="open-verify" onClick={onVerify}>
            {t('minutes.ui.verifyHome')}
          </button>
          <button type="button" data-testid="open-plan" onClick={onCompare}>
            {t('plan.ui.home')}
          </button>
        </div>
        {!info.dialogs && <p className="muted small">{t('home.dataDir', { dir: info.dataDir })}</p>}
      </section>

      <section className="panel">
        <h2>{t('home.new')}</h2>
        <form onSubmit={create} className="form">
          <label>
            {t('setup.municipality')}
            <input
              name="municipality"
              required
              value={municipality}
              onChange={(e) => setMunicipality(e.target.value)}
              placeholder={t('home.municipalityExample')}
            />
          </label>
          <label>
            {t('setup.title')}
            <input
              name="title"
              required
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder={t('home.titleExample')}
            />
          </label>
          <label>
            {t('setup.fiscalYear')}
            <input
              name="fiscalYear"
              required
              inputMode="numeric"
              pattern="20[0-9]{2}"
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('home.create')}
          </button>
        </form>
      </section>
    </main>
  );
}
