import { z } from 'zod';
import { BallotType, RoundKind } from './voting';
import { SelectionRule, TieBreak } from './workshop';

/** One line of the round-by-round explanation; amounts in integer céntimos. */
export const ResultStep = z.object({
  phase: z.enum(['mes', 'greedy', 'phragmen']),
  kind: z.enum(['chosen', 'skipped']),
  code: z.string(),
  costCents: z.number().int(),
  /** Envelope left after this step. */
  remainingCents: z.number().int(),
  reason: z
    .enum(['doesNotFit', 'noSupporters', 'noSatisfaction', 'unaffordable', 'exceedsBudget'])
    .nullable(),
  supporters: z.number().int().nullable(),
  /** Projects that tied with the chosen one and lost under the tie-break. */
  tiedWith: z.array(z.string()),
});
export type ResultStep = z.infer<typeof ResultStep>;

/**
 * What the selection rule actually ran, in order (field test fac28): the MES pass, add1's raise
 * of every voter's share, the greedy completion with what was left. Empty when the rule ran
 * nothing (MES on a show-of-hands count). Only for MES without the sector split.
 */
export const RuleRan = z.object({
  steps: z.array(z.enum(['mes', 'add1', 'completion'])),
  /** add1: céntimos each voter's share was raised by. */
  add1RaiseCents: z.number().int().optional(),
});
export type RuleRan = z.infer<typeof RuleRan>;

export const ProjectResult = z.object({
  proposalId: z.string(),
  code: z.string(),
  title: z.string(),
  sectorId: z.string(),
  costCents: z.number().int(),
  /** Hands: the count; ballots: ballots listing it. */
  votes: z.number().int(),
  /** Cumulative points or ranking (Borda) score, else null. */
  points: z.number().int().nullable(),
  /** Votes (points when the ballot has them) as a share of the most voted, out of 100. */
  votesScore: z.string(),
  /** Weighted criteria total out of 100. */
  criteriaScore: z.string(),
  criteriaComplete: z.boolean(),
  /** votesWeight % of votesScore + the rest of criteriaScore: exact text, and rounded to 2 places. */
  combinedExact: z.string(),
  combined: z.string(),
  /** 1 + how many have a strictly higher combined score (equal scores share a rank). */
  rank: z.number().int(),
  sectorRank: z.number().int(),
  selected: z.boolean(),
  /** Position in the order the rule selected projects (1 = first), null if not selected. */
  order: z.number().int().nullable(),
  /** Sector split on: funded by the final pass over the pooled leftover ("con el remanente"). */
  fromRemainder: z.boolean().optional(),
});
export type ProjectResult = z.infer<typeof ProjectResult>;

export const SectorResult = z.object({
  sectorId: z.string(),
  name: z.string(),
  proposals: z.number().int(),
  votes: z.number().int(),
  selected: z.number().int(),
  selectedCents: z.number().int(),
  /** Share of the envelope a sector vote gave it, when there was one. */
  shareCents: z.number().int().nullable(),
});
export type SectorResult = z.infer<typeof SectorResult>;

/** The sector split, step by step (shared/results/sector-split.ts); amounts in céntimos. */
export const SplitResult = z.object({
  sectors: z.array(
    z.object({
      sectorId: z.string(),
      name: z.string(),
      shareCents: z.number().int(),
      /** Codes funded in the sector phase, in the global order. */
      selected: z.array(z.string()),
      spentCents: z.number().int(),
      leftoverCents: z.number().int(),
      skipped: z.array(z.string()),
    }),
  ),
  pooledCents: z.number().int(),
  remainder: z.object({
    selected: z.array(z.string()),
    spentCents: z.number().int(),
    leftoverCents: z.number().int(),
  }),
});
export type SplitResult = z.infer<typeof SplitResult>;

export const RoundResults = z.object({
  round: z.object({
    id: z.string(),
    title: z.string(),
    kind: RoundKind,
    ballotType: BallotType.nullable(),
    closedAt: z.string().nullable(),
    entitled: z.number().int(),
    ballots: z.number().int().nullable(),
    /** Blank ballots among them, only when there are some (as in RoundTotals). */
    blank: z.number().int().optional(),
  }),
  rule: SelectionRule,
  /** The tally engine's rule key actually run ("greedy", "mes+add1+greedy"). */
  ruleKey: z.string(),
  /**
   * "sectorSplit" when the sector split selected (then `rule` is only the setup's choice);
   * absent otherwise, when `rule` selected. Added when read, not part of the frozen record.
   */
  appliedRule: z.enum(['greedy', 'mes', 'sectorSplit']).optional(),
  /** The steps the rule ran, for the screen: added when the screen reads, not frozen or exported. */
  ran: RuleRan.optional(),
  /** Fixed when the round was created (copied from setup) and recorded with it. */
  tieBreak: TieBreak,
  votesWeight: z.number().int(),
  envelopeCents: z.number().int(),
  totalCents: z.number().int(),
  projects: z.array(ProjectResult),
  sectors: z.array(SectorResult),
  steps: z.array(ResultStep),
  /** Only when the setup's sector split was on at closing: the per-sector selection. */
  split: SplitResult.optional(),
  /** Why there is no selection (a refused tie, MES without ballots): an i18n key and params. */
  problem: z
    .object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })
    .nullable(),
});
export type RoundResults = z.infer<typeof RoundResults>;

/** A closed sector round: how the room ordered the sectors and split the envelope. */
export const SectorRoundResults = z.object({
  round: RoundResults.shape.round,
  sectors: z.array(
    z.object({
      sectorId: z.string(),
      name: z.string(),
      votes: z.number().int(),
      shareCents: z.number().int().nullable(),
    }),
  ),
});
export type SectorRoundResults = z.infer<typeof SectorRoundResults>;
