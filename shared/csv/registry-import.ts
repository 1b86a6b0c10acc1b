// Preview of a registry import: organisations and participants read from a municipal
// spreadsheet, with every problem named by line and column. Nothing is written here; the
// UI shows the preview and the caller sends only what the user confirms to `registry:import`.
import type { OrgType, ParticipantInput } from '../schemas/attendance';
import { t, type Lang } from '../i18n';
import type { CsvParams } from './errors';
import type { ParsedCsv } from './parse';
import { fold, type RegistryField } from './registry-labels';
import { type LineIssue, mappedColumns } from './mapped';
import { surnamesFirst, type Mapping } from './registry-mapping';
import {
  agentCounts,
  type AgentCounts,
  RoleColumn,
  type RoleChoices,
  type RoleValue,
} from './registry-roles';
import {
  readDni,
  readLanguage,
  readOrgType,
  readSex,
  readStandingProof,
  readVoice,
  splitFullName,
} from './registry-values';

export { REGISTRY_FIELDS, type RegistryField } from './registry-labels';
export { emptyMapping, guessMapping, locateRegistryHeader, type Mapping } from './registry-mapping';

/** A problem at a line (the header's line for file-level issues); keys under `csv.import.`. */
export type ImportIssue = LineIssue<RegistryField>;

export interface ExistingRegistry {
  dnis: Set<string>;
  /** normalizeOrgName(name) → organisation id. */
  organizationNames: Map<string, string>;
}

export interface ImportedOrganization {
  /** Key the participants' organizationKey refers to ("new-1", …). */
  key: string;
  /** First line naming it. */
  line: number;
  name: string;
  type: OrgType;
  community: string;
  standingProof: 'publicRegistry' | 'municipalResolution' | 'assemblyAct' | 'other' | 'none';
  standingRef: string;
}

export type ImportedParticipant = Omit<ParticipantInput, 'id' | 'organizationId'> & {
  line: number;
  /** A new organisation's key, an existing organisation's id, or null for no organisation. */
  organizationKey: string | null;
};

export interface RegistryPreview {
  /** Only organisations not already registered; rows naming a registered one link to its id. */
  organizations: ImportedOrganization[];
  /** Rows without errors; a row with an error is left out and named in `errors`. */
  participants: ImportedParticipant[];
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Each value of the role column: what it becomes, on which lines (registry-roles.ts). */
  roles: RoleValue[];
  /** Role values neither recognised nor chosen yet: the import waits for a choice. */
  rolesUnchosen: number;
  /** Who will count as an agent (for the quorum and the organisation's vote), and who not. */
  agents: AgentCounts;
}

/** Same limits as the `registry:import` channel, so a preview never fails validation there. */
export const IMPORT_LIMITS = { participants: 20_000, organizations: 5_000 } as const;
const MAX_LEN = {
  organization: 200,
  community: 120,
  standingRef: 120,
  givenNames: 120,
  surnames: 120,
  authorization: 200,
} as const;

/** The key organisations are matched on: "C.C. Upis" and "c c  UPIS" are the same one. */
export function normalizeOrgName(name: string): string {
  return fold(name);
}

// What people write in the organisation column when there is none.
const NO_ORGANIZATION = new Set([
  'independiente',
  'individual',
  'ninguna',
  'ninguno',
  'sin organizacion',
  'persona natural',
  'no',
  'na',
  'n a',
]);
// Our formula guard's apostrophe (write.ts), removed so exported files import unchanged.
const GUARDED = /^'[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

const clean = (raw: string) =>
  (GUARDED.test(raw) ? raw.slice(1) : raw).normalize('NFC').replace(/\s+/g, ' ').trim();

type Parsed = Pick<ParsedCsv, 'header' | 'rows'> & { headerLine?: number };

