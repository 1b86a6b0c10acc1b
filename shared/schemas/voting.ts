import { z } from 'zod';
import { Cents, Id, IsoDate, RequiredText, TieBreak, VoteRule } from './workshop';

/**
 * sector: items are sectors, counted by show of hands; hands: admitted proposals counted by
 * show of hands; ballot: admitted proposals, one individual ballot per entitled vote.
 */
export const ROUND_KINDS = ['sector', 'hands', 'ballot'] as const;
export const RoundKind = z.enum(ROUND_KINDS);
export type RoundKind = z.infer<typeof RoundKind>;

export const BALLOT_TYPES = ['approval', 'cumulative', 'ranking', 'knapsack'] as const;
export const BallotType = z.enum(BALLOT_TYPES);
export type BallotType = z.infer<typeof BallotType>;

export const ROUND_STATES = ['draft', 'open', 'closed'] as const;
export const RoundState = z.enum(ROUND_STATES);
export type RoundState = z.infer<typeof RoundState>;

export const Operator = z.enum(['A', 'B']);
export type Operator = z.infer<typeof Operator>;

/** What the facilitator fixes when creating a round; nothing of it changes once it opens. */
export const RoundInput = z.object({
  title: RequiredText(160),
  kind: RoundKind,
  ballotType: BallotType.nullable(),
  /** Approval and ranking: at most this many choices per ballot. */
  maxChoices: z.number().int().min(1).max(500).nullable(),
  /** Cumulative: points each voter distributes (at most). */
  totalPoints: z.number().int().min(1).max(1000).nullable(),
  /** Knapsack: spending limit of each ballot; null = the workshop's envelope. */
  budgetCents: Cents.nullable(),
  /** Show of hands: a second operator must type the same counts before they are final. */
  doubleEntry: z.boolean(),
  /** Null = the tie-break of the setup; either way it is copied into the round and recorded. */
  tieBreak: TieBreak.nullable(),
  venueId: Id,
  day: IsoDate,
  /** Proposal ids (hands, ballot) or sector ids (sector); empty = every admitted proposal / every sector. */
  itemIds: z.array(Id).max(2000),
});
export type RoundInput = z.infer<typeof RoundInput>;

export const VoteHolderSnap = z.object({
  organizationId: z.string().nullable(),
  participantId: z.string(),
  basis: z.string(),
});

/** Who was present and entitled when the round closed. */
export const RoundSnapshot = z.object({
  at: z.string(),
  venueId: z.string(),
  day: z.string(),
  voteRule: VoteRule,
  presentIds: z.array(z.string()),
  holders: z.array(VoteHolderSnap),
  entitled: z.number().int(),
  /**
   * How ties within a role were ordered: 'log' (the check-ins' order in the event log) for
   * rounds closed from this build on; absent, by check-in time (the rule before it), which
   * `minka check` keeps for those closes.
   */
  holdersBy: z.literal('log').optional(),
});
export type RoundSnapshot = z.infer<typeof RoundSnapshot>;

export const Round = RoundInput.extend({
  id: Id,
  position: z.number().int(),
  tieBreak: TieBreak,
  state: RoundState,
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  snapshot: RoundSnapshot.nullable(),
});
export type Round = z.infer<typeof Round>;

/** A ballot's content: item ids (ranking: most preferred first); cumulative: points aligned. */
export const BallotContent = z.object({
  choices: z.array(Id).max(500),
  points: z.array(z.number().int().min(0).max(1000)).max(500).nullable(),
  /**
   * The voter chose "blank" deliberately: no choices. A ballot with no choices and without
   * this mark is refused, so nothing marked is never a vote by accident. Stored and logged
   * as a ballot with no choices (that is what a blank ballot is once cast).
   */
  blank: z.literal(true).optional(),
});
export type BallotContent = z.infer<typeof BallotContent>;

/** Blind double entry: an operator sees only their own numbers until both agree or differ. */
export const CountStatus = z.enum(['empty', 'waiting', 'final', 'mismatch']);
export type CountStatus = z.infer<typeof CountStatus>;

