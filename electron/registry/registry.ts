// The registry: organisations and participants. Every change is logged in the chain.
import { compareEs, comparePeople } from '../../shared/collate';
import type { RoleMappingEntry } from '../../shared/csv/registry-roles';
import { cached } from '../platform/statements';
import type {
  Accreditation,
  Organization,
  OrganizationInput,
  Participant,
  ParticipantInput,
} from '../../shared/schemas/attendance';
import { displayName } from '../../shared/schemas/attendance';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import type { Env } from '../workshop/workshop';

export interface OrgRow {
  id: string;
  name: string;
  type: Organization['type'];
  community: string;
  standing_proof: Organization['standingProof'];
  standing_ref: string;
}

export interface ParticipantRow {
  id: string;
  dni: string;
  given_names: string;
  surnames: string;
  sex: Participant['sex'];
  language: Participant['language'];
  organization_id: string | null;
  role: Participant['role'];
  authorization: string;
  voice: Participant['voice'];
  accreditation: Accreditation;
}

export const rowToOrg = (r: OrgRow): Organization => ({
  id: r.id,
  name: r.name,
  type: r.type,
  community: r.community,
  standingProof: r.standing_proof,
  standingRef: r.standing_ref,
});

export const rowToParticipant = (r: ParticipantRow): Participant => ({
  id: r.id,
  dni: r.dni,
  givenNames: r.given_names,
  surnames: r.surnames,
  sex: r.sex,
  language: r.language,
  organizationId: r.organization_id,
  role: r.role,
  authorization: r.authorization,
  voice: r.voice,
  accreditation: r.accreditation,
});

export function listOrganizations(db: Db): Organization[] {
  return (db.prepare('SELECT * FROM organization').all() as OrgRow[])
    .map(rowToOrg)
    .sort((a, b) => compareEs(a.name, b.name));
}

export function listParticipants(db: Db): Participant[] {
  return (
    (
      db
        // Spanish order (Ñ after N, accents ignored), not SQLite's byte order.
        .prepare('SELECT * FROM participant')
        .all() as ParticipantRow[]
    )
      .map(rowToParticipant)
      .sort(comparePeople)
  );
}

/**
 * The participants with these ids, read by primary key: a screen that needs a few people (the
 * kiosk's vote holders) does not load the whole registry (20,000 people: 0.6 s a call).
 */
