// What `minka check` proves about a workshop file, as the answer of the read-only channel
// `workshop:check` (the CLI reaches it through the core's dispatch; the app may too). Keys in
// the order the CLI has always printed them in `--json`.
import { z } from 'zod';
import { SealWarning } from './minutes';
import { QuorumAtClose } from './official';

export const ChainCheck = z.object({
  ok: z.boolean(),
  length: z.number().int(),
  head: z.string(),
  /** First sequence number whose link does not hold. */
  brokenAt: z.number().int().optional(),
  reason: z.enum(['gap', 'prevHash', 'hash', 'payload']).optional(),
  fingerprint: z.string(),
});

export const ConsistencyCheck = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ table: z.string(), key: z.string(), what: z.string() })),
  covered: z.array(z.string()),
  uncovered: z.array(z.string()),
});

export const AnchorCheck = z.object({
  fingerprint: z.string(),
  seq: z.number().int().nullable(),
  matched: z.enum(['chain', 'minutes']).nullable(),
  digits: z.number().int().optional(),
});

const SealProblem = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const SealedCheck = z.object({
  sealed: z.boolean(),
  /** No finding, and the stored PDF's pages were drawn again and compared. */
  ok: z.boolean(),
  fingerprint: z.string().optional(),
  problems: z.array(SealProblem),
  /** The stored PDF's pages could not be drawn again on this computer: no verdict on them. */
  unchecked: SealProblem.optional(),
  /**
   * The seal warnings confirmed when sealing, kept in the seal's event (stop 32); absent when
   * the seal predates that. Words from the sealed file (electron/minutes/seal-confirmed.ts).
   */
  confirmed: z.array(SealWarning).optional(),
});

export const FrozenResultsCheck = z.object({
  ok: z.boolean(),
  rounds: z.number().int(),
  problems: z.array(
    z.object({
      roundId: z.string(),
      /** English machine text (kept for `--json` consumers); `key`/`params` are what is printed. */
      what: z.string(),
      key: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      inputs: z.literal(true).optional(),
      /** A frozen quorum that differs from a recount over the record before the close. */
      quorum: z
        .object({ title: z.string(), frozen: QuorumAtClose, recomputed: QuorumAtClose })
        .optional(),
      /** The close's vote holders differ from a recount of the check-ins before it, in log order. */
      holders: z.literal(true).optional(),
    }),
  ),
  /** The workshop's time zone, for the findings' times (present when there are findings). */
  timeZone: z.string().optional(),
});

const AppliedDifference = z.object({
  kitId: z.string(),
  deviceSeq: z.number().int(),
  mainSeq: z.number().int(),
  field: z.string(),
});

/** A ballot round's laptop with voters marked or papers typed that never closed it
 * (venues-unclosed.ts; `papers`: serials any typist typed and nobody voided, agreed or not). */
export const UnclosedDesk = z.object({
  roundId: z.string(),
  title: z.string(),
  venue: z.string(),
  kitId: z.string(),
  kit: z.string(),
  voters: z.number().int(),
  papers: z.number().int(),
  /** It closed the round, but its close is held, not joined (adv32 F8): counted nowhere too. */
  held: z.literal(true).optional(),
});
export type UnclosedDesk = z.infer<typeof UnclosedDesk>;

