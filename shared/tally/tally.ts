// The one entry point screens, PDFs and the CLI use: tally(profile, { rule, tieBreak }).
import { compileProfile, type CompiledProfile, type Profile } from './profile';
import { Rational } from './rational';
import type { Round } from './explain';
import { parseRuleKey, ruleToKey, type Rule } from './rules';
import { checkSatisfaction } from './satisfaction';
import { compareIds, type TieBreak } from './tiebreak';
import { greedy, greedyByScore } from './greedy';
import { mes } from './mes';
import { mesAdd1 } from './add1';
import { phragmen } from './phragmen';
import { TallyError } from './errors';

export interface TallyOptions {
  rule: string | Rule;
  tieBreak?: TieBreak;
  /**
   * Greedy only: rank by these exact scores (one per project id) instead of the ballots'
   * satisfaction, e.g. a workshop's combined score of votes and criteria. The ballots
   * still count supporters (for the 'supporters' tie-break and the explanation).
   */
  scores?: ReadonlyMap<string, Rational>;
}

export interface TallyResult {
  rule: string;
  /** Selected project ids, sorted as strings. */
  selected: string[];
  /** Selected project ids in the order the rule chose them. */
  selectionOrder: string[];
  /** Exact total cost. */
  totalCost: Rational;
  /** MES passes run (1 for plain MES; more under add1). */
  passes?: number;
  /** add1 only: currency units each voter's share was raised by in the outcome returned (0: none). */
  add1Raise?: number;
  rounds: Round[];
}

function isCompiled(p: Profile | CompiledProfile): p is CompiledProfile {
  return 'supporters' in p;
}

export function tally(profile: Profile | CompiledProfile, options: TallyOptions): TallyResult {
  const rule = typeof options.rule === 'string' ? parseRuleKey(options.rule) : options.rule;
  if (!rule)
    throw new TallyError('tally.unknownRule', {
      rule: typeof options.rule === 'string' ? options.rule : options.rule.kind,
    });
  const tieBreak = options.tieBreak ?? 'lexicographic';
  const prof = isCompiled(profile) ? profile : compileProfile(profile);
  let order: number[];
  let spent: Rational;
  let rounds: Round[];
  let passes: number | undefined;
  let add1Raise: number | undefined;
  switch (rule.kind) {
    case 'greedy': {
      if (options.scores) {
        const scores = options.scores;
        const list = prof.projects.map((p) => {
          const s = scores.get(p.id);
          if (!s) throw new TallyError('tally.noScore', { project: p.id });
          return s;
        });
        ({ order, spent, rounds } = greedyByScore(prof, list, tieBreak));
        break;
      }
      checkSatisfaction(prof, rule.sat);
      ({ order, spent, rounds } = greedy(prof, rule.sat, tieBreak));
      break;
    }
    case 'phragmen':
      ({ order, spent, rounds } = phragmen(prof, tieBreak));
      break;
    case 'mes': {
      checkSatisfaction(prof, rule.sat);
      if (rule.add1) {
        let usedPass: number;
        ({ order, spent, rounds, passes, usedPass } = mesAdd1(prof, rule.sat, tieBreak));
        add1Raise = usedPass - 1;
      } else {
        const perVoter = prof.voters > 0 ? prof.budget.divInt(prof.voters) : Rational.ZERO;
        ({ order, spent, rounds } = mes(prof, rule.sat, tieBreak, perVoter));
        passes = 1;
      }
      if (rule.completion) {
        const done = greedy(prof, rule.sat, tieBreak, { order, spent });
        ({ order, spent } = done);
        rounds = [...rounds, ...done.rounds];
      }
      break;
    }
  }
  if (options.scores && rule.kind !== 'greedy')
    throw new TallyError('tally.scoresNeedGreedy', { rule: ruleToKey(rule) });
  const selectionOrder = order.map((i) => prof.projects[i]?.id ?? '');
  return {
    rule: ruleToKey(rule),
    selected: [...selectionOrder].sort(compareIds),
    selectionOrder,
    totalCost: spent,
    ...(passes !== undefined ? { passes } : {}),
    ...(add1Raise !== undefined ? { add1Raise } : {}),
    rounds,
  };
}
