import { z } from 'zod';
import { AttendanceRecord, Invitation, Organization, Participant } from './attendance';
import { ChainStatus, StoredWorkshopSetup } from './workshop';

/**
 * `minka export`: the whole workshop as one JSON document, for archives and independent
 * checks. Amounts are integer céntimos (`…Cents`, 1 sol = 100), never binary floats; DNIs are
 * 8-digit text (leading zeros kept). Keys whose feature has not landed yet hold [] or null;
 * the version grows when a key's content changes shape. It holds personal data (names, DNIs,
 * signatures): for publication use the open-data variant (./export-open.ts).
 */
export const EXPORT_FORMAT = 'minka-workshop';
export const EXPORT_VERSION = 2;

export const ExportEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  type: z.string(),
  payload: z.unknown(),
  hash: z.string(),
});

/** A registered person: the registry row, with when it was created. */
export const ExportParticipant = Participant.extend({ createdAt: z.string() });
export type ExportParticipant = z.infer<typeof ExportParticipant>;

/** An invitation with its notice: whole days from `sentOn` to the first venue's date (null without venues). */
export const ExportInvitation = Invitation.extend({
  noticeDays: z.number().int().nullable(),
  /** Fewer notice days than the setup's minimum. */
  late: z.boolean(),
});
export type ExportInvitation = z.infer<typeof ExportInvitation>;

/** The follow-up register as stored: earlier years' signed minutes, plans, notes, links, carries. */
export const ExportFollowup = z.object({
  minutes: z.array(
    z.object({
      id: z.string(),
      fiscalYear: z.number().int(),
      /** The signed canonical payload, parsed. */
      payload: z.unknown(),
      signature: z.string(),
      source: z.string(),
      fileName: z.string(),
      importedAt: z.string(),
    }),
  ),
  plans: z.array(
    z.object({
      id: z.string(),
      minutesId: z.string(),
      fileName: z.string(),
      sha256: z.string(),
      fingerprint: z.string(),
      report: z.unknown(),
      recordedAt: z.string(),
    }),
  ),
  notes: z.array(
    z.object({
      id: z.string(),
      ref: z.string(),
      fiscalYear: z.number().int(),
      status: z.string(),
      date: z.string(),
      note: z.string(),
      createdAt: z.string(),
    }),
  ),
  unlinks: z.array(z.object({ a: z.string(), b: z.string() })),
  carries: z.array(
    z.object({
      proposalId: z.string(),
      ref: z.string(),
      history: z.unknown(),
      carriedAt: z.string(),
    }),
  ),
});
export type ExportFollowup = z.infer<typeof ExportFollowup>;

export const WorkshopExport = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: z.string(),
  workshop: StoredWorkshopSetup.omit({ venues: true }).extend({
    workshopId: z.string(),
    createdAt: z.string(),
    sealedAt: z.string().nullable(),
    /** Only when the setup names MES with the split on (an older file): the split ran. */
    appliedRule: z.enum(['greedy', 'mes', 'sectorSplit']).optional(),
  }),
  venues: StoredWorkshopSetup.shape.venues,
  organizations: z.array(Organization),
  participants: z.array(ExportParticipant),
  invitations: z.array(ExportInvitation),
  /**
   * Every check-in, undone ones included (marked with when and why). Without the log position
   * the screens read (checkInSeq): the export's shape stays as it was (its version unchanged).
   */
  attendance: z.array(AttendanceRecord.omit({ checkInSeq: true })),
  proposals: z.array(z.unknown()),
  rounds: z.array(z.unknown()),
  criteria: z.array(z.unknown()),
  /** The weight of votes in the combined score (percent), or null before criteria existed. */
  votesWeight: z.number().int().nullable(),
  results: z.array(z.unknown()),
  mattersRaised: z.array(z.unknown()),
  agreements: z.array(z.unknown()),
  committee: z.array(z.unknown()),
  /** Closing remarks drafted for the minutes. */
  closingRemarks: z.string(),
  minutes: z.unknown().nullable(),
  followup: ExportFollowup,
  chain: ChainStatus.pick({ head: true, length: true }),
  events: z.array(ExportEvent),
  /**
   * Venue laptops merged in (issue 20): venue, key, chain head, number of events, and each
   * device's events as its laptop chained them (verifiable on their own); [] when none.
   */
  devices: z
    .array(
      z.object({
        kitId: z.string(),
        venue: z.string(),
        keyFingerprint: z.string(),
        publicKey: z.string(),
        adoptedAt: z.string(),
        head: z.string(),
        events: z.array(ExportEvent.extend({ prevHash: z.string() })),
      }),
    )
    .default([]),
  /** Venue kits this workshop prepared (their signed statements); [] when none. */
  kits: z.array(z.unknown()).default([]),
  /** Conflicts between devices, side by side, with their settlement; [] when none. */
  conflicts: z.array(z.unknown()).default([]),
});
export type WorkshopExport = z.infer<typeof WorkshopExport>;
