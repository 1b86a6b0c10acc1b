// Reconciliation of a final plan against what the workshop agreed: a pure function, so
// the screen, the printed report and `minka verify --plan` give the same answer.
//
// Order of matching (DOMAIN.md): CUI, then the proposal code, then the name. A name match is
// only a suggestion with its confidence: a person confirms it or undoes it, and undoing
// re-runs the matching without that pair. Plan lines left over are compared with the
// rejected proposals (funded although the workshop rejected them), and the rest are "in
// the plan, not in the minutes".
import { percentChange } from './amount';
import type { PlanLine } from './import';
import { capUnlessSameName, nameScorer, nameWords, wordWeights } from './similarity';

export interface AgreedItem {
  /** Stable key (the proposal id in the minutes). */
  key: string;
  code: string;
  cui: string;
  title: string;
  amountCents: number;
  /** Community co-financing: the plan may carry only the municipal share. */
  cofinancingCents: number;
  rank: number | null;
  sector: string;
}

export interface RejectedItem {
  key: string;
  code: string;
  cui: string;
  title: string;
  amountCents: number;
  /** Rejection taxonomy key. */
  reason: string;
  explanation: string;
}

export type MatchBasis = 'cui' | 'code' | 'name';

/** A person's decision on a name match: `agreedKey` is an agreed or rejected item's key. */
export interface MatchDecision {
  agreedKey: string;
  planLine: number;
  verdict: 'confirmed' | 'undone';
}

/** A plan line as the report names it (year, executor and sector left out). */
export type PlanRef = Pick<
  PlanLine,
  'line' | 'lines' | 'cui' | 'code' | 'name' | 'amountCents' | 'pimCents' | 'devengadoCents'
>;

export interface MatchedEntry {
  key: string;
  code: string;
  cui: string;
  title: string;
  rank: number | null;
  agreedCents: number;
  planCents: number;
  /** plan − agreed (0 when matched). */
  differenceCents: number;
  /** "+12.5" / "-20.0" percent of the agreed amount, null when agreed is 0. */
  differencePercent: string | null;
  /** The plan carries exactly the municipal share (agreed − co-financing). */
  municipalShare: boolean;
  by: MatchBasis;
  /** Name matches: similarity 0..100; null for CUI and code matches. */
  confidence: number | null;
  confirmed: boolean;
  plan: PlanRef;
}

export interface MissingEntry {
  key: string;
  code: string;
  cui: string;
  title: string;
  rank: number | null;
  agreedCents: number;
}

export interface RejectedFundedEntry {
  key: string;
  code: string;
  cui: string;
  title: string;
  proposedCents: number;
  reason: string;
  explanation: string;
  by: MatchBasis;
  confidence: number | null;
  confirmed: boolean;
  plan: PlanRef;
}

export interface Reconciliation {
  matched: MatchedEntry[];
  amountChanged: MatchedEntry[];
  missingFromPlan: MissingEntry[];
  notInMinutes: PlanRef[];
  rejectedButFunded: RejectedFundedEntry[];
  /** Name matches a person undid (shown so they can be restored). */
  undone: { agreedKey: string; planLine: number; code: string; title: string; planName: string }[];
  totals: {
    agreedCents: number;
    planCents: number;
    /** Plan money going to agreed projects. */
    agreedInPlanCents: number;
    notInMinutesCents: number;
    rejectedButFundedCents: number;
  };
}

export interface ReconcileOptions {
  decisions?: readonly MatchDecision[];
  /** Lowest similarity (0..100) proposed as a name match. */
  threshold?: number;
}

export const NAME_THRESHOLD = 55;

/** "P-007", "p 7", "P7" → "P7": codes as people retype them. */
export function normalizeCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, ' ')
    .trim()
    .split(/\s+/)
    .map((p) => p.replace(/^0+(?=\d)/, ''))
    .join('')
    .replace(/(\D)0+(?=\d)/g, '$1');
}

