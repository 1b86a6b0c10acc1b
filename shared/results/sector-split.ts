// "El voto sectorial reparte el monto" (issue 14, item 4): when the setup says so, the
// selection runs per sector within each sector's share of the envelope, then one stated
// remainder rule. The one definition used by the frozen close (and so by the results screen,
// the projector, the export and the Acta, which all read the frozen result) and `minka check`.
//
// 1. Shares: the sector vote's shares, split again over the envelope in proportion to them
//    (integer céntimos, largest remainder, shares.ts), so they add up to the envelope exactly
//    even if the envelope moved after the sector vote. Equal when it did not.
// 2. Sector phase: for each sector (setup order), its projects in the global order; a project
//    is funded when its cost fits in what is left of its sector's share, else skipped. No
//    sector spends more than its share.
// 3. Remainder: what the sector phase did not spend (every sector's leftover, and the share of
//    sectors without projects) is pooled; one pass over the global order, skipping what is
//    already funded, funds each project that fits in what is left of the pool. These are
//    "financiado con el remanente".
// Pure and exact (integers only): the same inputs always give the same outcome.
import { splitProportional } from '../voting/totals';

export interface SplitProject {
  code: string;
  sectorId: string;
  costCents: number;
}

export interface SplitInput {
  envelopeCents: number;
  /** Sectors in the setup's order with the share the sector vote gave them (the weights). */
  sectors: readonly { id: string; shareCents: number }[];
  /** Every project of the round in the global order (combined score, the round's tie-break). */
  order: readonly SplitProject[];
}

export interface SectorPass {
  sectorId: string;
  shareCents: number;
  /** Funded in the sector phase, in the global order. */
  selected: string[];
  spentCents: number;
  leftoverCents: number;
  /** Considered and not funded in the sector phase (did not fit the share's rest). */
  skipped: string[];
}

export interface SplitOutcome {
  sectors: SectorPass[];
  /** Envelope − what the sector phase spent. */
  pooledCents: number;
  remainder: { selected: string[]; spentCents: number; leftoverCents: number };
  /** Sector phase (by sector, in the global order), then the remainder pass. */
  selectionOrder: string[];
  totalCents: number;
}

export function splitSelection(input: SplitInput): SplitOutcome {
  const shares = splitProportional(
    input.envelopeCents,
    input.sectors.map((s) => Math.max(0, s.shareCents)),
  );
  const taken = new Set<string>();
  const selectionOrder: string[] = [];
  const sectors: SectorPass[] = input.sectors.map((s, i) => {
    const shareCents = shares[i] ?? 0;
    let left = shareCents;
    const selected: string[] = [];
    const skipped: string[] = [];
    for (const p of input.order) {
      if (p.sectorId !== s.id || taken.has(p.code)) continue;
      if (p.costCents <= left) {
        left -= p.costCents;
        selected.push(p.code);
        taken.add(p.code);
        selectionOrder.push(p.code);
      } else skipped.push(p.code);
    }
    return {
      sectorId: s.id,
      shareCents,
      selected,
      spentCents: shareCents - left,
      leftoverCents: left,
      skipped,
    };
  });
  const sectorSpent = sectors.reduce((n, s) => n + s.spentCents, 0);
  const pooledCents = input.envelopeCents - sectorSpent;
  let pool = pooledCents;
  const fromPool: string[] = [];
  for (const p of input.order) {
    if (taken.has(p.code)) continue;
    if (p.costCents <= pool) {
      pool -= p.costCents;
      fromPool.push(p.code);
      taken.add(p.code);
      selectionOrder.push(p.code);
    }
  }
  return {
    sectors,
    pooledCents,
    remainder: { selected: fromPool, spentCents: pooledCents - pool, leftoverCents: pool },
    selectionOrder,
    totalCents: sectorSpent + (pooledCents - pool),
  };
}

/**
 * The rule that actually selected a round's projects: with the sector split on, the split
 * (greedy within each sector's share, then the remainder) decides, whatever rule the setup
 * names; otherwise the setup's rule. The results screen, the projector, the export and the
 * Acta name this one, never the setup's rule alone.
 */
export type AppliedRule = 'greedy' | 'mes' | 'sectorSplit';
export function appliedRule(r: { rule: 'greedy' | 'mes'; split?: unknown }): AppliedRule {
  return effectiveRule({ selectionRule: r.rule, sectorSplit: Boolean(r.split) });
}

/**
 * The one definition of the rule a setup's prioritisation runs under, for the tally (frozen
 * inputs carry the split), the export, the screens and the Acta: the sector split when it is
 * on, whatever rule the setup names; otherwise that rule. A file saved before MES with the
 * split was refused can hold both: the split applies and MES is not used.
 */
export function effectiveRule(setup: {
  selectionRule: 'greedy' | 'mes';
  sectorSplit?: boolean | undefined;
}): AppliedRule {
  return setup.sectorSplit === true ? 'sectorSplit' : setup.selectionRule;
}

/** A setup naming MES with the split on: saved before the pair was refused; MES does not run. */
export const mesOverriddenBySplit = (setup: {
  selectionRule: 'greedy' | 'mes';
  sectorSplit?: boolean | undefined;
}): boolean => setup.selectionRule === 'mes' && setup.sectorSplit === true;
