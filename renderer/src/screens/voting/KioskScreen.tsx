import { useCallback, useEffect, useRef, useState } from 'react';
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
import { useAction } from '../../kit';
import { KioskBallot, type Marks } from './KioskBallot';
import { KioskPick } from './KioskPick';
import { KioskReview } from './KioskReview';
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

const NO_MARKS: Marks = { chosen: [], points: {}, blank: false };

/**
 * The kiosk: one entitled voter at a time, in large type. The facilitator picks the voter
 * (who has not voted), the voter marks the ballot, and the screen clears for the next one.
 * Its messages are worded when drawn: a voter who switches to Quechua reads them in Quechua.
 */
export function KioskScreen({ round, detail, items, cast, notListed, errText, onExit }: Props) {
  const { t } = useI18n();
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [marks, setMarks] = useState<Marks>(NO_MARKS);
  const { chosen, points, blank } = marks;
  const { busy, error, fail, clear: clearError, run } = useAction(errText);
  const doneRef = useRef<HTMLButtonElement>(null);
  const firstChoiceRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  const clear = useCallback(() => {
    setMarks(NO_MARKS);
    clearError();
    setStep({ kind: 'pick' });
  }, [clearError]);
  useEffect(() => {
    // Focus goes to the next control, never to the page body: the search (KioskPick), the
    // first option of the ballot once a voter is chosen, the confirmation on the review.
    if (step.kind === 'ballot') firstChoiceRef.current?.focus();
    if (step.kind === 'review') confirmRef.current?.focus();
    if (step.kind === 'done') {
      doneRef.current?.focus();
      const timer = setTimeout(clear, 4000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [step, clear]);

  const votedCount = detail.voters.filter((v) => v.voted).length;
  const type = round.ballotType ?? 'approval';
  const limitCents = round.budgetCents ?? 0;
  const spent = chosen.reduce((s, id) => s + (items.get(id)?.costCents ?? 0), 0);
  const toggle = (id: string) => {
    clearError();
    if (chosen.includes(id)) {
      setMarks({ ...marks, chosen: chosen.filter((x) => x !== id), blank: false });
      return;
    }
    setMarks({ ...marks, blank: false });
    if (type !== 'knapsack' && round.maxChoices !== null && chosen.length >= round.maxChoices)
      return fail('voting.kiosk.maxReached', { max: round.maxChoices });
    if (type === 'knapsack' && spent + (items.get(id)?.costCents ?? 0) > limitCents)
      return fail('voting.kiosk.overBudget');
    setMarks({ ...marks, chosen: [...chosen, id], blank: false });
  };
  const setPts = (id: string, n: number) => {
    clearError();
    const next = { ...points, [id]: Math.max(0, n) };
    const total = Object.values(next).reduce((s, p) => s + p, 0);
    if (round.totalPoints !== null && total > round.totalPoints) {
      setMarks({ ...marks, blank: false });
      return fail('voting.kiosk.noPointsLeft');
    }
    setMarks({ ...marks, points: next, blank: false });
  };
  /** "Voto en blanco" clears any marked option; marking an option clears it again. */
  const toggleBlank = () => {
    clearError();
    setMarks(blank ? { ...marks, blank: false } : { chosen: [], points: {}, blank: true });
  };

  /** "Votar" leads to the review; only "Confirmar" casts. */
  const review = () => {
    if (step.kind !== 'ballot') return;
    if (blank) {
      clearError();
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
    if (ballot.choices.length === 0) return fail('voting.kiosk.nothingMarked');
    clearError();
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
          // The option a key marks is shown (the list scrolls on its own above the footer).
          document
            .querySelector(`.kiosk-items > li:nth-child(${e.key})`)
            ?.scrollIntoView({ block: 'nearest' });
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
        // The Enter that picked the voter on the search reaches here after the ballot is
        // drawn: it was that pick, not a vote with nothing marked (it showed that error).
        if (e.defaultPrevented) return;
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
    const r = await run(() => cast(step.voter.participantId, step.ballot));
    if (!r.ok) return;
    setMarks(NO_MARKS);
    setStep({ kind: 'done' });
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
        <KioskPick
          detail={detail}
          votedCount={votedCount}
          notListed={notListed}
          error={error}
          fail={fail}
          clearError={clearError}
          onPick={(voter) => {
            clearError();
            setStep({ kind: 'ballot', voter });
          }}
        />
      )}
      {step.kind === 'ballot' && (
        <KioskBallot
          round={round}
          items={items}
          voterName={step.voter.name}
          marks={marks}
          error={error}
          firstChoiceRef={firstChoiceRef}
          onToggle={toggle}
          onPoints={setPts}
          onBlank={toggleBlank}
          onCancel={clear}
          onReview={review}
        />
      )}
      {step.kind === 'review' && (
        <KioskReview
          round={round}
          items={items}
          voterName={step.voter.name}
          ballot={step.ballot}
          error={error}
          busy={busy}
          confirmRef={confirmRef}
          onBack={() => setStep({ kind: 'ballot', voter: step.voter })}
          onConfirm={() => void submit()}
        />
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
