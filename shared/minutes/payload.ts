// The signed minutes payload: what the Acta says, as data. Its canonical JSON (RFC 8785)
// is what gets hashed and signed with Ed25519 and embedded in the PDF; the verifier and
// the plan reconciliation (issue 7) read it back with these schemas. Language-neutral:
// reasons, roles and sex are keys the renderer translates; amounts in céntimos (`…Cents`).
import { z } from 'zod';
import { LangSchema } from '../lang';
import { MinutesSplit } from './payload-split';
import { minutesVenuesShape } from './payload-venues';
import { MinutesOrganization } from './payload-attendance';
import { Signer } from './signer';
import { MinutesBasis, MinutesLateRuling } from './payload-basis';
import { RuleRan } from '../schemas/results';
import { MinutesCriteria } from './payload-criteria';

export { Signer } from './signer';
export { MinutesCriteria } from './payload-criteria';

export const MINUTES_FORMAT = 'minka-minutes';
export const ADDENDUM_FORMAT = 'minka-minutes-addendum';
export const MINUTES_VERSION = 1;

const Cents = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Count = z.number().int().min(0);
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export { MinutesOrganization, MinutesPerson } from './payload-attendance';

export const MinutesProposal = z.object({
  id: z.string(),
  code: z.string(),
  /** Invierte.pe CUI (7 digits) or ''. */
  cui: z.string(),
  title: z.string(),
  sectorId: z.string(),
  sector: z.string(),
  community: z.string(),
  organization: z.string(),
  estimatedCostCents: Cents,
  cofinancingCents: Cents,
  beneficiaries: Count,
  /** What `beneficiaries` counts when not people; absent (and in Actas signed before it) = people. */
  beneficiaryUnit: z.enum(['families', 'students']).optional(),
  carriedFrom: z.string(),
  status: z.enum(['pending', 'admitted', 'rejected']),
});
export type MinutesProposal = z.infer<typeof MinutesProposal>;

export const MinutesRejection = z.object({
  proposalId: z.string(),
  code: z.string(),
  cui: z.string(),
  title: z.string(),
  estimatedCostCents: Cents,
  /** Key of the rejection taxonomy (DOMAIN.md): otherLevel, notAligned, … */
  reason: z.string(),
  /** Further taxonomy keys after the main one; absent when none (and in Actas signed before). */
  alsoReasons: z.array(z.string()).optional(),
  explanation: z.string(),
  decidedAt: z.string(),
});
export type MinutesRejection = z.infer<typeof MinutesRejection>;

/** One item of a closed voting round with its count (voting helper's RoundTotals item). */
export const MinutesRoundItem = z.object({
  /** Proposal id (hands, ballot) or sector id (sector rounds). */
  itemId: z.string(),
  /** Proposal code, or '' for a sector. */
  code: z.string(),
  label: z.string(),
  votes: Count,
  /** Cumulative points or Borda score; null for plain counts. */
  points: Count.nullable(),
  /** Sector rounds: the envelope share proportional to votes. */
  shareCents: Cents.nullable(),
});

export const MinutesRound = z.object({
  id: z.string(),
  title: z.string(),
  /** sector | hands | ballot */
  kind: z.string(),
  /** approval | cumulative | ranking | knapsack, or null. */
  ballotType: z.string().nullable(),
  tieBreak: z.string(),
  venueId: z.string(),
  day: z.string(),
  /** draft | open | closed: only closed rounds carry totals. */
  state: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** Who could vote when the round closed: the frozen snapshot. */
  entitled: z
    .object({
      voteRule: z.string(),
      count: Count,
      present: Count,
      holders: z.array(
        z.object({
          organizationId: z.string().nullable(),
          participantId: z.string(),
          name: z.string(),
          organization: z.string(),
          basis: z.string(),
        }),
      ),
    })
    .nullable(),
  /** Individual ballots counted (ballot rounds), else null. */
  ballots: Count.nullable(),
  /** Blank ballots among them; absent when none (and in Actas signed before blank votes). */
  blank: Count.optional(),
  items: z.array(MinutesRoundItem),
});
export type MinutesRound = z.infer<typeof MinutesRound>;

