import { z } from 'zod';
import { ROLE_CHOICES } from '../csv/registry-roles';
import { LangSchema } from '../lang';
import {
  Accreditation,
  AttendanceRecord,
  Invitation,
  Organization,
  OrganizationInput,
  Participant,
  ParticipantInput,
  SignMethod,
} from '../schemas/attendance';
import { Id, IsoDate, Text } from '../schemas/workshop';

const Ref = z.object({ workshopId: z.string().min(1).max(64) });
const ChainHead = z.object({ head: z.string(), length: z.number().int(), fingerprint: z.string() });

const Place = z.object({ venueId: Id, day: IsoDate, signMethod: SignMethod, witness: Text(160) });

/** Every answer that changes the record carries the new chain head for the top bar. */
const withChain = <T extends z.ZodType>(value: T) => z.object({ value, chain: ChainHead });

export const attendanceChannels = {
  'registry:get': {
    input: Ref,
    output: z.object({
      organizations: z.array(Organization),
      participants: z.array(Participant),
      invitations: z.array(Invitation),
      attendance: z.array(AttendanceRecord),
      /** The chain as read: a screen applying its own writes knows when someone else wrote. */
      chain: ChainHead,
    }),
  },
  'registry:saveOrganization': {
    input: Ref.extend({ organization: OrganizationInput }),
    output: withChain(Organization),
  },
  'registry:saveParticipant': {
    input: Ref.extend({ participant: ParticipantInput }),
    output: withChain(Participant),
  },
  'registry:setAccreditation': {
    input: Ref.extend({ participantIds: z.array(Id).min(1).max(5000), status: Accreditation }),
    output: withChain(z.number().int()),
  },
  'registry:import': {
    input: Ref.extend({
      source: Text(200),
      organizations: z
        .array(OrganizationInput.extend({ key: z.string().min(1).max(200) }))
        .max(5000),
      participants: z
        .array(ParticipantInput.extend({ organizationKey: z.string().max(200).nullable() }))
        .max(20000),
      /** The operator's choices for role values the reader did not recognise (registry-roles.ts). */
      roleMapping: z
        .array(
          z.object({
            value: Text(200),
            role: z.enum(ROLE_CHOICES),
            people: z.number().int().min(0).max(20000),
          }),
        )
        .max(500)
        .optional(),
    }),
    output: withChain(
      z.object({ organizations: z.number().int(), participants: z.number().int() }),
    ),
  },
  'registry:exportCsv': {
    input: Ref,
    output: z.object({ fileName: z.string(), text: z.string() }),
  },
  'convocation:add': {
    input: Ref.extend({ invitation: Invitation.omit({ id: true }) }),
    output: withChain(Invitation),
  },
  'convocation:remove': {
    input: Ref.extend({ id: Id }),
    output: withChain(z.object({ removed: z.boolean() })),
  },
  'attendance:checkIn': {
    input: Ref.extend({ participantId: Id }).extend(Place.shape),
    output: withChain(AttendanceRecord),
  },
  'attendance:walkIn': {
    input: Ref.extend({ participant: ParticipantInput }).extend(Place.shape),
    // The new person too: the door adds them without reloading the registry.
    output: withChain(AttendanceRecord.extend({ participant: Participant })),
  },
  'attendance:checkOut': { input: Ref.extend({ id: Id }), output: withChain(AttendanceRecord) },
  'attendance:undo': {
    input: Ref.extend({ id: Id, reason: Text(200) }),
    output: withChain(AttendanceRecord),
  },
  'attendance:sheetPdf': {
    input: Ref.extend({
      venueId: Id,
      blankRows: z.number().int().min(0).max(200),
      lang: LangSchema,
    }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'attendance:accreditedPdf': {
    input: Ref.extend({ lang: LangSchema }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
} as const;