export function previewRegistryImport(
  parsed: Parsed,
  mapping: Mapping,
  existing: ExistingRegistry,
  roleChoices: RoleChoices = new Map(),
): RegistryPreview {
  const preview: RegistryPreview = {
    organizations: [],
    participants: [],
    errors: [],
    warnings: [],
    roles: [],
    rolesUnchosen: 0,
    agents: agentCounts([]),
  };
  const roleColumn = new RoleColumn(roleChoices);
  const headerLine = parsed.headerLine ?? 1;
  const { issue, cell: cellOf } = mappedColumns(parsed.header, mapping, clean);

  if (parsed.rows.length === 0) {
    issue(preview.errors, headerLine, null, 'csv.import.noRows');
    return preview;
  }
  if (parsed.rows.length > IMPORT_LIMITS.participants) {
    issue(preview.errors, headerLine, null, 'csv.import.tooManyRows', {
      count: parsed.rows.length,
      max: IMPORT_LIMITS.participants,
    });
    return preview;
  }
  const hasNameColumn =
    mapping.fullName !== null || mapping.givenNames !== null || mapping.surnames !== null;
  if (!hasNameColumn && mapping.organization === null) {
    issue(preview.errors, headerLine, null, 'csv.import.noNameColumn');
    return preview;
  }
  if (hasNameColumn && mapping.dni === null)
    issue(preview.warnings, headerLine, 'dni', 'csv.import.noDniColumn');

  const fullNameSurnamesFirst =
    mapping.fullName !== null && surnamesFirst(parsed.header[mapping.fullName] ?? '');
  const newOrgs = new Map<string, SeenOrganization>();
  const dniLines = new Map<string, number>();

  for (const row of parsed.rows) {
    const { line } = row;
    const cell = (field: RegistryField) => cellOf(row.cells, field);
    const errorsBefore = preview.errors.length;
    const error = (field: RegistryField | null, key: string, params?: CsvParams) =>
      issue(preview.errors, line, field, key, params);
    const warn = (field: RegistryField | null, key: string, params?: CsvParams) =>
      issue(preview.warnings, line, field, key, params);
    const tooLong = (field: keyof typeof MAX_LEN, value: string) => {
      if (value.length <= MAX_LEN[field]) return false;
      error(field, 'csv.import.tooLong', { length: value.length, max: MAX_LEN[field] });
      return true;
    };

    const rawOrg = cell('organization');
    const orgName = NO_ORGANIZATION.has(fold(rawOrg)) ? '' : rawOrg;
    const rawType = cell('orgType');
    const typeSaysIndividual =
      readOrgType(rawType) === 'individual' || (rawOrg !== '' && orgName === '');
    const person = {
      dni: cell('dni'),
      given: cell('givenNames'),
      surnames: cell('surnames'),
      second: cell('secondSurname'),
      full: cell('fullName'),
    };
    const hasPerson = Object.values(person).some((v) => v !== '');
    if (!hasPerson && !orgName) continue; // a row with only remarks or totals

    // The organisation: an existing one by name, one already seen in this file, or a new one.
    let organizationKey: string | null = null;
    if (orgName && !tooLong('organization', orgName)) {
      const norm = normalizeOrgName(orgName);
      const existingId = existing.organizationNames.get(norm);
      const seen = newOrgs.get(norm);
      if (existingId !== undefined) organizationKey = existingId;
      else if (seen) {
        organizationKey = seen.org.key;
        mergeOrganization(seen, readOrganization(orgName, cell, null, tooLong), cell, warn);
      } else if (newOrgs.size >= IMPORT_LIMITS.organizations) {
        error('organization', 'csv.import.tooManyRows', {
          count: newOrgs.size + 1,
          max: IMPORT_LIMITS.organizations,
        });
      } else {
        const read = readOrganization(orgName, cell, warn, tooLong);
        const org: ImportedOrganization = { key: `new-${newOrgs.size + 1}`, line, ...read.value };
        newOrgs.set(norm, { org, given: read.given });
        preview.organizations.push(org);
        organizationKey = org.key;
      }
    }
    if (!hasPerson) continue;

    // Names.
    let givenNames = person.given;
    let surnames = [person.surnames, person.second].filter((s) => s !== '').join(' ');
    if (!givenNames && !surnames && person.full) {
      const split = splitFullName(person.full, fullNameSurnamesFirst);
      ({ givenNames, surnames } = split);
      if (split.guessed)
        warn('fullName', 'csv.import.nameSplit', { value: person.full, givenNames, surnames });
    }
    const nameField: RegistryField =
      mapping.givenNames !== null
        ? 'givenNames'
        : mapping.fullName !== null
          ? 'fullName'
          : 'surnames';
    if (!givenNames) error(nameField, 'csv.import.nameMissing');
    else tooLong('givenNames', givenNames);
    tooLong('surnames', surnames);

    // DNI.
    let dni = '';
    if (person.dni === '') {
      if (mapping.dni !== null) warn('dni', 'csv.import.dniMissing');
    } else {
      const read = readDni(person.dni);
      if (!read) error('dni', 'csv.import.dniInvalid', { value: person.dni });
      else {
        dni = read.dni;
        if (read.padded) warn('dni', 'csv.import.dniPadded', { value: person.dni, dni });
        const firstLine = dniLines.get(dni);
        if (firstLine !== undefined) error('dni', 'csv.import.dniDuplicate', { dni, firstLine });
        else {
          dniLines.set(dni, line);
          if (existing.dnis.has(dni)) error('dni', 'csv.import.dniRegistered', { dni });
        }
      }
    }

    // Role, voice, sex, language, authorisation.
    // An unrecognised value is listed in preview.roles (with its lines) until a choice is made.
    const rawRole = cell('role');
    const readR = roleColumn.read(rawRole, line);
    const role = readR?.role ?? (organizationKey !== null ? 'titular' : 'member');
    if (organizationKey === null && !orgName && role !== 'member' && !typeSaysIndividual)
      error('organization', 'csv.import.organizationMissing');

    const rawVoice = cell('voice');
    const voiceRead = readVoice(rawVoice);
    if (rawVoice && !voiceRead) warn('voice', 'csv.import.voiceUnknown', { value: rawVoice });
    const voice = voiceRead ?? (readR?.voiceOnly ? 'voiceOnly' : 'voiceAndVote');

    const rawSex = cell('sex');
    const sex = readSex(rawSex);
    if (rawSex && !sex) warn('sex', 'csv.import.sexUnknown', { value: rawSex });

    const rawLanguage = cell('language');
    const language = readLanguage(rawLanguage);
    if (rawLanguage && !language)
      warn('language', 'csv.import.languageUnknown', { value: rawLanguage });

    const authorization = cell('authorization');
    tooLong('authorization', authorization);
    if (role === 'delegate' && !authorization)
      warn('authorization', 'csv.import.delegateNoAuthorization', {
        name: [surnames.toUpperCase(), givenNames].filter(Boolean).join(', '),
      });

    if (preview.errors.length > errorsBefore) continue;
    preview.participants.push({
      line,
      dni,
      givenNames,
      surnames,
      sex: sex ?? 'X',
      language: language ?? (rawLanguage ? 'other' : 'es'),
      role,
      authorization,
      voice,
      accreditation: 'pending',
      organizationKey,
    });
  }
  preview.roles = roleColumn.list();
  preview.rolesUnchosen = preview.roles.filter((v) => v.read === null && !v.chosen).length;
  preview.agents = agentCounts(preview.participants);
  return preview;
}

