import { z } from 'zod';
import { RoundResults, SectorRoundResults } from '../schemas/results';
import { RoundKind, RoundState } from '../schemas/voting';
import { OfficialState, OfficialWarning } from '../schemas/official';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });

/** A round as the results screen lists it; results exist only for closed rounds. */
export const ResultRoundRef = z.object({
  id: z.string(),
  title: z.string(),
  kind: RoundKind,
  state: RoundState,
  closedAt: z.string().nullable(),
});

export const SetupLockState = z.object({
  locked: z.boolean(),
  round: z.string().nullable(),
  fields: z.array(
    z.enum([
      'envelopeCents',
      'sectors',
      'selectionRule',
      'sectorSplit',
      'tieBreak',
      'voteRule',
      'quorum',
    ]),
  ),
  reopenings: z.array(
    z.object({ at: z.string(), by: z.string(), reason: z.string(), afterRound: z.string() }),
  ),
});

export const resultChannels = {
  /** Every round with its state; the one to show by default (newest closed prioritisation round). */
  'results:rounds': {
    input: Ref,
    output: z.object({ rounds: z.array(ResultRoundRef), defaultRoundId: z.string().nullable() }),
  },
  /** Results of one closed round (refused while it is open: results stay hidden until it closes). */
  'results:get': {
    input: Ref.extend({ roundId: z.string().min(1).max(64) }),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('priority'), value: RoundResults }),
      z.object({ kind: z.literal('sector'), value: SectorRoundResults }),
    ]),
  },
  /** What the projector shows: the current round (newest open, else newest closed) and, once closed, its results. */
  'results:projector': {
    input: Ref,
    output: z.object({
      round: ResultRoundRef.nullable(),
      results: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('priority'), value: RoundResults }),
          z.object({ kind: z.literal('sector'), value: SectorRoundResults }),
        ])
        .nullable(),
      // Once sealed, with the Acta's fingerprint (the code read aloud) for the projector.
      chain: ChainHead.extend({ acta: z.string().optional() }),
    }),
  },
  /** Which closed round the Acta follows, and what each candidate would need confirmed. */
  'results:official': { input: Ref, output: OfficialState },
  /** Choose the official round; every warning that applies must be confirmed (recorded in the Acta). */
  'results:chooseOfficial': {
    input: Ref.extend({
      roundId: z.string().min(1).max(64),
      confirmed: z.array(OfficialWarning).max(3),
    }),
    output: z.object({ value: OfficialState, chain: ChainHead }),
  },
  /** Whether the setup fields that decide results are locked (a prioritisation round closed), and past reopenings. */
  'results:setupLock': { input: Ref, output: SetupLockState },
  /** Unlock them, recording who and why (printed in the Acta). */
  'results:reopenSetup': {
    input: Ref.extend({
      by: z.string().trim().min(1).max(120),
      reason: z.string().trim().min(1).max(500),
    }),
    output: z.object({ value: SetupLockState, chain: ChainHead }),
  },
} as const;