export const VenuesCheck = z.object({
  ok: z.boolean(),
  orphanApplied: z.array(AppliedDifference).optional(),
  /** Device events merged in that applied_event does not account for. */
  unlinked: z
    .array(
      z.object({
        kitId: z.string(),
        deviceSeq: z.number().int(),
        type: z.string(),
        what: z.enum(['notApplied', 'heldApplied']),
      }),
    )
    .optional(),
  /** Ballot rounds not closed with exactly their joined laptops' ballots (venues-ballot-check). */
  ballotUnions: z
    .array(
      z.object({
        roundId: z.string(),
        title: z.string(),
        kits: z.string(),
        joined: z.array(z.string()),
      }),
    )
    .optional(),
  /** Kit and device rows that differ from the main chain's kit and merge events (adv32 F9, F10). */
  kitRows: z
    .array(
      z.object({
        kitId: z.string(),
        what: z.enum(['kitMissing', 'kitChanged', 'kitUnlogged', 'deviceMissing', 'deviceKey']),
      }),
    )
    .optional(),
  /**
   * Ballot-round laptops that marked voters (or typed papers) and never closed the round: their
   * ballots are counted nowhere (adv30b F4). A warning: `ok` does not change.
   */
  unclosed: z.array(UnclosedDesk).optional(),
  devices: z.array(
    z.object({
      kitId: z.string(),
      venue: z.string(),
      keyFingerprint: z.string(),
      ok: z.boolean(),
      events: z.number().int(),
      head: z.string(),
      brokenAt: z.number().int().optional(),
      what: z.enum(['chain', 'signature', 'applied']).optional(),
      /** 'applied': main events applied from this device that differ from its events. */
      applied: z.array(AppliedDifference).optional(),
      /** How the head was vouched for when merged: the venue's closing slip, or none (why). */
      proof: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('slip'), head: z.string() }),
          z.object({ kind: z.literal('none'), note: z.string() }),
          z.object({ kind: z.literal('carried'), by: z.string() }),
        ])
        .nullable()
        .optional(),
    }),
  ),
  conflicts: z.object({
    open: z.number().int(),
    settled: z.number().int(),
    unrecorded: z.array(z.string()),
    missing: z.array(z.string()),
    unlisted: z.array(z.string()),
    /** Rows whose laptops' sides are not what the device events give (adv32 F2). */
    changed: z.array(z.string()).optional(),
  }),
});

export const ExportCheck = z.object({
  ok: z.boolean(),
  format: z.string().nullable(),
  compared: z.number().int(),
  differing: z.number().int(),
  differences: z.array(
    z.object({ path: z.string(), file: z.string().nullable(), export: z.string().nullable() }),
  ),
});

/**
 * A laptop's clock running backwards within one chain (finding F5): the first event of a run
 * recorded earlier, beyond the tolerance, than the latest event before it on the same laptop.
 * Times are ISO (UTC); screens print them dd/mm/yyyy HH:mm in `ClockCheck.timeZone`.
 */
export const ClockStep = z.object({
  /** Whose clock: null for the file's own laptop before any venue kit, else the venue device's kit. */
  kitId: z.string().nullable(),
  /** The device's venue (its kit's), '' for the file's own laptop. */
  venue: z.string(),
  /** The event recorded too early: its seq in that chain (a device's own numbering for a device). */
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  /** The latest event before it in that chain, which it runs behind. */
  prevSeq: z.number().int(),
  prevType: z.string(),
  prevAt: z.string(),
  /** By how much (whole seconds). */
  backSeconds: z.number().int(),
  /** Events of the run, this one included, before the clock caught up with prevAt again. */
  events: z.number().int(),
});
export type ClockStep = z.infer<typeof ClockStep>;

/**
 * A venue laptop's events that claim a time outside its kit's window (misc28): before the kit
 * was issued (the time the main key signed in the kit's statement), or after the merge that
 * brought them in (that merge's time in the file's own chain). One finding per laptop and
 * bound: its first such event, and how many there are.
 */
export const ClockWindow = z.object({
  kitId: z.string(),
  venue: z.string(),
  bound: z.enum(['beforeIssued', 'afterReturned']),
  /** The kit's signed issue time, or the time of the merge that took the event in. */
  boundAt: z.string(),
  /** The first event outside (the device's own numbering). */
  seq: z.number().int(),
  type: z.string(),
  at: z.string(),
  /** How far the furthest event lies outside (whole seconds). */
  apartSeconds: z.number().int(),
  events: z.number().int(),
});
export type ClockWindow = z.infer<typeof ClockWindow>;

