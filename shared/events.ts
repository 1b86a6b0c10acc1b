// The event log's schema: every event type the store writes, with its payload. The chain
// (electron/platform/events.ts) hashes what is written; the replay (electron/<feature>/*.replay.ts)
// reads it back through this union, so a type or a field misspelt on either side no longer
// compiles.
//
// The payload schemas describe what a file may hold, across versions: a field added later
// is optional (older events lack it), and every object accepts further keys, so a branch
// that adds a field to an event does not make older readers refuse it. They are lenient on
// purpose (no length or format limits): they type the log, they do not validate input —
// the channel schemas in shared/schemas do that before anything is written.
//
// Adding an event type: add it to EVENT_PAYLOADS (the test in shared/events.test.ts then asks
// for a writer), write it with appendEvent, give it a name `event.<type>` in
// shared/i18n/{es,quz,en}, and replay it in the aggregate's *.replay.ts if it changes a table.
import { z } from 'zod';
import { isJson } from './json-value';

const str = z.string();
const int = z.number();
const id = z.string();
const nullableStr = z.string().nullable();
/** Any JSON value kept as written (a frozen result, imported data); see json-value.ts. */
const json = z.custom<z.core.util.JSONType>((v) => isJson(v));
const obj = <S extends z.ZodRawShape>(shape: S) => z.looseObject(shape);

const Quorum = obj({
  kind: str,
  percent: int.optional(),
  count: int.optional(),
});
const Place = obj({ id, name: str, place: str.optional(), date: str.optional() });

/** The setup as logged: the time zone and representativesPublic only when not the default. */
const SetupPayload = obj({
  municipality: str.optional(),
  ubigeo: str.optional(),
  fiscalYear: int.optional(),
  title: str.optional(),
  envelopeCents: int.optional(),
  voteRule: str.optional(),
  tieBreak: str.optional(),
  minNoticeDays: int.optional(),
  quorum: Quorum.optional(),
  selectionRule: str.optional(),
  representativesPublic: z.boolean().optional(),
  /** "El voto sectorial reparte el monto" (issue 14, item 4): only when on. */
  sectorSplit: z.boolean().optional(),
  timeZone: str.optional(),
  venues: z.array(Place).optional(),
  sectors: z.array(Place).optional(),
});

const OrganizationPayload = obj({
  id,
  name: str,
  type: str,
  community: str,
  standingProof: str.optional(),
  standingRef: str.optional(),
});
const ParticipantFields = {
  dni: str,
  givenNames: str,
  surnames: str,
  sex: str,
  language: str,
  organizationId: nullableStr,
  role: str,
  authorization: str,
  voice: str,
  accreditation: str,
};
/** A registry save: the participant as stored; `createdAt` since migration 7. */
const ParticipantPayload = obj({ id, ...ParticipantFields, createdAt: str.optional() });

const ProposalPayload = obj({
  id,
  code: str,
  title: str,
  description: str,
  sectorId: id,
  community: str,
  organizationId: nullableStr,
  estimatedCostCents: int,
  beneficiaries: int,
  /** Absent in events logged before the unit existed: people. */
  beneficiaryUnit: str.optional(),
  cui: str.optional(),
  cofinancingCents: int.optional(),
  carriedFrom: str.optional(),
});
const ReviewPayload = obj({
  id,
  proposalId: id,
  code: str,
  previous: str,
  decision: str,
  reason: nullableStr,
  /** Written only when there are further reasons. */
  alsoReasons: z.array(str).optional(),
  explanation: str,
});

const BallotFields = {
  choices: z.array(id),
  points: z.array(int).nullable().optional(),
};

const AgreementPayload = obj({ id, text: str, responsible: str, due: str });
const MemberPayload = obj({
  id,
  position: int,
  participantId: nullableStr,
  name: str,
  dni: str,
  organization: str,
  role: str,
});

