import { z } from 'zod';
import {
  BallotContent,
  ItemCount,
  Operator,
  PaperEntryView,
  Round,
  NotListedPerson,
  RoundDetail,
  RoundInput,
  RoundTotals,
} from '../schemas/voting';
import { Id } from '../schemas/workshop';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const RoundRef = Ref.extend({ roundId: Id });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });
/** A paper ballot's number as printed on it. */
const Serial = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - or _');

/** Every answer that changes the record carries the new chain head for the top bar. */
const withChain = <T extends z.ZodType>(value: T) => z.object({ value, chain: ChainHead });

export const votingChannels = {
  'voting:list': { input: Ref, output: z.object({ rounds: z.array(Round) }) },
  /** The counting screens and the kiosk: entries and who may vote, never totals. */
  'voting:get': { input: RoundRef.extend({ operator: Operator.optional() }), output: RoundDetail },
  /**
   * The kiosk, when a name is not on its list: why each registry person is not (voted, pending,
   * absent…). Its own channel: it reads the registry, which voting:get must not (issue 18).
   */
  'voting:notListed': {
    input: RoundRef,
    output: z.object({ people: z.array(NotListedPerson) }),
  },
  'voting:create': { input: Ref.extend({ round: RoundInput }), output: withChain(Round) },
  'voting:open': { input: RoundRef, output: withChain(Round) },
  'voting:close': { input: RoundRef, output: withChain(Round) },
  'voting:enterCount': {
    input: RoundRef.extend({
      itemId: Id,
      operator: Operator,
      count: z.number().int().min(0).max(100_000),
    }),
    output: withChain(ItemCount),
  },
  'voting:cast': {
    input: RoundRef.extend({ participantId: Id, ballot: BallotContent }),
    output: withChain(z.object({ ballots: z.number().int() })),
  },
  'voting:enterPaper': {
    input: RoundRef.extend({ serial: Serial, typist: Operator, ballot: BallotContent }),
    output: withChain(PaperEntryView),
  },
  'voting:resolvePaper': {
    input: RoundRef.extend({ serial: Serial, keep: z.enum(['A', 'B', 'void']) }),
    output: withChain(PaperEntryView.nullable()),
  },
  /** Ballots typed elsewhere, as a pabulib file's text: all or nothing, errors name the line. */
  'voting:importPb': {
    input: RoundRef.extend({
      fileName: z.string().max(200),
      text: z.string().max(20 * 1024 * 1024),
    }),
    output: withChain(z.object({ imported: z.number().int() })),
  },
  /** roundId null: the latest closed ballot round (the CLI's export-pb without --round). */
  'voting:exportPb': {
    input: Ref.extend({ roundId: Id.nullable() }),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  /** Refused (CONFLICT voting.error.notClosed) until the round is closed. */
  'voting:results': { input: RoundRef, output: RoundTotals },
} as const;