type OrgField = 'orgType' | 'community' | 'standingProof' | 'standingRef';
type OrgValue = Omit<ImportedOrganization, 'key' | 'line'>;
type Cell = (field: RegistryField) => string;
type Report = (field: RegistryField | null, key: string, params?: CsvParams) => void;
interface SeenOrganization {
  org: ImportedOrganization;
  /** Fields some row gave explicitly (not defaulted). */
  given: Set<OrgField>;
}

/** An organisation's columns on one row. `warn` is null when the organisation was already seen. */
function readOrganization(
  name: string,
  cell: Cell,
  warn: Report | null,
  tooLong: (field: 'community' | 'standingRef', v: string) => boolean,
): { value: OrgValue; given: Set<OrgField> } {
  const given = new Set<OrgField>();
  const rawType = cell('orgType');
  let type = readOrgType(rawType);
  if (rawType) given.add('orgType');
  if (rawType && !type) warn?.('orgType', 'csv.import.orgTypeUnknown', { value: rawType });
  // No type column: "Comunidad Campesina de Upis", "APAFA IE 501" say it in the name.
  if (!rawType) {
    type = readOrgType(name);
    if (!type) warn?.('orgType', 'csv.import.orgTypeMissing', { name });
  }
  const community = cell('community');
  if (community) given.add('community');
  tooLong('community', community);
  const standingRef = cell('standingRef');
  if (standingRef) given.add('standingRef');
  tooLong('standingRef', standingRef);
  const rawProof = cell('standingProof');
  let standingProof = readStandingProof(rawProof);
  if (rawProof) given.add('standingProof');
  if (rawProof && !standingProof)
    warn?.('standingProof', 'csv.import.standingUnknown', { value: rawProof });
  // Without a proof column, a reference such as "Partida 11002345" still tells which proof it is.
  if (!rawProof) standingProof = standingRef ? (readStandingProof(standingRef) ?? 'other') : 'none';
  return {
    value: {
      name,
      type: type ?? 'association',
      community,
      standingProof: standingProof ?? 'other',
      standingRef,
    },
    given,
  };
}

/** Later rows fill what earlier ones left empty; a different value is reported, not silently lost. */
function mergeOrganization(
  seen: SeenOrganization,
  row: { value: OrgValue; given: Set<OrgField> },
  cell: Cell,
  warn: Report,
): void {
  for (const field of row.given) {
    const prop = field === 'orgType' ? 'type' : field;
    if (!seen.given.has(field)) {
      Object.assign(seen.org, { [prop]: row.value[prop] });
      seen.given.add(field);
    } else if (row.value[prop] !== seen.org[prop]) {
      warn(field, 'csv.import.orgConflict', {
        name: seen.org.name,
        kept: seen.org[prop],
        value: cell(field),
        firstLine: seen.org.line,
      });
    }
  }
}

/**
 * The message for an issue in `lang`. When the field had no column, the field's own name
 * stands in for the header.
 */
export function issueMessage(issue: ImportIssue, lang: Lang): string {
  const params = { ...issue.params };
  if (issue.field && !params['field']) params['field'] = t(lang, `csv.header.${issue.field}`);
  return t(lang, issue.key, params);
}