export function participantsByIds(db: Db, ids: readonly string[]): Map<string, Participant> {
  const rows = cached(
    db,
    'SELECT * FROM participant WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as ParticipantRow[];
  return new Map(rows.map((r) => [r.id, rowToParticipant(r)]));
}

/** The names of these organisations, by primary key (see participantsByIds). */
export function organizationNames(db: Db, ids: readonly string[]): Map<string, string> {
  const rows = cached(
    db,
    'SELECT id, name FROM organization WHERE id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as { id: string; name: string }[];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function getParticipant(db: Db, id: string): Participant {
  const row = cached(db, 'SELECT * FROM participant WHERE id = ?').get(id) as
    ParticipantRow | undefined;
  if (!row) throw new MinkaError('NOT_FOUND', 'attendance.error.noParticipant');
  return rowToParticipant(row);
}

function writeOrganization(db: Db, env: Env, input: OrganizationInput): Organization {
  const org: Organization = { ...input, id: input.id ?? env.newId() };
  const clash = cached(
    db,
    'SELECT id FROM organization WHERE lower(name) = lower(?) AND id <> ?',
  ).get(org.name, org.id);
  if (clash)
    throw new MinkaError('CONFLICT', 'attendance.error.duplicateOrganization', { name: org.name });
  cached(
    db,
    `INSERT INTO organization (id, name, type, community, standing_proof, standing_ref) VALUES (@id, @name, @type, @community, @standingProof, @standingRef)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type, community = excluded.community, standing_proof = excluded.standing_proof, standing_ref = excluded.standing_ref`,
  ).run(org);
  return org;
}

/** Insert or update a participant; `at` is the creation time a new row takes (its event's time). */
function writeParticipant(db: Db, env: Env, input: ParticipantInput, at: string): Participant {
  const p: Participant = { ...input, id: input.id ?? env.newId() };
  if (p.dni) {
    const clash = cached(
      db,
      "SELECT given_names, surnames FROM participant WHERE dni = ? AND dni <> '' AND id <> ?",
    ).get(p.dni, p.id) as { given_names: string; surnames: string } | undefined;
    if (clash)
      throw new MinkaError('CONFLICT', 'attendance.error.duplicateDni', {
        dni: p.dni,
        name: displayName({ givenNames: clash.given_names, surnames: clash.surnames }),
      });
  }
  if (
    p.organizationId &&
    !cached(db, 'SELECT 1 FROM organization WHERE id = ?').get(p.organizationId)
  )
    throw new MinkaError('NOT_FOUND', 'attendance.error.noOrganization');
  cached(
    db,
    `INSERT INTO participant (id, dni, given_names, surnames, sex, language, organization_id, role, authorization, voice, accreditation, created_at)
     VALUES (@id, @dni, @givenNames, @surnames, @sex, @language, @organizationId, @role, @authorization, @voice, @accreditation, @createdAt)
     ON CONFLICT (id) DO UPDATE SET dni = excluded.dni, given_names = excluded.given_names, surnames = excluded.surnames, sex = excluded.sex,
       language = excluded.language, organization_id = excluded.organization_id, role = excluded.role, authorization = excluded.authorization,
       voice = excluded.voice, accreditation = excluded.accreditation`,
  ).run({ ...p, createdAt: at });
  return p;
}

export function saveOrganization(db: Db, env: Env, input: OrganizationInput): Organization {
  return db
    .transaction(() => {
      const org = writeOrganization(db, env, input);
      appendEvent(db, env.now(), { type: 'registry.organizationSaved', payload: org });
      return org;
    })
    .immediate();
}

export function saveParticipant(db: Db, env: Env, input: ParticipantInput): Participant {
  return db
    .transaction(() => {
      const at = env.now().toISOString();
      const p = writeParticipant(db, env, input, at);
      // The row's creation time rides along (an edit keeps the first one), so a check can compare it.
      const createdAt = cached(db, 'SELECT created_at FROM participant WHERE id = ?')
        .pluck()
        .get(p.id) as string;
      appendEvent(db, new Date(at), {
        type: 'registry.participantSaved',
        payload: { ...p, createdAt },
      });
      return p;
    })
    .immediate();
}

/** Create a participant inside a caller's transaction (walk-ins at the door). */
export function insertParticipant(
  db: Db,
  env: Env,
  input: ParticipantInput,
  at: string,
): Participant {
  return writeParticipant(db, env, input, at);
}

export function setAccreditation(
  db: Db,
  env: Env,
  participantIds: string[],
  status: Accreditation,
): number {
  return db
    .transaction(() => {
      const stmt = db.prepare('UPDATE participant SET accreditation = ? WHERE id = ?');
      let n = 0;
      for (const id of participantIds) n += stmt.run(status, id).changes;
      if (n !== participantIds.length)
        throw new MinkaError('NOT_FOUND', 'attendance.error.noParticipant');
      appendEvent(db, env.now(), {
        type: 'registry.accreditationSet',
        payload: { participantIds, status },
      });
      return n;
    })
    .immediate();
}

export interface RegistryImport {
  organizations: (OrganizationInput & { key: string })[];
  participants: (ParticipantInput & { organizationKey: string | null })[];
}

/**
 * Write a confirmed import in one transaction: new organisations get ids, participants are
 * linked through the import's organisation keys (or existing organisation ids). Any clash
 * (a DNI already registered) refuses the whole import: nothing is half-written.
 */
export function importRegistry(
  db: Db,
  env: Env,
  data: RegistryImport,
  source: string,
  /** The operator's choices for unrecognised role values, recorded with the rows they shaped. */
  roleMapping: readonly RoleMappingEntry[] = [],
): { organizations: number; participants: number } {
  return db
    .transaction(() => {
      // One time for the import: every row written, and its event.
      const at = env.now().toISOString();
      const idByKey = new Map<string, string>();
      for (const o of data.organizations) {
        const { key, ...org } = o;
        // The same key twice sent every member to the second organisation, unsaid.
        if (idByKey.has(key))
          throw new MinkaError('INVALID_INPUT', 'attendance.error.duplicateOrganizationKey', {
            key,
          });
        idByKey.set(key, writeOrganization(db, env, org).id);
      }
      for (const p of data.participants) {
        const { organizationKey, ...rest } = p;
        const organizationId =
          organizationKey === null
            ? rest.organizationId
            : (idByKey.get(organizationKey) ?? organizationKey);
        writeParticipant(db, env, { ...rest, organizationId: organizationId ?? null }, at);
      }
      const counts = {
        organizations: data.organizations.length,
        participants: data.participants.length,
      };
      appendEvent(db, new Date(at), {
        type: 'registry.imported',
        // Spread: the rows as an object literal (the payload type accepts further keys).
        payload: {
          source,
          ...counts,
          ...(roleMapping.length > 0 ? { roleMapping: roleMapping.map((m) => ({ ...m })) } : {}),
          data: { ...data },
        },
      });
      return counts;
    })
    .immediate();
}
