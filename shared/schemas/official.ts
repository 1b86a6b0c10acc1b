import { z } from 'zod';
import { RoundKind } from './voting';

/** Why a round may not stand as the official result without a confirmation recorded in the Acta. */
export const OfficialWarning = z.enum([
  'criteriaIncomplete',
  'belowQuorum',
  'notLatest',
  'setupChanged',
  /** A proposal of the round was edited, reviewed or given a CUI after the close (adv27). */
  'proposalsChanged',
]);
export type OfficialWarning = z.infer<typeof OfficialWarning>;

/** Quorum as it stood when a round closed (frozen with its result). */
export const QuorumAtClose = z.object({
  required: z.number().int(),
  actual: z.number().int(),
  met: z.boolean(),
});
export type QuorumAtClose = z.infer<typeof QuorumAtClose>;

export const OfficialState = z.object({
  /** The round the Acta's prioritised list follows; null until the facilitator chooses one. */
  roundId: z.string().nullable(),
  chosenAt: z.string().nullable(),
  confirmed: z.array(OfficialWarning),
  /** Warnings that apply to the chosen round now and were not confirmed (sealing refuses). */
  unconfirmed: z.array(OfficialWarning),
  /** Closed prioritisation rounds that could be chosen, oldest first, with their warnings. */
  candidates: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: RoundKind,
      closedAt: z.string().nullable(),
      quorum: QuorumAtClose.nullable(),
      warnings: z.array(OfficialWarning),
    }),
  ),
});
export type OfficialState = z.infer<typeof OfficialState>;