export const ItemCount = z.object({
  itemId: Id,
  status: CountStatus,
  /** The asking operator's own entry. */
  mine: z.number().int().nullable(),
  /** Both entries: only when they differ (shown side by side) or agree. */
  a: z.number().int().nullable(),
  b: z.number().int().nullable(),
  /**
   * Whether operator A / B has entered this item. Not secret (no number): after a reload the
   * counting screen must tell "your count is saved" from "your count is missing", or an
   * operator re-counts and makes a mismatch of their own (field test fac26).
   */
  enteredA: z.boolean(),
  enteredB: z.boolean(),
});
export type ItemCount = z.infer<typeof ItemCount>;

export const PaperStatus = z.enum(['waiting', 'final', 'mismatch']);
export const PaperEntryView = z.object({
  serial: z.string(),
  status: PaperStatus,
  /** Which typists have entered it. */
  typists: z.array(Operator),
  /** Both versions, only when they differ (to compare with the paper). */
  a: BallotContent.nullable(),
  b: BallotContent.nullable(),
});
export type PaperEntryView = z.infer<typeof PaperEntryView>;

/** Why a registry person is not on the kiosk's list (shared/voting/not-listed.ts). */
export const NOT_LISTED_REASONS = [
  /** Their vote (theirs, or their organisation's) has been used. */
  'voted',
  /** Their organisation's vote is held by another person present (titular before suplente…). */
  'orgHeld',
  /** Present, accreditation pending or refused: voice, no vote. */
  'pending',
  /** Present with voice only (technical team, observers). */
  'voiceOnly',
  /** Present, accredited, but no organisation to vote for under one vote per organisation. */
  'noOrganization',
  /** In the registry, not checked in at this venue and day. */
  'absent',
] as const;
export type NotListedReason = (typeof NOT_LISTED_REASONS)[number];

/** An entitled person at the kiosk: whether their vote (or their organisation's) is used. */
export const KioskVoter = z.object({
  participantId: Id,
  organizationId: z.string().nullable(),
  name: z.string(),
  /** For the kiosk's search by DNI (the same search as the door). */
  dni: z.string(),
  organization: z.string(),
  basis: z.string(),
  voted: z.boolean(),
});
export type KioskVoter = z.infer<typeof KioskVoter>;

export const RoundDetail = z.object({
  round: Round,
  /** The rule that decides who may vote (the setup's while open, the snapshot's once closed). */
  voteRule: VoteRule,
  /** Vote holders present now (or, once closed, at closing). */
  entitled: z.number().int(),
  ballots: z.number().int(),
  counts: z.array(ItemCount),
  paper: z.array(PaperEntryView),
  voters: z.array(KioskVoter),
});
export type RoundDetail = z.infer<typeof RoundDetail>;

/** A registry person the kiosk does not offer, and why (shared/voting/not-listed.ts). */
export const NotListedPerson = z.object({
  participantId: Id,
  name: z.string(),
  dni: z.string(),
  organization: z.string(),
  reason: z.enum(NOT_LISTED_REASONS),
});
export type NotListedPerson = z.infer<typeof NotListedPerson>;

export const ItemTotal = z.object({
  itemId: z.string(),
  label: z.string(),
  /** Hands: the final count; ballots: how many ballots list the item. */
  votes: z.number().int(),
  /** Cumulative: points received; ranking: Borda score; otherwise null. */
  points: z.number().int().nullable(),
  /** Sector rounds: share of the envelope proportional to votes (largest remainder). */
  shareCents: z.number().int().nullable(),
});
export type ItemTotal = z.infer<typeof ItemTotal>;

export const RoundTotals = z.object({
  roundId: z.string(),
  kind: RoundKind,
  ballotType: BallotType.nullable(),
  /** Ballot rounds: number of ballots; otherwise null. */
  ballots: z.number().int().nullable(),
  /**
   * Ballot rounds: how many of those ballots are blank (counted in turnout, for no item).
   * Present only when there are some, so rounds frozen before blank votes existed recompute
   * to the same totals.
   */
  blank: z.number().int().optional(),
  entitled: z.number().int(),
  /** Sorted by points (or votes) descending, then by the round's item order. */
  items: z.array(ItemTotal),
});
export type RoundTotals = z.infer<typeof RoundTotals>;