/** Every event type, with the payload it carries. */
export const EVENT_PAYLOADS = {
  // ---- setup (workshop/workshop.ts, workshop/setup-lock.ts)
  'workshop.created': obj({ workshopId: id, setup: SetupPayload }),
  'workshop.setupSaved': SetupPayload,
  'workshop.setupReopened': obj({ by: str, reason: str, afterRound: str }),

  // ---- registry and convocation (registry/registry.ts, attendance/attendance.ts)
  'registry.organizationSaved': OrganizationPayload,
  'registry.participantSaved': ParticipantPayload,
  'registry.walkInRegistered': ParticipantPayload,
  'registry.accreditationSet': obj({ participantIds: z.array(id), status: str }),
  'registry.imported': obj({
    source: str,
    /** Since issue quorum: role values the operator mapped in the preview ("Presidente" → titular). */
    roleMapping: z.array(obj({ value: str, role: str, people: int })).optional(),
    /** The rows as read from the CSV, before ids were given. */
    data: obj({
      organizations: z.array(obj({ name: str })).optional(),
      participants: z.array(obj({ dni: str.optional() })).optional(),
    }),
  }),
  'convocation.invitationLogged': obj({
    id,
    organizationId: id,
    sentOn: str,
    channel: str,
    note: str,
  }),
  'convocation.invitationRemoved': obj({ id }),

  // ---- attendance (attendance/attendance.ts)
  'attendance.checkedIn': obj({
    id,
    participantId: id,
    venueId: id,
    day: str,
    signMethod: str,
    witness: nullableStr.optional(),
  }),
  'attendance.checkedOut': obj({ id }),
  'attendance.checkInUndone': obj({ id, reason: str }),

  // ---- proposals (proposals/proposals.ts); a review's type is `proposals.<decision>`
  'proposals.proposalAdded': ProposalPayload,
  'proposals.proposalEdited': ProposalPayload,
  'proposals.pending': ReviewPayload,
  'proposals.admitted': ReviewPayload,
  'proposals.rejected': ReviewPayload,
  'proposals.matterRaised': obj({
    id,
    text: str,
    raisedBy: str,
    participantId: nullableStr,
    raisedAt: str,
  }),

  // ---- criteria (criteria/criteria.ts)
  'criteria.matrixSaved': obj({
    criteria: z.array(obj({ id, name: str, weight: int, scaleMax: int })),
    votesWeight: int,
  }),
  'criteria.scored': obj({
    proposalId: id,
    code: str,
    scoredBy: str,
    scores: z.array(obj({ criterionId: id, score: int })),
  }),

  // ---- voting (the store files of electron/voting/ and round-freeze.ts)
  'voting.roundCreated': obj({
    id,
    position: int,
    title: str,
    kind: str,
    ballotType: nullableStr,
    maxChoices: int.nullable(),
    totalPoints: int.nullable(),
    budgetCents: int.nullable(),
    doubleEntry: z.boolean(),
    tieBreak: str,
    venueId: id,
    day: str,
    createdAt: str,
    itemIds: z.array(id),
  }),
  'voting.roundOpened': obj({ id, tieBreak: str.optional() }),
  'voting.roundClosed': obj({
    id,
    /** Who was present and entitled when the round closed. */
    snapshot: json.optional(),
    /** The result frozen at the close (round-freeze.ts); absent before it existed. */
    frozen: json.optional(),
    /**
     * Ballot rounds closed from migration 10 on: the kiosk ballots taken from the box, in
     * content order (ballot-box.ts); they have no event of their own.
     */
    kioskBallots: z.array(obj({ ...BallotFields })).optional(),
  }),
  'voting.countEntered': obj({ roundId: id, itemId: id, operator: str, count: int }),
  'voting.voterMarked': obj({
    roundId: id,
    participantId: id,
    organizationId: nullableStr,
    /** The key the vote is counted under (absent before issue 14: the organisation, else the person). */
    voterKey: str.optional(),
  }),
  /** Legacy (files before migration 10): a kiosk ballot with its content. Nothing writes it now. */
  'voting.ballotCast': obj({ roundId: id, source: str.optional(), ...BallotFields }),
  'voting.ballotsImported': obj({
    roundId: id,
    source: str,
    ballots: z.array(obj({ serial: str, ...BallotFields })),
  }),
  'voting.paperEntered': obj({ roundId: id, serial: str, typist: str, ...BallotFields }),
  'voting.paperResolved': obj({ roundId: id, serial: str, keep: str }),

  // ---- results (results/official.ts)
  'results.officialChosen': obj({ roundId: id, confirmed: z.array(str) }),

  // ---- closing and the seal (minutes/minutes.ts)
  'minutes.agreementAdded': AgreementPayload,
  'minutes.agreementEdited': AgreementPayload,
  'minutes.agreementRemoved': obj({ id }),
  'minutes.memberAdded': MemberPayload,
  'minutes.memberEdited': MemberPayload,
  'minutes.memberRemoved': obj({ id }),
  'minutes.closingRemarksSaved': obj({ text: str }),
  'minutes.sealed': obj({
    payloadSha256: str,
    fingerprint: str,
    keyFingerprint: str,
    publicKey: str,
    pdfSha256: str.optional(),
    /**
     * The seal warnings that applied and were confirmed (their ids: seal-warnings.ts), in the
     * order shown; [] when there were none. Absent from seals made before stop 32.
     */
    confirmed: z.array(str).optional(),
  }),
  'minutes.addendum': obj({
    n: int,
    originalHash: str,
    payloadSha256: str,
    fingerprint: str,
    text: str,
  }),

  // ---- the follow-up register (followup/followup.ts)
  'followup.minutesImported': obj({
    id,
    fiscalYear: int,
    municipality: str,
    fingerprint: str,
    keyFingerprint: str,
    source: str,
    fileName: str,
    via: nullableStr.optional(),
    importedAt: str,
  }),
  'followup.planRecorded': obj({
    id,
    minutesId: id,
    fileName: str,
    sha256: str,
    fingerprint: str,
    reportSha256: str,
    counts: z.record(str, int),
    recordedAt: str,
  }),
  'followup.noteAdded': obj({
    id,
    ref: str,
    fiscalYear: int,
    status: str,
    date: str,
    note: str,
    createdAt: str,
    via: nullableStr.optional(),
  }),
  'followup.unlinked': obj({ a: str, b: str }),
  'followup.relinked': obj({ a: str, b: str }),
  'followup.carried': obj({
    proposalId: id,
    code: str,
    ref: str,
    projectKey: str,
    carriedAt: str,
    historySha256: str,
  }),
  // Several venues, several laptops (issue 20).
  'venues.kitPrepared': obj({
    statement: obj({
      format: z.literal('minka-venue-kit'),
      version: int,
      kitId: id,
      workshopId: str,
      venueId: id,
      venueName: str,
      baseSeq: int,
      baseHead: str,
      rounds: z.array(id),
      createdAt: str,
    }),
    signature: str,
    mainPublicKey: str,
  }),
  'venues.deviceAdopted': obj({ kitId: id, publicKey: str }),
  'venues.merged': obj({
    kitId: id,
    venueId: id,
    keyFingerprint: str,
    head: str,
    length: int,
    added: int,
    held: z.array(int),
    conflicts: z.array(str),
    devices: z.array(obj({ kitId: id, head: str, events: int })),
    /** Laptops whose ballots this merge joined into a ballot round (venues-ballot-join.ts). */
    joined: z.array(obj({ kitId: id, roundId: id, seqs: z.array(int) })).optional(),
  }),
  'venues.conflictSettled': obj({
    id: str,
    kind: z.enum(['checkIn', 'orgVote', 'proposalEdit', 'roundCounts', 'countRefused']),
    subject: str,
    choice: str,
    note: str,
    /** A ruling on a round's counts that applied the chosen laptop's (adv27): its device events. */
    reapplied: obj({ from: str.nullable(), seqs: z.array(int) }).optional(),
    /** A ruling on a ballot round that joined laptops' ballots (venues-ballot-join.ts). */
    joined: z.array(obj({ kitId: id, roundId: id, seqs: z.array(int) })).optional(),
    /** A ruling on a ballot round: per paper serial read otherwise, the laptop whose reading stands (adv30b F5). */
    readings: z.record(str, id).optional(),
  }),
} as const;