export const MinutesPrioritizedItem = z.object({
  rank: z.number().int().min(1),
  proposalId: z.string(),
  code: z.string(),
  cui: z.string(),
  title: z.string(),
  sectorId: z.string(),
  sector: z.string(),
  amountCents: Cents,
  /** Municipal cost: amount minus community co-financing. */
  cofinancingCents: Cents,
  /** Running total of amountCents down to this rank. */
  cumulativeCents: Cents,
  /** Decimal string: the criteria score or vote count the ranking used ('' if none). */
  score: z.string(),
  /** Above the envelope line: funded by this year's envelope. */
  funded: z.boolean(),
  /** Sector split on: funded by the final pass over the pooled leftover. */
  fromRemainder: z.boolean().optional(),
});
export type MinutesPrioritizedItem = z.infer<typeof MinutesPrioritizedItem>;

export const MinutesPrioritized = z.object({
  /** How the list was ranked (results module key, e.g. "criteria", "votes", "mes"). */
  method: z.string(),
  envelopeCents: Cents,
  fundedTotalCents: Cents,
  items: z.array(MinutesPrioritizedItem),
  /** Only when the sector vote split the envelope (setup option, frozen with the round). */
  split: MinutesSplit.optional(),
  /**
   * Layout 8, MES without the split: the steps the rule ran (empty when none did, with the
   * results' problem key saying why), so the Acta names add1 and the completion when they ran.
   */
  ruleRan: RuleRan.extend({ problem: z.string().optional() }).optional(),
});
export type MinutesPrioritized = z.infer<typeof MinutesPrioritized>;

/**
 * The round the prioritised list follows, as the facilitator chose it before sealing, the
 * warnings confirmed when choosing, and the closed rounds it supersedes. Absent in minutes
 * sealed before the choice existed.
 */
export const MinutesOfficial = z.object({
  roundId: z.string(),
  title: z.string(),
  closedAt: z.string().nullable(),
  chosenAt: z.string(),
  /** criteriaIncomplete | belowQuorum | notLatest */
  confirmed: z.array(z.string()),
  quorum: z
    .object({ required: z.number().int(), actual: z.number().int(), met: z.boolean() })
    .nullable(),
  /** Other closed prioritisation rounds: kept in the record, not followed by the list. */
  superseded: z.array(
    z.object({ roundId: z.string(), title: z.string(), closedAt: z.string().nullable() }),
  ),
});
export type MinutesOfficial = z.infer<typeof MinutesOfficial>;

export const MinutesAgreement = z.object({
  n: z.number().int().min(1),
  text: z.string(),
  responsible: z.string(),
  /** YYYY-MM-DD or ''. */
  due: z.string(),
});
export type MinutesAgreement = z.infer<typeof MinutesAgreement>;

export const MinutesCommitteeMember = z.object({
  n: z.number().int().min(1),
  name: z.string(),
  dni: z.string(),
  organization: z.string(),
  /** coordinator, secretary, member, alternate */
  role: z.string(),
  participantId: z.string().nullable(),
});
export type MinutesCommitteeMember = z.infer<typeof MinutesCommitteeMember>;