const ref = (l: PlanLine): PlanRef => ({
  line: l.line,
  lines: l.lines,
  cui: l.cui,
  code: l.code,
  name: l.name,
  amountCents: l.amountCents,
  pimCents: l.pimCents,
  devengadoCents: l.devengadoCents,
});

interface Pair {
  item: string;
  line: number;
  by: MatchBasis;
  confidence: number | null;
}

/** One-to-one matching of items to plan lines: CUI, then code, then names (greedy, best first). */
function matchItems(
  items: readonly { key: string; cui: string; code: string; title: string }[],
  lines: readonly PlanLine[],
  words: (name: string) => string[],
  weights: Map<string, number>,
  undone: Set<string>,
  threshold: number,
): Pair[] {
  const pairs: Pair[] = [];
  const usedItems = new Set<string>();
  const usedLines = new Set<number>();
  const take = (item: string, line: number, by: MatchBasis, confidence: number | null) => {
    pairs.push({ item, line, by, confidence });
    usedItems.add(item);
    usedLines.add(line);
  };
  for (const it of items) {
    if (!it.cui) continue;
    const l = lines.find((p) => !usedLines.has(p.line) && p.cui === it.cui);
    if (l) take(it.key, l.line, 'cui', null);
  }
  for (const it of items) {
    const code = normalizeCode(it.code);
    if (usedItems.has(it.key) || !code) continue;
    const l = lines.find(
      (p) => !usedLines.has(p.line) && p.code !== '' && normalizeCode(p.code) === code,
    );
    if (l) take(it.key, l.line, 'code', null);
  }
  const candidates: { item: string; line: number; score: number; i: number; j: number }[] = [];
  const score = nameScorer(
    items.map((it) => (usedItems.has(it.key) ? [] : words(it.title))),
    lines.map((l) => (usedLines.has(l.line) ? [] : words(l.name))),
    weights,
  );
  items.forEach((it, i) => {
    if (usedItems.has(it.key)) return;
    lines.forEach((l, j) => {
      if (usedLines.has(l.line) || undone.has(`${it.key}|${l.line}`)) return;
      // Two different CUIs are two different projects, however alike their names.
      if (it.cui && l.cui && it.cui !== l.cui) return;
      const sc = capUnlessSameName(score(i, j), it.title, l.name);
      if (sc >= threshold) candidates.push({ item: it.key, line: l.line, score: sc, i, j });
    });
  });
  candidates.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  for (const c of candidates) {
    if (usedItems.has(c.item) || usedLines.has(c.line)) continue;
    take(c.item, c.line, 'name', c.score);
  }
  return pairs;
}

