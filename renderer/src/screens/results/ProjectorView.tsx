import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatInteger, formatSoles } from '../../../../shared/format';
import type { ProjectResult } from '../../../../shared/schemas/results';
import { useI18n } from '../../i18n';
import { useAction } from '../../kit';
import { invoke } from '../../transport';
import { EnvelopeBar } from './charts';
import { appliedRule } from '../../../../shared/results/sector-split';
import { rankedFigure } from '../../../../shared/voting/ranked';
import { projectorFigures } from './projector-figure';

type View = Output<'results:projector'>;
type Rounds = Output<'results:rounds'>['rounds'];

const POLL_MS = 3000;
const PAGE_MS = 12000;

/**
 * What to show: a chosen round through the same results channel as the Resultados tab, or,
 * with none chosen, the core's current round (the newest open one, else the newest closed one).
 */
async function load(workshopId: string, roundId: string | null): Promise<View> {
  if (!roundId) return invoke('results:projector', { workshopId });
  const [{ rounds }, chain] = await Promise.all([
    invoke('results:rounds', { workshopId }),
    invoke('chain:status', { workshopId }),
  ]);
  const round = rounds.find((r) => r.id === roundId) ?? null;
  const results =
    round?.state === 'closed' ? await invoke('results:get', { workshopId, roundId }) : null;
  return { round, results, chain };
}

/** Start index of each page: as many whole rows as fit the list's height (titles wrap). */
function paginate(heights: number[], room: number): number[] {
  const starts = [0];
  let used = 0;
  heights.forEach((h, i) => {
    if (used > 0 && used + h > room) {
      starts.push(i);
      used = 0;
    }
    used += h;
  });
  return starts;
}

/**
 * Full-screen, high-contrast view for the hall's projector. It opens on the round selected on
 * Resultados (or follows the current round when none is), lets the facilitator pick another,
 * refreshes every few seconds, shows results only once the round is closed, and pages through
 * long lists by itself. Titles wrap in full; a page holds only the rows that fit whole.
 */