/**
 * Types that files written by earlier versions may hold but nothing writes any more: read
 * (and named in Registro) but never appended. None so far; a type retired from the writers
 * moves here, keeping its payload schema in EVENT_PAYLOADS.
 */
export const LEGACY_EVENT_TYPES: readonly EventType[] = [
  // Kiosk ballots before migration 10 (issue 14, item 6): now kept in the ballot box and
  // written into the close event's kioskBallots; older files still hold and replay these.
  'voting.ballotCast',
];

export type EventType = keyof typeof EVENT_PAYLOADS;
export const EVENT_TYPES = Object.keys(EVENT_PAYLOADS) as EventType[];

/** What a writer passes (fields with defaults may be left out). */
export type EventPayload<T extends EventType> = z.input<(typeof EVENT_PAYLOADS)[T]>;
/** What a reader gets after parsing. */
export type ParsedPayload<T extends EventType> = z.output<(typeof EVENT_PAYLOADS)[T]>;

/** One event as the log holds it, narrowed by `type`. */
export type MinkaEvent = { [T in EventType]: { type: T; payload: ParsedPayload<T> } }[EventType];

const members = EVENT_TYPES.map((type) =>
  z.object({ type: z.literal(type), payload: EVENT_PAYLOADS[type] }),
);
export const MinkaEventSchema = z.discriminatedUnion(
  'type',
  members as [(typeof members)[number], ...(typeof members)[number][]],
) as unknown as z.ZodType<MinkaEvent>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(EVENT_PAYLOADS, type);
}

/**
 * Read one stored event through the union: its type must be a member and its payload must
 * fit that member's schema; otherwise null (the caller reports it).
 */
export function parseEvent(type: string, payload: unknown): MinkaEvent | null {
  const r = MinkaEventSchema.safeParse({ type, payload });
  return r.success ? r.data : null;
}