export const ClockCheck = z.object({
  /** Steps back up to this many seconds are not reported (a clock corrected by a few seconds). */
  toleranceSeconds: z.number().int(),
  timeZone: z.string(),
  backwards: z.array(ClockStep),
  /** Venue laptops' events outside their kit's window, beyond `windowToleranceSeconds`. */
  outside: z.array(ClockWindow),
  windowToleranceSeconds: z.number().int(),
});
export type ClockCheck = z.infer<typeof ClockCheck>;

/**
 * Venues whose first check-in is on another day than their saved date (adv29): the venue table
 * prints the date, the convocation's notice is counted to the day people met. A warning the
 * seal asks to confirm, not a failure (a genuine file keeps checking; the date is named).
 */
export const VenueDatesCheck = z.object({
  moved: z.array(
    z.object({ venueId: z.string(), name: z.string(), date: z.string(), met: z.string() }),
  ),
  /** Invitations sent with fewer than `days` days' notice, counted to the first day people met. */
  late: z.number().int(),
  days: z.number().int(),
  /** What the sealed Acta prints, when it counted otherwise (sealed before the count moved). */
  sealedLate: z.number().int().optional(),
});
export type VenueDatesCheck = z.infer<typeof VenueDatesCheck>;

/**
 * Check-ins recorded under a day more than a day away from their clock day, per venue (fac30:
 * a venue date typed wrong files the room under it; shared/attendance/day-off-clock.ts). A
 * warning the seal asks to confirm (checkInDayOffClock), not a failure.
 */
export const CheckInDaysCheck = z.object({
  venues: z.array(
    z.object({
      venueId: z.string(),
      name: z.string(),
      /** Check-ins off their clock day, of `total` (undone ones left out). */
      count: z.number().int(),
      total: z.number().int(),
      /** The first of them: its recorded day and its clock day. */
      day: z.string(),
      clock: z.string(),
    }),
  ),
  /**
   * Check-ins recorded for a day, clocked on an earlier day by people checked in for that
   * earlier day too (adv31 F3): day 1's room checked in for day 2 the evening before carries
   * day 2's quorum. Per venue and recorded day. Older results may leave it out.
   */
  eve: z
    .array(
      z.object({
        venueId: z.string(),
        name: z.string(),
        day: z.string(),
        /** Such check-ins, of `total` for that venue and day (undone ones left out). */
        count: z.number().int(),
        total: z.number().int(),
      }),
    )
    .optional(),
  /**
   * Rounds opened or closed on another calendar day (the workshop's zone) than their `day`
   * (adv30 F2): their quorum and vote holders are the attendance of `day`, not of the day the
   * room voted. Older results may leave it out.
   */
  rounds: z
    .array(
      z.object({
        roundId: z.string(),
        title: z.string(),
        venue: z.string(),
        day: z.string(),
        opened: z.string().nullable(),
        closed: z.string().nullable(),
      }),
    )
    .optional(),
});
export type CheckInDaysCheck = z.infer<typeof CheckInDaysCheck>;

export const WorkshopCheck = z.object({
  /** Everything below holds (and the archived export, when given, matches). */
  ok: z.boolean(),
  /**
   * Not ok only because this computer could not check something (`minutes.unchecked`): no
   * finding about the file (`minka check` exits 3, as for a missing resource).
   */
  environment: z.literal(true).optional(),
  integrity: z.enum(['ok', 'corrupt', 'unreadable']),
  error: z.string().optional(),
  chain: ChainCheck.optional(),
  consistency: ConsistencyCheck.optional(),
  anchor: AnchorCheck.optional(),
  minutes: SealedCheck.optional(),
  results: FrozenResultsCheck.optional(),
  venues: VenuesCheck.optional(),
  /** Times running backwards per laptop: a warning, not a failure (`ok` does not depend on it). */
  clock: ClockCheck.optional(),
  /** Venue dates saved off their check-ins: a warning, not a failure. */
  venueDates: VenueDatesCheck.optional(),
  /** Check-ins recorded off their clock day: a warning, not a failure. */
  checkInDays: CheckInDaysCheck.optional(),
  /** The archived export compared with the file (only when given and the file is sound). */
  export: ExportCheck.optional(),
});
export type WorkshopCheck = z.infer<typeof WorkshopCheck>;
