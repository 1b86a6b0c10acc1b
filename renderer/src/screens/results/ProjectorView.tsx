import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatInteger, formatSoles } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { EnvelopeBar } from './charts';

type View = Output<'results:projector'>;

const POLL_MS = 3000;
const PAGE_MS = 12000;

/** Rows that fit on one page of the projector at the current window size (see results.css). */
function pageSize(): { cols: number; rows: number } {
  const w = window.innerWidth;
  const h = window.innerHeight;
  const fs = Math.min(40, Math.max(18, 0.019 * w)); // .projector font-size
  const cols = w >= 1200 ? 2 : 1;
  const reserved = 7.5 * fs + 0.22 * h; // title, envelope bar and line, heading, footer, gaps
  const rows = Math.max(3, Math.floor((h - reserved) / (1.6 * fs)));
  return { cols, rows };
}

/**
 * Full-screen, high-contrast view for the hall's projector. It follows the current round
 * (the newest open one, else the newest closed one) by asking the core every few seconds,
 * shows results only once the round is closed, and pages through long lists by itself.
 */
export function ProjectorView({
  workshopId,
  onClose,
}: {
  workshopId: string;
  onClose: () => void;
}) {
  const { t, errorText } = useI18n();
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(pageSize);

  useEffect(() => {
    let live = true;
    const poll = () =>
      invoke('results:projector', { workshopId })
        .then((v) => {
          if (!live) return;
          setView(v);
          setError(null);
        })
        .catch((e: unknown) => live && setError(errorText(e)));
    void poll();
    const id = window.setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      window.clearInterval(id);
    };
  }, [workshopId, errorText]);

  useEffect(() => {
    const onResize = () => setSize(pageSize());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const results = view?.results?.kind === 'priority' ? view.results.value : null;
  const chosen = results
    ? results.projects.filter((p) => p.selected).sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    : [];
  // A second column only when one does not hold the list: one column leaves titles whole.
  const cols = chosen.length > size.rows ? size.cols : 1;
  const perPage = cols * size.rows;
  const pages = Math.max(1, Math.ceil(chosen.length / perPage));
  const current = Math.min(page, pages - 1);

  const turn = useCallback(
    (d: number) => setPage((p) => (((Math.min(p, pages - 1) + d) % pages) + pages) % pages),
    [pages],
  );
  useEffect(() => {
    if (pages < 2) return;
    const id = window.setInterval(() => turn(1), PAGE_MS);
    return () => window.clearInterval(id);
  }, [pages, turn]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') turn(1);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') turn(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, turn]);

  const slice = chosen.slice(current * perPage, (current + 1) * perPage);
  const columns = Array.from({ length: cols }, (_, c) =>
    slice.slice(c * size.rows, (c + 1) * size.rows),
  ).filter((c) => c.length > 0);

  return (
    <div
      className="projector"
      role="dialog"
      aria-modal="true"
      aria-label={view?.round?.title ?? t('results.projector.none')}
      data-testid="projector"
    >
      <button type="button" className="projector-close" onClick={onClose}>
        {t('results.projector.close')}
      </button>
      {error && (
        <div className="projector-error" role="alert">
          {error}
        </div>
      )}
      {view && !view.round && <p className="projector-wait">{t('results.projector.none')}</p>}
      {view?.round && (
        <>
          <h1 className="projector-title" data-testid="projector-title">
            {view.round.title}
          </h1>
          {view.round.state !== 'closed' && (
            <div className="projector-wait" data-testid="projector-hidden">
              <p className="big">{t('results.projector.voting')}</p>
              <p>{t('results.projector.hidden')}</p>
            </div>
          )}
          {results && (
            <>
              <EnvelopeBar results={results} big />
              {results.problem ? (
                <p className="projector-wait">{t(results.problem.key, results.problem.params)}</p>
              ) : (
                <>
                  <h2 className="projector-heading">
                    {t('results.projector.selectedHeading', { n: chosen.length })}
                  </h2>
                  <div className="projector-cols" data-testid="projector-selected">
                    {columns.map((col, c) => (
                      <ol key={c} start={current * perPage + c * size.rows + 1}>
                        {col.map((p) => (
                          <li key={p.code} data-code={p.code}>
                            <span className="code">{p.code}</span>
                            <span className="name">{p.title}</span>
                            <span className="amount">{formatSoles(p.costCents)}</span>
                          </li>
                        ))}
                      </ol>
                    ))}
                  </div>
                </>
              )}
            </>
          )}
          {view.results?.kind === 'sector' && (
            <ol className="projector-sectors" data-testid="projector-sectors">
              {view.results.value.sectors.map((s) => (
                <li key={s.sectorId}>
                  <span className="name">{s.name}</span>
                  <span className="amount">{formatInteger(s.votes)}</span>
                  <span className="amount">
                    {s.shareCents === null ? '' : formatSoles(s.shareCents)}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <footer className="projector-foot">
            <span>
              {t('results.projector.fingerprint')}: <code>{view.chain.fingerprint}</code>
            </span>
            {pages > 1 && (
              <span data-testid="projector-page">
                {t('results.projector.page', { page: current + 1, pages })}
              </span>
            )}
          </footer>
        </>
      )}
    </div>
  );
}
