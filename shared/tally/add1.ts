// MES+add1: raise every voter's money by one currency unit per pass until the outcome
// overspends (return the previous pass) or no supported project still fits.
import type { CompiledProfile } from './profile';
import { Rational } from './rational';
import type { Satisfaction } from './satisfaction';
import type { TieBreak } from './tiebreak';
import { mes, type MesOutcome } from './mes';
import { floatModel } from './mes-float';
import { TallyError } from './errors';

/**
 * add1 raises each voter's money by one currency unit per pass, so a few voters facing a
 * large budget could need millions of passes. Real files need thousands at most (the
 * corpus peaks at 5 581); past this bound a person gets an error, not a frozen screen.
 */
export const MAX_ADD1_PASSES = 200_000;

export interface Add1Outcome extends MesOutcome {
  /** Number of MES passes run, counting the one that overspent (as the reference does). */
  passes: number;
  /** How many passes needed the exact arithmetic (near-ties); the rest were certified floats. */
  exactPasses: number;
  /** The pass whose outcome is returned: each voter's share was raised by (used − 1) units. */
  usedPass: number;
}

/** True when no supported, unselected project fits in what is left of the budget. */
export function isExhaustive(
  prof: CompiledProfile,
  order: readonly number[],
  spent: Rational,
): boolean {
  const left = prof.budget.sub(spent);
  const taken = new Set(order);
  return !prof.projects.some(
    (p, i) => !taken.has(i) && (prof.supportCount[i] ?? 0) > 0 && p.cost.le(left),
  );
}

export function mesAdd1(prof: CompiledProfile, sat: Satisfaction, tieBreak: TieBreak): Add1Outcome {
  const base = prof.voters > 0 ? prof.budget.divInt(prof.voters) : Rational.ZERO;
  let previous: MesOutcome | null = null;
  const model = floatModel(prof, sat);
  let exactPasses = 0;
  for (let pass = 1; ; pass++) {
    if (pass > MAX_ADD1_PASSES)
      throw new TallyError('tally.tooManyPasses', { passes: MAX_ADD1_PASSES });
    const outcome = mes(prof, sat, tieBreak, base.add(Rational.of(pass - 1)), model);
    if (outcome.exact) exactPasses++;
    if (prof.budget.lt(outcome.spent)) {
      // Pass 1 has exactly the budget to spend, so it can never overspend.
      return {
        ...(previous ?? outcome),
        passes: pass,
        exactPasses,
        usedPass: Math.max(1, pass - 1),
      };
    }
    if (isExhaustive(prof, outcome.order, outcome.spent) || prof.voters === 0)
      return { ...outcome, passes: pass, exactPasses, usedPass: pass };
    previous = outcome;
  }
}
