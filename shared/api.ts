// The one API contract: every channel with its zod input and output schema. Electron IPC,
// the web host and tests all go through dispatch(channel, input), which validates against
// these schemas. The renderer's invoke<K> is typed from here; there is no second copy.
import { z } from 'zod';
import { ChainStatus, WorkshopSetup, WorkshopState, WorkshopSummary } from './schemas/workshop';
import { SealWarning } from './schemas/minutes';
import { attendanceChannels } from './channels/attendance';
import { proposalChannels } from './channels/proposals';
import { minutesChannels } from './channels/minutes';
import { backupChannels } from './channels/backup';
import { votingChannels } from './channels/voting';
import { criteriaChannels } from './channels/criteria';
import { resultChannels } from './channels/results';
import { planChannels } from './channels/plan';
import { followupChannels } from './channels/followup';
import { venueChannels } from './channels/venues';
import {
  CheckInDaysCheck,
  ClockCheck,
  UnclosedDesk,
  VenueDatesCheck,
  WorkshopCheck,
} from './schemas/check';

/** Stable error codes: the renderer and the CLI branch on these, never on message text. */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'NOT_MINKA_FILE',
  'CORRUPT_FILE',
  'NEWER_VERSION',
  'LOCKED',
  'DISK_FULL',
  'READ_ONLY',
  'IO_ERROR',
  'SEALED',
  'NOT_AVAILABLE',
  'CONFLICT',
  'ENVIRONMENT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorEnvelope = z.object({
  code: z.enum(ERROR_CODES),
  /** i18n key of the message; the receiver translates it with `params`. */
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Plain English, for logs. */
  message: z.string(),
  /** For INVALID_INPUT: which field is wrong. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorEnvelope };

const WorkshopRef = z.object({ workshopId: z.string().min(1).max(64) });
const FileName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\\0]+\.minka$/, 'a .minka file name in the data folder');

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['web', 'electron', 'cli', 'test']),
  dataDir: z.string(),
  /** Whether native open/save dialogs exist (Electron) or workshops live in the data folder (web). */
  dialogs: z.boolean(),
});

function channelsCreateInput() {
  return z.object({
    title: z.string().trim().min(1).max(200),
    municipality: z.string().trim().min(1).max(200),
    fiscalYear: z.number().int().min(2000).max(2100),
  });
}

export const channels = {
  'app:info': { input: z.object({}), output: AppInfo },
  'workshop:list': { input: z.object({}), output: z.array(WorkshopSummary) },
  'workshop:create': { input: channelsCreateInput(), output: WorkshopState },
  'workshop:open': { input: z.object({ file: FileName }), output: WorkshopState },
  'workshop:openDemo': { input: z.object({}), output: WorkshopState },
  /**
   * `minka demo --out FILE`: the demo written afresh under a given name in the data folder
   * (any name the CLI was given, without a folder); refused if the file exists.
   */
  'workshop:createDemo': {
    input: z.object({
      file: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^/\\\0]+$/, 'a file name without a folder'),
    }),
    output: WorkshopState,
  },
  /** Native file dialogs (Electron only; the web host keeps workshops in its data folder). */
  'workshop:openWithDialog': { input: z.object({}), output: z.union([WorkshopState, z.null()]) },
  'workshop:createWithDialog': {
    input: channelsCreateInput(),
    output: z.union([WorkshopState, z.null()]),
  },
  'workshop:recent': {
    input: z.object({}),
    output: z.array(z.object({ path: z.string(), file: z.string(), exists: z.boolean() })),
  },
  'workshop:openRecent': {
    input: z.object({ path: z.string().min(1).max(4096) }),
    output: WorkshopState,
  },
  'workshop:close': { input: WorkshopRef, output: z.object({ closed: z.boolean() }) },
  'workshop:get': { input: WorkshopRef, output: WorkshopState },
  'workshop:saveSetup': {
    input: WorkshopRef.extend({ setup: WorkshopSetup }),
    output: WorkshopState,
  },
  'events:list': {
    input: WorkshopRef.extend({
      afterSeq: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    output: z.array(
      z.object({
        seq: z.number().int(),
        at: z.string(),
        actor: z.string(),
        type: z.string(),
        payload: z.unknown(),
        hash: z.string(),
      }),
    ),
  },
  'chain:status': { input: WorkshopRef, output: ChainStatus },
  /** `minka export` on screen: the full document (personal data) or the open-data variant. */
  'workshop:export': {
    input: WorkshopRef.extend({ openData: z.boolean() }),
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  /**
   * `minka check` on an open workshop: read-only, never changes the file. `fingerprint`: one
   * noted earlier (the screen's or the Acta's); `archivedExport`: a `minka export` document to
   * compare with the file.
   */
  'workshop:check': {
    input: WorkshopRef.extend({
      fingerprint: z.string().max(200).optional(),
      archivedExport: z.unknown().optional(),
    }),
    output: WorkshopCheck,
  },
  'chain:verify': {
    input: WorkshopRef,
    output: z.object({
      ok: z.boolean(),
      length: z.number().int(),
      head: z.string(),
      brokenAt: z.number().int().optional(),
      /** Each laptop's clock running backwards in the record (a warning, not a broken chain). */
      clock: ClockCheck.optional(),
      /** Venue dates saved off their check-ins (a warning, not a broken chain). */
      venueDates: VenueDatesCheck.optional(),
      /** Check-ins recorded off their clock day (a warning, not a broken chain). */
      checkInDays: CheckInDaysCheck.optional(),
      /** Ballot-round laptops with voters marked that never closed the round (a warning). */
      unclosed: z.array(UnclosedDesk).optional(),
      /** A sealed workshop: the seal warnings confirmed when sealing (stop 32). */
      sealConfirmed: z.array(SealWarning).optional(),
    }),
  },
  ...attendanceChannels,
  ...proposalChannels,
  ...minutesChannels,
  ...backupChannels,
  ...votingChannels,
  ...criteriaChannels,
  ...resultChannels,
  ...planChannels,
  ...followupChannels,
  ...venueChannels,
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type Input<K extends Channel> = z.input<Channels[K]['input']>;
export type ParsedInput<K extends Channel> = z.output<Channels[K]['input']>;
export type Output<K extends Channel> = z.output<Channels[K]['output']>;

export function isChannel(x: string): x is Channel {
  return Object.prototype.hasOwnProperty.call(channels, x);
}