export function ProjectorView({
  workshopId,
  initialRoundId,
  onClose,
}: {
  workshopId: string;
  initialRoundId: string | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [roundId, setRoundId] = useState<string | null>(initialRoundId);
  const [rounds, setRounds] = useState<Rounds>([]);
  const [view, setView] = useState<View | null>(null);
  const { error, failWith, clear } = useAction();
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(() => `${window.innerWidth}x${window.innerHeight}`);
  const [starts, setStarts] = useState<number[]>([0]);
  const bodyRef = useRef<HTMLDivElement>(null);
  const measureRef = useRef<HTMLOListElement>(null);
  const headRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    const poll = () => {
      void invoke('results:rounds', { workshopId })
        .then((r) => live && setRounds(r.rounds))
        .catch(() => undefined);
      load(workshopId, roundId)
        .then((v) => {
          if (!live) return;
          setView(v);
          clear();
        })
        .catch((e: unknown) => live && failWith(e));
    };
    poll();
    const id = window.setInterval(poll, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(id);
    };
  }, [workshopId, roundId, failWith, clear]);

  // The screen behind does not scroll while projecting (it may be wider than a small projector).
  useEffect(() => {
    const root = document.documentElement;
    const before = root.style.overflow;
    root.style.overflow = 'hidden';
    return () => {
      root.style.overflow = before;
    };
  }, []);

  useEffect(() => {
    const onResize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const results = view?.results?.kind === 'priority' ? view.results.value : null;
  const chosen: ProjectResult[] = results
    ? results.projects.filter((p) => p.selected).sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    : [];
  const chosenKey = chosen.map((p) => `${p.code}:${p.title}`).join('|');
  // The column that decided the order: the combined score when the criteria matrix weighs in,
  // else points for a cumulative or ranking ballot, else votes.
  const figures = view?.results ? projectorFigures(view.results) : null;
  const colFigure = t(
    figures?.column === 'combined'
      ? 'results.projector.colCombined'
      : figures?.column === 'points'
        ? 'results.projector.colPoints'
        : 'results.projector.colVotes',
  );
  const figureOf = new Map((figures?.rows ?? []).map((r) => [r.code, r]));
  const rawText = (n: number) =>
    t(figures?.raw === 'points' ? 'results.projector.rawPoints' : 'results.projector.rawVotes', {
      n,
    });

  // Measure every row in an invisible copy of the list at the same width, then cut pages.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const measure = measureRef.current;
    if (!body || !measure) return;
    const heights = [...measure.children].map((li) => (li as HTMLElement).offsetHeight);
    const room = body.clientHeight - (headRef.current?.offsetHeight ?? 0);
    const next = paginate(heights, room);
    if (next.join() === starts.join()) return;
    // New pages (another list, another window size): start again from the first.
    setStarts(next);
    setPage(0);
  }, [chosenKey, size, starts]);

  // No list on screen (a sector round, a round still open): a single page.
  const cuts = chosen.length > 0 ? starts : [0];
  const pages = cuts.length;
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
      // Arrows on the round picker change the round, not the page.
      if (e.target instanceof HTMLSelectElement && e.key !== 'Escape') return;
      if (e.key === 'Escape') onClose();
      else if (e.key === 'ArrowRight' || e.key === 'PageDown' || e.key === ' ') turn(1);
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') turn(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, turn]);

  const from = cuts[current] ?? 0;
  const slice = chosen.slice(from, cuts[current + 1] ?? chosen.length);
  const row = (p: ProjectResult) => (
    <li key={p.code} data-code={p.code}>
      <span className="code">{p.code}</span>
      <span className="name">
        {p.title}
        {p.fromRemainder && (
          <span className="remainder"> · {t('results.split.fromRemainder')}</span>
        )}
      </span>
      <span className="votes">
        <span className="figure">
          {figureOf.get(p.code)?.combined ?? formatInteger(rankedFigure(p))}
        </span>
        {figureOf.get(p.code)?.combined != null && (
          <small className="raw">{rawText(rankedFigure(p))}</small>
        )}
      </span>
      <span className="amount">{formatSoles(p.costCents)}</span>
    </li>
  );

  return (
    <div
      className="projector"
      role="dialog"
      aria-modal="true"
      aria-label={view?.round?.title ?? t('results.projector.none')}
      data-testid="projector"
    >
      <div className="projector-top">
        {view?.round && (
          <h1 className="projector-title" data-testid="projector-title">
            {view.round.title}
          </h1>
        )}
        <div className="projector-controls">
          <select
            name="projector-round"
            aria-label={t('results.projector.round')}
            value={roundId ?? ''}
            onChange={(e) => {
              setRoundId(e.target.value || null);
              setPage(0);
            }}
          >
            <option value="">{t('results.projector.follow')}</option>
            {rounds.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
          <button type="button" className="projector-close" onClick={onClose}>
            {t('results.projector.close')}
          </button>
        </div>
      </div>
      {error && (
        <div className="projector-error" role="alert">
          {error}
        </div>
      )}
      {view && !view.round && <p className="projector-wait">{t('results.projector.none')}</p>}
      {view?.round && (
        <>
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
                  <p className="projector-rule" data-testid="projector-rule">
                    {t('results.projector.rule', {
                      rule: t(`results.rule.${appliedRule(results)}`),
                    })}
                  </p>
                  <div className="projector-body" ref={bodyRef}>
                    <div className="projector-row head" ref={headRef} aria-hidden="true">
                      <span className="code">#</span>
                      <span className="name">{t('results.projector.colProject')}</span>
                      <span className="votes" data-testid="projector-col-figure">
                        {colFigure}
                      </span>
                      <span className="amount">{t('results.projector.colAmount')}</span>
                    </div>
                    <ol className="projector-list" data-testid="projector-selected">
                      {slice.map(row)}
                    </ol>
                    <ol className="projector-list measure" ref={measureRef} aria-hidden="true">
                      {chosen.map(row)}
                    </ol>
                  </div>
                </>
              )}
            </>
          )}
          {view.results?.kind === 'sector' && (
            <ol className="projector-sectors" data-testid="projector-sectors">
              <li className="head" aria-hidden="true">
                <span className="name">{t('results.projector.colSector')}</span>
                <span className="votes">{colFigure}</span>
                <span className="amount">{t('results.projector.colShare')}</span>
              </li>
              {view.results.value.sectors.map((s) => (
                <li key={s.sectorId}>
                  <span className="name">{s.name}</span>
                  <span className="votes">
                    {formatInteger(rankedFigure({ ...s, points: null }))}
                  </span>
                  <span className="amount">
                    {s.shareCents === null ? '' : formatSoles(s.shareCents)}
                  </span>
                </li>
              ))}
            </ol>
          )}
          <footer className="projector-foot">
            {view.chain.acta && (
              <span data-testid="projector-acta">
                {t('chain.actaLabel')}: <code>{view.chain.acta}</code>
              </span>
            )}
            <span>
              {t(view.chain.acta ? 'chain.labelSealed' : 'results.projector.fingerprint')}:{' '}
              <code>{view.chain.fingerprint}</code>
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
