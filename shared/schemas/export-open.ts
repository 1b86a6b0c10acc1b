import { z } from 'zod';
import { OrgType, ParticipantRole, StandingProof } from './attendance';
import { ItemTotal } from './voting';
import { Cents, StoredWorkshopSetup } from './workshop';

/**
 * `minka export --open-data`: the workshop for publication by the municipality or the Comité
 * de Vigilancia, without personal data (Ley 29733): no DNI, no name of a private person, no
 * signature mode or witness of anyone. Organisations, proposals, votes, results and
 * attendance counted by venue, sex and organisation type stay. Representatives' and the
 * committee's names appear only when the setup says they are public. Amounts are integer
 * céntimos (`…Cents`, 1 sol = 100).
 */
export const OPEN_EXPORT_FORMAT = 'minka-workshop-open';
export const OPEN_EXPORT_VERSION = 1;

/** People counted by sex: F, M and X (another or not stated). */
export const SexCounts = z.object({
  people: z.number().int(),
  women: z.number().int(),
  men: z.number().int(),
  other: z.number().int(),
});
export type SexCounts = z.infer<typeof SexCounts>;

export const OpenAttendance = z.object({
  /** Distinct people present (an undone check-in does not count), and organisations with someone present. */
  totals: SexCounts.extend({
    organizations: z.number().int(),
    voiceAndVote: z.number().int(),
    voiceOnly: z.number().int(),
  }),
  byVenue: z.array(SexCounts.extend({ venueId: z.string(), name: z.string(), date: z.string() })),
  /** People without an organisation are counted under `individual`. */
  byOrganizationType: z.array(SexCounts.extend({ type: OrgType, organizations: z.number().int() })),
  byOrganization: z.array(
    SexCounts.extend({ organizationId: z.string(), name: z.string(), type: OrgType }),
  ),
});
export type OpenAttendance = z.infer<typeof OpenAttendance>;

export const OpenExport = z.object({
  format: z.literal(OPEN_EXPORT_FORMAT),
  version: z.literal(OPEN_EXPORT_VERSION),
  exportedAt: z.string(),
  workshop: StoredWorkshopSetup.omit({ venues: true }).extend({
    workshopId: z.string(),
    createdAt: z.string(),
    sealedAt: z.string().nullable(),
    /** Only when the setup names MES with the split on (an older file): the split ran. */
    appliedRule: z.enum(['greedy', 'mes', 'sectorSplit']).optional(),
  }),
  venues: StoredWorkshopSetup.shape.venues,
  organizations: z.array(
    z.object({
      id: z.string(),
      /** Empty for an organisation of type `individual` (a person registered on their own). */
      name: z.string(),
      type: OrgType,
      community: z.string(),
      standingProof: StandingProof,
      invited: z.boolean(),
      /** Titular, suplente and delegates, only when the setup makes their names public; else null. */
      representatives: z
        .array(z.object({ name: z.string(), role: ParticipantRole, accredited: z.boolean() }))
        .nullable(),
    }),
  ),
  /** The convocation without its free-text note. */
  invitations: z.array(
    z.object({
      organizationId: z.string(),
      sentOn: z.string(),
      channel: z.string(),
      noticeDays: z.number().int().nullable(),
      late: z.boolean(),
    }),
  ),
  attendance: OpenAttendance,
  proposals: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      title: z.string(),
      description: z.string(),
      sectorId: z.string(),
      community: z.string(),
      organizationId: z.string().nullable(),
      estimatedCostCents: Cents,
      beneficiaries: z.number().int(),
      /** people, families or students: what `beneficiaries` counts. */
      beneficiaryUnit: z.string(),
      cui: z.string(),
      cofinancingCents: Cents,
      carriedFrom: z.string(),
      status: z.string(),
      reviews: z.array(
        z.object({
          decision: z.string(),
          reason: z.string().nullable(),
          /** Further rejection reasons after the main one. */
          alsoReasons: z.array(z.string()),
          explanation: z.string(),
          decidedAt: z.string(),
        }),
      ),
    }),
  ),
  /** Rounds with their counts; no ballot, voter or entitled person is listed. */
  rounds: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      kind: z.string(),
      ballotType: z.string().nullable(),
      state: z.string(),
      venueId: z.string(),
      day: z.string(),
      openedAt: z.string().nullable(),
      closedAt: z.string().nullable(),
      entitled: z.number().int().nullable(),
      present: z.number().int().nullable(),
      ballots: z.number().int().nullable(),
      items: z.array(ItemTotal),
    }),
  ),
  /** The criteria matrix with the scores per proposal (who scored is left out). */
  criteria: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      weight: z.number().int(),
      scaleMax: z.number().int(),
      scores: z.array(z.object({ proposalId: z.string(), score: z.number().int() })),
    }),
  ),
  votesWeight: z.number().int().nullable(),
  results: z.array(z.unknown()),
  /** Matters raised off the agenda, without who raised them. */
  mattersRaised: z.array(z.object({ text: z.string(), raisedAt: z.string() })),
  agreements: z.array(
    z.object({
      position: z.number().int(),
      text: z.string(),
      responsible: z.string(),
      due: z.string(),
    }),
  ),
  /** The Comité de Vigilancia: its roles and organisations; names only when the setup makes them public. */
  committee: z.array(
    z.object({
      position: z.number().int(),
      role: z.string(),
      organization: z.string(),
      name: z.string().nullable(),
    }),
  ),
  /** The sealed minutes by their hashes and signature, so a copy can be checked against them. */
  minutes: z
    .object({
      sealedAt: z.string(),
      payloadSha256: z.string(),
      fingerprint: z.string(),
      publicKey: z.string(),
      keyFingerprint: z.string(),
      signature: z.string(),
      pdfSha256: z.string(),
      fileName: z.string(),
      addenda: z.array(
        z.object({
          n: z.number().int(),
          createdAt: z.string(),
          text: z.string(),
          payloadSha256: z.string(),
          fingerprint: z.string(),
        }),
      ),
    })
    .nullable(),
  /** What became of earlier years' agreements (follow-up notes). */
  followupNotes: z.array(
    z.object({
      ref: z.string(),
      fiscalYear: z.number().int(),
      status: z.string(),
      date: z.string(),
      note: z.string(),
    }),
  ),
  chain: z.object({ head: z.string(), length: z.number().int() }),
});
export type OpenExport = z.infer<typeof OpenExport>;
