// Rule keys, as `minka tally --rule` and pabulib's expected outcomes spell them.
import type { Satisfaction } from './satisfaction';

export type Rule =
  | { kind: 'greedy'; sat: Satisfaction }
  | { kind: 'mes'; sat: Satisfaction; add1: boolean; completion: boolean }
  | { kind: 'phragmen' };

const GREEDY: Record<string, Satisfaction> = {
  greedy: 'cost',
  'greedy-per-cost': 'cardinality',
  'greedy-points': 'points',
};
const MES: Record<string, Satisfaction> = {
  mes: 'cost',
  'mes-cardinality': 'cardinality',
  'mes-points': 'points',
};
const MES_SUFFIXES = ['', '+greedy', '+add1', '+add1+greedy'] as const;

/** Every accepted key, in the order help texts list them. */
export const RULE_KEYS: readonly string[] = [
  ...Object.keys(GREEDY),
  ...MES_SUFFIXES.flatMap((suffix) => Object.keys(MES).map((m) => m + suffix)),
  'phragmen',
];

/** Parse a rule key such as 'mes-cardinality+add1+greedy'; null when it is not one. */
export function parseRuleKey(key: string): Rule | null {
  const g = GREEDY[key];
  if (g) return { kind: 'greedy', sat: g };
  if (key === 'phragmen') return { kind: 'phragmen' };
  const [base = '', ...rest] = key.split('+');
  const sat = MES[base];
  if (!sat) return null;
  const suffix = rest.length > 0 ? `+${rest.join('+')}` : '';
  if (!(MES_SUFFIXES as readonly string[]).includes(suffix)) return null;
  return { kind: 'mes', sat, add1: rest.includes('add1'), completion: rest.includes('greedy') };
}

export function ruleToKey(rule: Rule): string {
  switch (rule.kind) {
    case 'greedy':
      return Object.keys(GREEDY).find((k) => GREEDY[k] === rule.sat) ?? 'greedy';
    case 'phragmen':
      return 'phragmen';
    case 'mes': {
      const base = Object.keys(MES).find((k) => MES[k] === rule.sat) ?? 'mes';
      return base + (rule.add1 ? '+add1' : '') + (rule.completion ? '+greedy' : '');
    }
  }
}
