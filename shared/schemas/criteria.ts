import { z } from 'zod';
import { Id, RequiredText, Text } from './workshop';

/**
 * The criteria matrix of the municipal ordinance: each criterion has a weight (whole
 * percentage points, the weights add up to 100) and a scale (scores 0..scaleMax). A
 * proposal's weighted total is Σ weight × score / scaleMax, out of 100.
 */
export const CriterionInput = z.object({
  id: Id.optional(),
  name: RequiredText(120),
  weight: z.number().int().min(0).max(100),
  scaleMax: z.number().int().min(1).max(1000),
});
export type CriterionInput = z.infer<typeof CriterionInput>;

export const Criterion = CriterionInput.extend({ id: Id });
export type Criterion = z.infer<typeof Criterion>;

/** How much of the combined score comes from the votes; the rest comes from the criteria. */
export const VotesWeight = z.number().int().min(0).max(100);

export const MatrixInput = z.object({
  criteria: z.array(CriterionInput).min(1).max(20),
  votesWeight: VotesWeight,
});
export type MatrixInput = z.infer<typeof MatrixInput>;

export const Matrix = z.object({ criteria: z.array(Criterion), votesWeight: VotesWeight });
export type Matrix = z.infer<typeof Matrix>;

/** One proposal's scores as the technical team entered them. */
export const ScoreInput = z.object({
  proposalId: Id,
  scores: z.array(z.object({ criterionId: Id, score: z.number().int().min(0).max(1000) })).max(20),
  /** Who of the technical team scored it. */
  scoredBy: Text(160),
});
export type ScoreInput = z.infer<typeof ScoreInput>;

export const CriterionScore = z.object({
  proposalId: Id,
  criterionId: Id,
  score: z.number().int().min(0),
  scoredBy: z.string(),
  scoredAt: z.string(),
});
export type CriterionScore = z.infer<typeof CriterionScore>;

/** Weighted total out of 100 as an exact decimal text ("73.5") or fraction ("220/3"), and rounded for display. */
export const WeightedTotal = z.object({
  proposalId: Id,
  /** Whether every criterion has a score. */
  complete: z.boolean(),
  exact: z.string(),
  display: z.string(),
});
export type WeightedTotal = z.infer<typeof WeightedTotal>;

/** The defaults of the published ordinance DOMAIN.md cites. */
export const DEFAULT_CRITERIA: ReadonlyArray<{
  id: string;
  name: string;
  weight: number;
  scaleMax: number;
}> = [
  { id: 'poverty', name: 'Brecha de pobreza', weight: 40, scaleMax: 10 },
  { id: 'services', name: 'Acceso a servicios básicos', weight: 30, scaleMax: 10 },
  { id: 'technical', name: 'Evaluación técnica', weight: 30, scaleMax: 10 },
];
export const DEFAULT_VOTES_WEIGHT = 50;
