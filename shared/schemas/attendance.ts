import { z } from 'zod';
import { Id, IsoDate, RequiredText, Text } from './workshop';

export const ORG_TYPES = [
  'comunidadCampesina',
  'apafa',
  'grassroots',
  'association',
  'ngo',
  'stateBody',
  'individual',
] as const;
export const OrgType = z.enum(ORG_TYPES);
export type OrgType = z.infer<typeof OrgType>;

/** How an organisation proved its legal standing (registro público, resolución, acta…). */
export const STANDING_PROOFS = [
  'publicRegistry',
  'municipalResolution',
  'assemblyAct',
  'other',
  'none',
] as const;
export const StandingProof = z.enum(STANDING_PROOFS);

export const Organization = z.object({
  id: Id,
  name: RequiredText(200),
  type: OrgType,
  /** Community or territory the organisation belongs to. */
  community: Text(120),
  standingProof: StandingProof,
  standingRef: Text(120),
});
export type Organization = z.infer<typeof Organization>;
export const OrganizationInput = Organization.extend({ id: Id.optional() });
export type OrganizationInput = z.infer<typeof OrganizationInput>;

/** DNI: exactly 8 digits, leading zeros kept; stored and compared as a string. */
export const Dni = z.string().regex(/^\d{8}$/, '8 digits');
/** Pad a DNI that lost its leading zeros in a spreadsheet ("1234567" → "01234567"); null if not a DNI. */
export function normalizeDni(raw: string): string | null {
  const digits = raw.trim().replace(/[\s.-]/g, '');
  if (!/^\d{1,8}$/.test(digits) || /^0+$/.test(digits)) return null;
  return digits.padStart(8, '0');
}

export const Sex = z.enum(['F', 'M', 'X']);
export const PreferredLanguage = z.enum(['es', 'quz', 'other']);
export const PARTICIPANT_ROLES = ['titular', 'suplente', 'delegate', 'member'] as const;
export const ParticipantRole = z.enum(PARTICIPANT_ROLES);
export type ParticipantRole = z.infer<typeof ParticipantRole>;
/** Technical team and observers have voice but no vote (DOMAIN.md). */
export const Voice = z.enum(['voiceAndVote', 'voiceOnly']);
export const Accreditation = z.enum(['pending', 'accredited', 'rejected']);
export type Accreditation = z.infer<typeof Accreditation>;

export const Participant = z.object({
  id: Id,
  /** Empty only for a walk-in who has no DNI at hand; flagged on lists. */
  dni: z.union([z.literal(''), Dni]),
  givenNames: RequiredText(120),
  surnames: Text(120),
  sex: Sex,
  language: PreferredLanguage,
  organizationId: Id.nullable(),
  role: ParticipantRole,
  /** For a delegate: the authorisation (assembly act, letter) and its reference. */
  authorization: Text(200),
  voice: Voice,
  accreditation: Accreditation,
});
export type Participant = z.infer<typeof Participant>;
export const ParticipantInput = Participant.extend({ id: Id.optional() });
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const INVITATION_CHANNELS = ['letter', 'radio', 'assembly', 'phone', 'other'] as const;
export const InvitationChannel = z.enum(INVITATION_CHANNELS);
export const Invitation = z.object({
  id: Id,
  organizationId: Id,
  sentOn: IsoDate,
  channel: InvitationChannel,
  note: Text(200),
});
export type Invitation = z.infer<typeof Invitation>;

export const SIGN_METHODS = ['signature', 'thumbprint', 'ruego'] as const;
export const SignMethod = z.enum(SIGN_METHODS);
export type SignMethod = z.infer<typeof SignMethod>;

/** One arrival of one person at one venue on one day. Undone check-ins stay, marked. */
export const AttendanceRecord = z.object({
  id: Id,
  participantId: Id,
  venueId: Id,
  day: IsoDate,
  checkedInAt: z.string(),
  /**
   * The check-in's place in this file's event log (the seq of its `attendance.checkedIn`
   * event): "who came first" among people of one role (presence.ts) is read from it, never
   * from the clock. Null only for a row the log does not hold (a tampered file).
   */
  checkInSeq: z.number().int().nullable(),
  checkedOutAt: z.string().nullable(),
  signMethod: SignMethod,
  /** For a signature "a ruego": who signs for the person. */
  witness: Text(160),
  undoneAt: z.string().nullable(),
  undoReason: Text(200),
});
export type AttendanceRecord = z.infer<typeof AttendanceRecord>;

/** Full display name as lists print it: "SURNAMES, Given names". */
export function displayName(p: Pick<Participant, 'givenNames' | 'surnames'>): string {
  return p.surnames ? `${p.surnames.toUpperCase()}, ${p.givenNames}` : p.givenNames;
}