/** Version of the drawing of the pages: bumped whenever it changes; a verifier re-draws only PDFs of its own layout. */
// 3: the round section prints blank ballots; attendance by sex with "sin dato" per venue and
// in total; the proposals list prints beneficiaries with their unit.
// 4: the prioritised list prints the sector split (per-sector table, the remainder pass, and
// "financiado con el remanente" beside those projects) when the setup applied it.
// Also in 4: a page of the venue devices merged in and the conflicts between them (issue 20).
// Also in 4: the signature sheet lists the digital signatures (the seal's PAdES certificate;
// officials' co-signatures are listed by Verificar).
// 5: the prioritised list's method names the sector split when it selected (it said "voraz");
// the quorum lines say how many were present and how many were needed, each on its own.
// Also in 5: the device page prints, for each venue laptop, whether its head matched the venue's
// closing slip or was merged without one (and why); conflicts include counts refused (issue 20).
// Also in 5: the QR code is one Form XObject placed on every page instead of squares drawn on
// each (issue 18: faster to seal and to verify, a smaller file; the pages look the same).
// Also in 5: dates print dd/mm/yyyy (venue table, vote heading, agreement deadlines), as everywhere else.
// 6: what the official result was computed from, changes after its close, late settlements (payload-basis.ts).
// 7: the official list's CUI as at the close; every later event on its proposals in the basis (adv27); devices page: kits never merged back, rulings that moved a result (venfix).
// 8: one stop after a typed value that ends with its own ("monto." not "monto.."), no doubled
// comma, semicolon or colon; the devices table names each laptop's role (door kit, voting desk) and kit code.
// Also in 8 (fac28): the attendee table and totals say who held a vote (voteHolders), not every
// member with voice and vote; the prioritised list names the MES steps that ran (add1, the
// completion) or that none did; default sector and criteria names print in the Acta's language.
// 8: one stop after a typed value ending with its own ("monto." not "monto.."), no doubled comma, semicolon or colon; the devices table names each laptop's role and kit code.
// Also 8 (adv28): page 1 names the time zone; the basis lists setup saves after the close (basis.setupChanges); co-financing and the rejected CUI are drawn.
export const MINUTES_LAYOUT = 8;

/** Time zone in which the Acta prints times and dates (Peru has one and no summer time). */
export const MINUTES_TIME_ZONE = 'America/Lima';

/**
 * Everything besides the record that decides what the pages show. Signed with the payload:
 * the verifier draws the pages from this and nothing else, so no unsigned setting can change
 * the drawing or switch the comparison off. Absent in layout 1 (those PDFs cannot be redrawn).
 */
export const RenderSettings = z.object({
  layout: z.number().int(),
  lang: LangSchema,
  bilingual: z.boolean(),
  slips: z.boolean(),
  /** The embedded font files by name with the SHA-256 of each: another font draws other pages. */
  fonts: z.array(z.object({ name: z.string(), sha256: Hex64 })),
  timeZone: z.string(),
});
export type RenderSettings = z.infer<typeof RenderSettings>;

