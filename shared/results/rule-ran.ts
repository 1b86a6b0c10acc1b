// What a round's selection rule actually ran, so that the screen and the Acta name those
// steps and no others (field test fac28: the screen described MES's completion on a round MES
// never ran on, and named neither add1 nor the completion where they selected projects).
import type { RoundResults, RuleRan } from '../schemas/results';

/**
 * The steps the rule ran, from a result and add1's raise (céntimos per voter, absent when not
 * known); null when the rule is not MES or the sector split selected (one step, named as such).
 */
export function ruleRan(
  r: Pick<RoundResults, 'ruleKey' | 'steps' | 'problem' | 'split'>,
  add1RaiseCents: number | undefined,
): RuleRan | null {
  if (r.split || !r.ruleKey.startsWith('mes')) return null;
  if (r.problem) return { steps: [] };
  const raised = add1RaiseCents !== undefined && add1RaiseCents > 0;
  return {
    steps: [
      'mes',
      ...(raised ? (['add1'] as const) : []),
      ...(r.steps.some((s) => s.phase === 'greedy') ? (['completion'] as const) : []),
    ],
    ...(raised ? { add1RaiseCents } : {}),
  };
}
