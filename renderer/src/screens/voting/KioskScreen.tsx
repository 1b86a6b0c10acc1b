import { useEffect, useMemo, useRef, useState } from 'react';
import { foldName } from '../../../../shared/attendance/search';
import { formatSoles } from '../../../../shared/format';
import type {
  BallotContent,
  KioskVoter,
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
  errText: (e: unknown) => string;
  onExit: () => void;
}

type Step = { kind: 'pick' } | { kind: 'ballot'; voter: KioskVoter } | { kind: 'done' };

/**
 * The kiosk: one entitled voter at a time, in large type. The facilitator picks the voter
 * (who has not voted), the voter marks the ballot, and the screen clears for the next one.
 */
export function KioskScreen({ round, detail, items, cast, errText, onExit }: Props) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [points, setPoints] = useState<Record<string, number>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const doneRef = useRef<HTMLButtonElement>(null);

  const clear = () => {
    setChosen([]);
    setPoints({});
    setQuery('');
    setError(null);
    setStep({ kind: 'pick' });
  };
  useEffect(() => {
    if (step.kind === 'pick') searchRef.current?.focus();
    if (step.kind === 'done') {
      doneRef.current?.focus();
      const timer = setTimeout(clear, 4000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [step]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      if (step.kind === 'ballot') clear();
      else onExit();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step, onExit]);

  const waiting = useMemo(() => {
    const q = foldName(query);
    return detail.voters.filter(
      (v) => !v.voted && (!q || foldName(`${v.name} ${v.organization}`).includes(q)),
    );
  }, [detail.voters, query]);
  const votedCount = detail.voters.filter((v) => v.voted).length;

  const type = round.ballotType ?? 'approval';
  const limitCents = round.budgetCents ?? 0;
  const spent = chosen.reduce((s, id) => s + (items.get(id)?.costCents ?? 0), 0);
  const pointsUsed = Object.values(points).reduce((s, p) => s + p, 0);
  const toggle = (id: string) => {
    setError(null);
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
    const next = { ...points, [id]: Math.max(0, n) };
    const total = Object.values(next).reduce((s, p) => s + p, 0);
    if (round.totalPoints !== null && total > round.totalPoints) {
      setError(t('voting.kiosk.noPointsLeft'));
      return;
    }
    setPoints(next);
  };

  const submit = async () => {
    if (step.kind !== 'ballot') return;
    const ballot: BallotContent =
      type === 'cumulative'
        ? (() => {
            const ids = round.itemIds.filter((id) => (points[id] ?? 0) > 0);
            return { choices: ids, points: ids.map((id) => points[id] ?? 0) };
          })()
        : { choices: chosen, points: null };
    if (ballot.choices.length === 0) {
      setError(t('voting.error.emptyBallot'));
      return;
    }
    setBusy(true);
    try {
      await cast(step.voter.participantId, ballot);
      setChosen([]);
      setPoints({});
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
        <span data-testid="kiosk-rule">{t(voteRuleKey(detail.voteRule))}</span>
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
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t('voting.kiosk.searchPlaceholder')}
            aria-label={t('voting.kiosk.who')}
            onKeyDown={(e) => {
              const first = waiting[0];
              if (e.key === 'Enter' && first) {
                e.preventDefault();
                setStep({ kind: 'ballot', voter: first });
              }
            }}
          />
          {waiting.length === 0 && (
            <p className="kiosk-note">
              {votedCount >= detail.entitled
                ? t('voting.kiosk.allVoted')
                : t('voting.kiosk.noMatch')}
            </p>
          )}
          <ul className="kiosk-voters">
            {waiting.slice(0, 8).map((v) => (
              <li key={v.participantId}>
                <button type="button" onClick={() => setStep({ kind: 'ballot', voter: v })}>
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
            <button type="button" onClick={clear}>
              {t('voting.kiosk.cancel')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
              {t('voting.kiosk.cast')}
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
