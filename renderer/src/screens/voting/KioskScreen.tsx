import { useEffect, useMemo, useRef, useState } from 'react';
import { indexForSearch, isClose, rankSearch } from '../../../../shared/attendance/search';
import { formatSoles } from '../../../../shared/format';
import type {
  BallotContent,
  KioskVoter,
  NotListedPerson,
  Round,
  RoundDetail,
} from '../../../../shared/schemas/voting';
import { voteRuleKey } from '../../../../shared/voting/eligibility';
import { LanguageToggle } from '../../components/LanguageToggle';
import { useI18n } from '../../i18n';
import type { Item } from './useVoting';

interface Props {
  round: Round;
  detail: RoundDetail;
  items: Map<string, Item>;
  cast: (participantId: string, ballot: BallotContent) => Promise<void>;
  /** Why registry people are not on the list: read when a search finds nobody waiting. */
  notListed: () => Promise<NotListedPerson[]>;
  errText: (e: unknown) => string;
  onExit: () => void;
}

type Step =
  | { kind: 'pick' }
  | { kind: 'ballot'; voter: KioskVoter }
  | { kind: 'review'; voter: KioskVoter; ballot: BallotContent }
  | { kind: 'done' };

/**
 * The kiosk: one entitled voter at a time, in large type. The facilitator picks the voter
 * (who has not voted), the voter marks the ballot, and the screen clears for the next one.
 */