export const MinutesPayload = z.object({
  format: z.literal(MINUTES_FORMAT),
  version: z.literal(MINUTES_VERSION),
  workshop: z.object({
    workshopId: z.string(),
    municipality: z.string(),
    ubigeo: z.string(),
    fiscalYear: z.number().int(),
    title: z.string(),
    envelopeCents: Cents,
    quorum: z.union([
      z.object({ kind: z.literal('none') }),
      z.object({ kind: z.literal('percent'), percent: z.number().int() }),
      z.object({ kind: z.literal('minimum'), count: z.number().int() }),
    ]),
    voteRule: z.string(),
    tieBreak: z.string(),
    minNoticeDays: z.number().int(),
    createdAt: z.string(),
  }),
  venues: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      place: z.string(),
      date: z.string(),
      attendees: Count,
    }),
  ),
  sectors: z.array(z.object({ id: z.string(), name: z.string() })),
  convocation: z.object({
    organizationsInvited: Count,
    invitations: Count,
    late: Count,
    firstSentOn: z.string(),
    lastSentOn: z.string(),
  }),
  attendance: z.object({
    totals: z.object({
      people: Count,
      organizations: Count,
      women: Count,
      men: Count,
      other: Count,
      voiceAndVote: Count,
      voiceOnly: Count,
      /** Layout 8: people who held a vote (`heldVote`). */
      voteHolders: Count.optional(),
      thumbprint: Count,
      ruego: Count,
    }),
    organizations: z.array(MinutesOrganization),
  }),
  proposals: z.array(MinutesProposal),
  rejected: z.array(MinutesRejection),
  rounds: z.array(MinutesRound),
  criteria: MinutesCriteria.nullable(),
  prioritized: MinutesPrioritized.nullable(),
  official: MinutesOfficial.optional(),
  /** Reopenings of the setup after a prioritisation round had closed: who, when, why. */
  reopenings: z
    .array(z.object({ at: z.string(), by: z.string(), reason: z.string(), afterRound: z.string() }))
    .optional(),
  /** Layout 6 (payload-basis.ts): the official result's frozen basis, matrix and scores; late settlements. */
  basis: MinutesBasis.optional(),
  criteriaAtClose: MinutesCriteria.optional(),
  lateRulings: z.array(MinutesLateRuling).optional(),
  matters: z.array(z.object({ text: z.string(), raisedBy: z.string(), raisedAt: z.string() })),
  /** Venue devices merged in, their conflicts and settlements, kits never back (issue 20). */
  ...minutesVenuesShape,
  agreements: z.array(MinutesAgreement),
  committee: z.array(MinutesCommitteeMember),
  closingRemarks: z.string(),
  /** The event chain when the minutes were sealed (the seal event itself comes after). */
  chain: z.object({ head: Hex64, length: Count }),
  sealedAt: z.string(),
  signer: Signer,
  /**
   * The seal warnings that applied and were confirmed to seal (their ids, seal-warnings.ts, in
   * the order shown; [] for none), signed with the record so that changing the list changes the
   * fingerprint every copy carries. The seal's event keeps the same list. Not drawn on the pages
   * (layout 8); absent from Actas sealed before stop 32. An optional key: a verifier that does
   * not know it still checks the hash and signature over the attached bytes as they are.
   */
  sealWarningsConfirmed: z.array(z.string()).optional(),
  render: RenderSettings.optional(),
});
export type MinutesPayload = z.infer<typeof MinutesPayload>;

/** A correction after sealing: signed on its own, pointing at the original minutes' hash. */
export const AddendumPayload = z.object({
  format: z.literal(ADDENDUM_FORMAT),
  version: z.literal(MINUTES_VERSION),
  /** SHA-256 (hex) of the original minutes' canonical payload. */
  originalHash: Hex64,
  originalFingerprint: z.string(),
  workshopId: z.string(),
  municipality: z.string(),
  fiscalYear: z.number().int(),
  title: z.string(),
  n: z.number().int().min(1),
  text: z.string(),
  createdAt: z.string(),
  signer: Signer,
  render: RenderSettings.optional(),
});
export type AddendumPayload = z.infer<typeof AddendumPayload>;

export const SignedPayload = z.union([MinutesPayload, AddendumPayload]);
export type SignedPayload = z.infer<typeof SignedPayload>;

/**
 * The second attachment: the Ed25519 signature over the canonical payload's UTF-8 bytes.
 * Version 1 also said how the pages were drawn, outside the signature, so that whoever held
 * the key could change it; since version 2 that lives in the signed payload (`render`) and
 * anything else in this file is ignored and, being re-drawn, must match byte for byte.
 */
export const SignatureFile = z.object({
  format: z.literal('minka-signature'),
  version: z.union([z.literal(1), z.literal(2)]),
  algorithm: z.literal('Ed25519'),
  publicKey: z.string(),
  /** base64 of the 64-byte signature. */
  signature: z.string(),
  payloadSha256: Hex64,
});
export type SignatureFile = z.infer<typeof SignatureFile>;

/** Names of the files attached to every sealed PDF. */
export const PAYLOAD_ATTACHMENT = 'minka-minutes.json';
export const SIGNATURE_ATTACHMENT = 'minka-signature.json';