export function reconcile(
  agreed: readonly AgreedItem[],
  rejected: readonly RejectedItem[],
  plan: readonly PlanLine[],
  opts: ReconcileOptions = {},
): Reconciliation {
  const threshold = opts.threshold ?? NAME_THRESHOLD;
  const decisions = opts.decisions ?? [];
  const undoneSet = new Set(
    decisions.filter((d) => d.verdict === 'undone').map((d) => `${d.agreedKey}|${d.planLine}`),
  );
  const confirmedSet = new Set(
    decisions.filter((d) => d.verdict === 'confirmed').map((d) => `${d.agreedKey}|${d.planLine}`),
  );
  const cache = new Map<string, string[]>();
  const words = (name: string) => {
    let w = cache.get(name);
    if (!w) {
      w = nameWords(name);
      cache.set(name, w);
    }
    return w;
  };
  const weights = wordWeights([
    ...agreed.map((a) => words(a.title)),
    ...rejected.map((r) => words(r.title)),
    ...plan.map((l) => words(l.name)),
  ]);
  const byLine = new Map(plan.map((l) => [l.line, l]));

  const out: Reconciliation = {
    matched: [],
    amountChanged: [],
    missingFromPlan: [],
    notInMinutes: [],
    rejectedButFunded: [],
    undone: [],
    totals: {
      agreedCents: 0,
      planCents: 0,
      agreedInPlanCents: 0,
      notInMinutesCents: 0,
      rejectedButFundedCents: 0,
    },
  };

  const agreedPairs = matchItems(agreed, plan, words, weights, undoneSet, threshold);
  const pairOf = new Map(agreedPairs.map((p) => [p.item, p]));
  for (const a of agreed) {
    out.totals.agreedCents += a.amountCents;
    const p = pairOf.get(a.key);
    const l = p ? byLine.get(p.line) : undefined;
    if (!p || !l) {
      out.missingFromPlan.push({
        key: a.key,
        code: a.code,
        cui: a.cui,
        title: a.title,
        rank: a.rank,
        agreedCents: a.amountCents,
      });
      continue;
    }
    const share = a.amountCents - a.cofinancingCents;
    const municipalShare = a.cofinancingCents > 0 && l.amountCents === share;
    const same = l.amountCents === a.amountCents || municipalShare;
    const differenceCents = same ? 0 : l.amountCents - a.amountCents;
    const entry: MatchedEntry = {
      key: a.key,
      code: a.code,
      cui: a.cui,
      title: a.title,
      rank: a.rank,
      agreedCents: a.amountCents,
      planCents: l.amountCents,
      differenceCents,
      differencePercent: same
        ? a.amountCents === 0
          ? null
          : '0.0'
        : percentChange(a.amountCents, l.amountCents),
      municipalShare,
      by: p.by,
      confidence: p.confidence,
      confirmed: p.by !== 'name' || confirmedSet.has(`${a.key}|${l.line}`),
      plan: ref(l),
    };
    out.totals.agreedInPlanCents += l.amountCents;
    (same ? out.matched : out.amountChanged).push(entry);
  }

  const used = new Set(agreedPairs.map((p) => p.line));
  const rest = plan.filter((l) => !used.has(l.line));
  const rejectedPairs = matchItems(rejected, rest, words, weights, undoneSet, threshold);
  const rejectedOf = new Map(rejectedPairs.map((p) => [p.line, p]));
  const rejectedByKey = new Map(rejected.map((r) => [r.key, r]));
  for (const l of plan) {
    out.totals.planCents += l.amountCents;
    if (used.has(l.line)) continue;
    const p = rejectedOf.get(l.line);
    const r = p ? rejectedByKey.get(p.item) : undefined;
    if (p && r) {
      out.rejectedButFunded.push({
        key: r.key,
        code: r.code,
        cui: r.cui,
        title: r.title,
        proposedCents: r.amountCents,
        reason: r.reason,
        explanation: r.explanation,
        by: p.by,
        confidence: p.confidence,
        confirmed: p.by !== 'name' || confirmedSet.has(`${r.key}|${l.line}`),
        plan: ref(l),
      });
      out.totals.rejectedButFundedCents += l.amountCents;
    } else {
      out.notInMinutes.push(ref(l));
      out.totals.notInMinutesCents += l.amountCents;
    }
  }

  const titleOf = new Map<string, { code: string; title: string }>(
    [...agreed, ...rejected].map((x) => [x.key, { code: x.code, title: x.title }]),
  );
  for (const d of decisions) {
    if (d.verdict !== 'undone') continue;
    const t = titleOf.get(d.agreedKey);
    const l = byLine.get(d.planLine);
    if (t && l)
      out.undone.push({
        agreedKey: d.agreedKey,
        planLine: d.planLine,
        code: t.code,
        title: t.title,
        planName: l.name,
      });
  }
  return out;
}

/** How many name matches still wait for a person to confirm or undo them. */
export function pendingNameMatches(r: Reconciliation): number {
  return [...r.matched, ...r.amountChanged, ...r.rejectedButFunded].filter(
    (e) => e.by === 'name' && !e.confirmed,
  ).length;
}