export function KioskScreen({ round, detail, items, cast, notListed, errText, onExit }: Props) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [points, setPoints] = useState<Record<string, number>>({});
  /** The voter chose "Voto en blanco" (exclusive of every option). */
  const [blank, setBlank] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cursor, setCursor] = useState(0);
  /** The operator moved the selection themselves (↑↓): Enter may then take a close second. */
  const [picked, setPicked] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const firstChoiceRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const clear = () => {
    setChosen([]);
    setPoints({});
    setBlank(false);
    setQuery('');
    setCursor(0);
    setPicked(false);
    setError(null);
    setStep({ kind: 'pick' });
  };
  useEffect(() => {
    if (step.kind === 'pick') searchRef.current?.focus();
    // Focus goes to the next control, never to the page body: the first option of the
    // ballot once a voter is chosen, the confirmation on the review.
    if (step.kind === 'ballot') firstChoiceRef.current?.focus();
    if (step.kind === 'review') confirmRef.current?.focus();
    if (step.kind === 'done') {
      doneRef.current?.focus();
      const timer = setTimeout(clear, 4000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [step]);

  // The same search as the door: name in any order, partial words, DNI, accents off,
  // Quechua spelling variants below what was typed exactly.
  const open = useMemo(() => detail.voters.filter((v) => !v.voted), [detail.voters]);
  const index = useMemo(
    () =>
      indexForSearch(
        open.map((v) => ({
          id: v.participantId,
          dni: v.dni,
          name: [v.name],
          texts: [v.organization],
        })),
      ),
    [open],
  );
  const hits = useMemo(() => rankSearch(index, query, 8), [index, query]);
  // Nobody waiting matches: say why the people by that name are not listed (voted already,
  // accreditation pending, voice only, not checked in…), never how anyone voted. Read once a
  // search first finds nobody, and again after each vote (the list changes then).
  const [others, setOthers] = useState<NotListedPerson[]>([]);
  /** The ballot count the list was read at (it changes with each vote). */
  const othersFor = useRef<number | null>(null);
  const missed = query.trim() !== '' && hits.length === 0;
  useEffect(() => {
    if (!missed || othersFor.current === detail.ballots) return;
    othersFor.current = detail.ballots;
    notListed().then(setOthers, () => {
      othersFor.current = null;
    });
  }, [missed, detail.ballots, notListed]);
  const othersIndex = useMemo(
    () =>
      indexForSearch(
        others.map((v) => ({
          id: v.participantId,
          dni: v.dni,
          name: [v.name],
          texts: [v.organization],
        })),
      ),
    [others],
  );
  const byId = useMemo(() => new Map(open.map((v) => [v.participantId, v])), [open]);
  const waiting = query.trim() ? hits.flatMap((h) => byId.get(h.id) ?? []) : open;
  // With nothing typed every waiting voter is as close as the next: Enter needs a choice.
  const close = query.trim() ? isClose(hits) : open.length > 1;
  const votedCount = detail.voters.filter((v) => v.voted).length;
  const why = useMemo(() => {
    if (!query.trim() || hits.length > 0) return [];
    const byOther = new Map(others.map((v) => [v.participantId, v]));
    return rankSearch(othersIndex, query, 3).flatMap((h) => byOther.get(h.id) ?? []);
  }, [query, hits.length, othersIndex, others]);

  const type = round.ballotType ?? 'approval';
  const limitCents = round.budgetCents ?? 0;
  const spent = chosen.reduce((s, id) => s + (items.get(id)?.costCents ?? 0), 0);
  const pointsUsed = Object.values(points).reduce((s, p) => s + p, 0);
  const toggle = (id: string) => {
    setError(null);
    setBlank(false);
    if (chosen.includes(id)) setChosen(chosen.filter((x) => x !== id));
    else {
      if (type !== 'knapsack' && round.maxChoices !== null && chosen.length >= round.maxChoices) {
        setError(t('voting.kiosk.maxReached', { max: round.maxChoices }));
        return;
      }
      if (type === 'knapsack' && spent + (items.get(id)?.costCents ?? 0) > limitCents) {
        setError(t('voting.kiosk.overBudget'));
        return;
      }
      setChosen([...chosen, id]);
    }
  };
  const setPts = (id: string, n: number) => {
    setError(null);
    setBlank(false);
    const next = { ...points, [id]: Math.max(0, n) };
    const total = Object.values(next).reduce((s, p) => s + p, 0);
    if (round.totalPoints !== null && total > round.totalPoints) {
      setError(t('voting.kiosk.noPointsLeft'));
      return;
    }
    setPoints(next);
  };
  /** "Voto en blanco" clears any marked option; marking an option clears it again. */
  const toggleBlank = () => {
    setError(null);
    if (!blank) {
      setChosen([]);
      setPoints({});
    }
    setBlank(!blank);
  };

  /** "Votar" leads to the review; only "Confirmar" casts. */
  const review = () => {
    if (step.kind !== 'ballot') return;
    if (blank) {
      setError(null);
      setStep({ kind: 'review', voter: step.voter, ballot: { choices: [], points: null, blank } });
      return;
    }
    const ballot: BallotContent =
      type === 'cumulative'
        ? (() => {
            const ids = round.itemIds.filter((id) => (points[id] ?? 0) > 0);
            return { choices: ids, points: ids.map((id) => points[id] ?? 0) };
          })()
        : { choices: chosen, points: null };
    // Nothing marked is never a vote: the voter must mark an option or choose blank.
    if (ballot.choices.length === 0) {
      setError(t('voting.kiosk.nothingMarked'));
      return;
    }
    setError(null);
    setStep({ kind: 'review', voter: step.voter, ballot });
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Numbers 1–9 mark the options as numbered on screen.
      if (
        step.kind === 'ballot' &&
        /^[1-9]$/.test(e.key) &&
        !e.ctrlKey &&
        !e.altKey &&
        !e.metaKey
      ) {
        const id = round.itemIds[Number(e.key) - 1];
        if (id) {
          e.preventDefault();
          if (type === 'cumulative') setPts(id, (points[id] ?? 0) + 1);
          else toggle(id);
        }
        return;
      }
      // 0 is the blank vote, numbered so on screen after the options.
      if (step.kind === 'ballot' && e.key === '0' && !e.ctrlKey && !e.altKey && !e.metaKey) {
        e.preventDefault();
        toggleBlank();
        return;
      }
      // Enter never marks or unmarks: on the ballot it goes to the review, whatever button has
      // the focus (a voter who typed 1, 3, 5 and pressed Enter to finish lost the first choice).
      // A held Enter (auto-repeat) must not run on into the confirmation either.
      if (e.key === 'Enter' && (step.kind === 'ballot' || step.kind === 'review')) {
        if (e.repeat) {
          e.preventDefault();
          return;
        }
        if (step.kind === 'ballot') {
          e.preventDefault();
          review();
        }
        return;
      }
      if (e.key !== 'Escape') return;
      if (step.kind === 'ballot') clear();
      else if (step.kind === 'review') setStep({ kind: 'ballot', voter: step.voter });
      else onExit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const submit = async () => {
    if (step.kind !== 'review') return;
    setBusy(true);
    try {
      await cast(step.voter.participantId, step.ballot);
      setChosen([]);
      setPoints({});
      setBlank(false);
      setStep({ kind: 'done' });
    } catch (e) {
      setError(errText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="kiosk" role="dialog" aria-modal="true" aria-label={t('voting.kiosk.title')}>
      <header className="kiosk-head">
        <span>
          {round.title} · {t(`voting.ballotType.${type}`)}
        </span>
        <span data-testid="kiosk-count">
          {t('voting.kiosk.count', { voted: votedCount, entitled: detail.entitled })}
        </span>
        <span data-testid="kiosk-rule" className="kiosk-rule">
          {t(voteRuleKey(detail.voteRule))}
        </span>
        {/* Each voter may switch between Spanish and Quechua on the ballot itself. */}
        <LanguageToggle />
        <button type="button" className="kiosk-exit" onClick={onExit}>
          {t('voting.kiosk.exit')}
        </button>
      </header>
      {step.kind === 'pick' && (
        <div className="kiosk-body">
          <h2>{t('voting.kiosk.who')}</h2>
          <input
            ref={searchRef}
            className="kiosk-search"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setCursor(0);
              setPicked(false);
              setError(null);
            }}
            placeholder={t('voting.kiosk.searchPlaceholder')}
            aria-label={t('voting.kiosk.who')}
            aria-controls="kiosk-voters"
            onKeyDown={(e) => {
              const shown = waiting.slice(0, 8);
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                setPicked(true);
                setCursor((c) =>
                  e.key === 'ArrowDown'
                    ? Math.min(c + 1, Math.max(shown.length - 1, 0))
                    : Math.max(c - 1, 0),
                );
                return;
              }
              if (e.key !== 'Enter') return;
              e.preventDefault();
              const voter = shown[cursor];
              if (!voter) return;
              if (close && !picked) {
                const [a, b] = shown;
                setError(t('voting.kiosk.closeChoice', { a: a?.name ?? '', b: b?.name ?? '' }));
                return;
              }
              setError(null);
              setStep({ kind: 'ballot', voter });
            }}
          />
          {error && (
            <p className="kiosk-error" role="alert">
              {error}
            </p>
          )}
          {waiting.length === 0 && why.length === 0 && (
            <p className="kiosk-note" data-testid="kiosk-no-match">
              {votedCount >= detail.entitled && !query.trim()
                ? t('voting.kiosk.allVoted')
                : t('voting.kiosk.noMatch')}
            </p>
          )}
          {why.length > 0 && (
            <ul className="kiosk-why" data-testid="kiosk-why">
              {why.map((v) => (
                <li key={v.participantId}>
                  {t(`voting.kiosk.notListed.${v.reason}`, {
                    name: v.name,
                    org: v.organization,
                  })}
                </li>
              ))}
            </ul>
          )}
          <ul className="kiosk-voters" id="kiosk-voters">
            {waiting.slice(0, 8).map((v, i) => (
              <li
                key={v.participantId}
                className={`${i === cursor ? 'selected' : ''}${close && i < 2 && query.trim() ? ' close' : ''}`}
              >
                <button
                  type="button"
                  aria-current={i === cursor}
                  onClick={() => {
                    setError(null);
                    setStep({ kind: 'ballot', voter: v });
                  }}
                >
                  <span className="kiosk-name">{v.name}</span>
                  <span className="kiosk-org">
                    {v.organization} · {t(`voting.basis.${v.basis}`)}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <p className="kiosk-note">
            {t('voting.kiosk.pickHint', { rule: t(voteRuleKey(detail.voteRule)) })}
          </p>
        </div>
      )}
      {step.kind === 'ballot' && (
        <div className="kiosk-body">
          <h2 data-testid="kiosk-voter">
            {t('voting.kiosk.ballotFor', { name: step.voter.name })}
          </h2>
          <p className="kiosk-instructions">
            {t(`voting.kiosk.instructions.${type}`, {
              max: round.maxChoices ?? round.itemIds.length,
              points: round.totalPoints ?? 0,
              limit: formatSoles(limitCents),
            })}
          </p>
          <p className="kiosk-keys" data-testid="kiosk-keys">
            {t(type === 'cumulative' ? 'voting.kiosk.keysPoints' : 'voting.kiosk.keys')}
          </p>
          <ol className="kiosk-items">
            {round.itemIds.map((id, i) => {
              const it = items.get(id);
              const rank = chosen.indexOf(id);
              if (type === 'cumulative') {
                const p = points[id] ?? 0;
                return (
                  <li key={id} className={p > 0 ? 'chosen' : ''}>
                    <span className="kiosk-num">{i + 1}</span>
                    <span className="kiosk-item-title">
                      <code>{it?.code}</code> {it?.title}
                    </span>
                    <span className="kiosk-points">
                      <button
                        type="button"
                        aria-label={t('voting.kiosk.less', { item: it?.code ?? '' })}
                        onClick={() => setPts(id, p - 1)}
                      >
                        −
                      </button>
                      <output aria-label={t('voting.kiosk.pointsFor', { item: it?.code ?? '' })}>
                        {p}
                      </output>
                      <button
                        type="button"
                        aria-label={t('voting.kiosk.more', { item: it?.code ?? '' })}
                        onClick={() => setPts(id, p + 1)}
                      >
                        +
                      </button>
                    </span>
                  </li>
                );
              }
              return (
                <li key={id} className={rank >= 0 ? 'chosen' : ''}>
                  <button
                    type="button"
                    ref={i === 0 ? firstChoiceRef : undefined}
                    className="kiosk-choice"
                    aria-pressed={rank >= 0}
                    onClick={() => toggle(id)}
                  >
                    <span className="kiosk-num">{i + 1}</span>
                    <span className="kiosk-mark">
                      {rank >= 0 ? (type === 'ranking' ? `${rank + 1}º` : '✓') : ''}
                    </span>
                    <span className="kiosk-item-title">
                      <code>{it?.code}</code> {it?.title}
                    </span>
                    {type === 'knapsack' && (
                      <span className="kiosk-cost">{formatSoles(it?.costCents ?? 0)}</span>
                    )}
                  </button>
                </li>
              );
            })}
          </ol>
          <div className="kiosk-foot">
            <span className="kiosk-tally">
              {type === 'cumulative' &&
                t('voting.kiosk.pointsLeft', {
                  left: (round.totalPoints ?? 0) - pointsUsed,
                  total: round.totalPoints ?? 0,
                })}
              {type === 'knapsack' &&
                t('voting.kiosk.budgetLeft', {
                  left: formatSoles(limitCents - spent),
                  limit: formatSoles(limitCents),
                })}
              {(type === 'approval' || type === 'ranking') &&
                t('voting.kiosk.chosenOf', {
                  n: chosen.length,
                  max: round.maxChoices ?? round.itemIds.length,
                })}
            </span>
            {error && (
              <span className="kiosk-error" role="alert">
                {error}
              </span>
            )}
            {/* Always in sight (a long ballot scrolls), apart from the options: key 0. */}
            <button
              type="button"
              className={`kiosk-blank${blank ? ' chosen' : ''}`}
              data-testid="kiosk-blank"
              aria-pressed={blank}
              onClick={toggleBlank}
            >
              <span className="kiosk-num">0</span>
              <span className="kiosk-mark">{blank ? '✓' : ''}</span>
              {t('voting.kiosk.blank')}
            </button>
            <button type="button" onClick={clear}>
              {t('voting.kiosk.cancel')}
            </button>
            <button type="button" className="primary" onClick={review}>
              {t('voting.kiosk.cast')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'review' && (
        <div className="kiosk-body" data-testid="kiosk-review">
          <h2>{t('voting.kiosk.ballotFor', { name: step.voter.name })}</h2>
          <p className="kiosk-instructions">{t('voting.kiosk.review')}</p>
          <p className="kiosk-keys" data-testid="kiosk-keys">
            {t('voting.kiosk.keysReview')}
          </p>
          <ol className="kiosk-items kiosk-review">
            {step.ballot.blank && (
              <li className="chosen" data-testid="kiosk-review-blank">
                <span className="kiosk-num">0</span>
                <span className="kiosk-mark">✓</span>
                <span className="kiosk-item-title">{t('voting.kiosk.blankReview')}</span>
              </li>
            )}
            {step.ballot.choices.map((id, k) => {
              const it = items.get(id);
              const pts = step.ballot.points?.[k];
              return (
                <li key={id} className="chosen">
                  <span className="kiosk-num">{round.itemIds.indexOf(id) + 1}</span>
                  <span className="kiosk-mark">
                    {type === 'ranking'
                      ? `${k + 1}º`
                      : type === 'cumulative'
                        ? String(pts ?? 0)
                        : '✓'}
                  </span>
                  <span className="kiosk-item-title">
                    <code>{it?.code}</code> {it?.title}
                  </span>
                </li>
              );
            })}
          </ol>
          <div className="kiosk-foot">
            {error && (
              <span className="kiosk-error" role="alert">
                {error}
              </span>
            )}
            <button type="button" onClick={() => setStep({ kind: 'ballot', voter: step.voter })}>
              {t('voting.kiosk.back')}
            </button>
            <button
              ref={confirmRef}
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void submit()}
            >
              {t('voting.kiosk.confirm')}
            </button>
          </div>
        </div>
      )}
      {step.kind === 'done' && (
        <div className="kiosk-body kiosk-done">
          <p className="kiosk-thanks" role="status">
            {t('voting.kiosk.thanks')}
          </p>
          <button ref={doneRef} type="button" className="primary" onClick={clear}>
            {t('voting.kiosk.next')}
          </button>
        </div>
      )}
    </div>
  );
}
