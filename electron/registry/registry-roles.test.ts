// An import whose offices were mapped in the preview ("Presidente" → titular): the chosen roles
// are the people's roles, the mapping is in the import's event (replayed clean), and the
// quorum's registry counts read the partial indexes of migration 13.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../shared/csv/decode';
import { parseCsv } from '../../shared/csv/parse';
import {
  guessMapping,
  locateRegistryHeader,
  previewRegistryImport,
} from '../../shared/csv/registry-import';
import { roleMapping } from '../../shared/csv/registry-roles';
import { fixedEnv } from '../../test/helpers/store';
import { demoSetup } from '../demo/demo';
import { checkConsistency } from '../check/consistency';
import type { Db } from '../platform/db';
import { migrate } from '../platform/migrations';
import { registryCounts } from '../attendance/presence-here';
import { importRegistry, listParticipants, setAccreditation } from './registry';
import { initWorkshop } from '../workshop/workshop';

const FIXTURE = join(import.meta.dirname, '../../test/fixtures/registry/cargos-presidente.csv');

function fresh(): Db {
  const db: Db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  db.transaction(() => initWorkshop(db, fixedEnv(), 'w1', demoSetup()))();
  return db;
}

describe('an import with mapped offices', () => {
  it('writes the chosen roles, records the mapping, and the quorum counts agree', () => {
    const db = fresh();
    const e = fixedEnv();
    const located = locateRegistryHeader(parseCsv(decodeText(readFileSync(FIXTURE)).text));
    const p = previewRegistryImport(
      located,
      guessMapping(located.header),
      { dnis: new Set(), organizationNames: new Map() },
      new Map([
        ['presidente', 'titular'],
        ['presidenta', 'titular'],
        ['secretaria', 'suplente'],
        ['secretario', 'suplente'],
        ['tesorera', 'member'],
      ] as const),
    );
    expect(p.rolesUnchosen).toBe(0);
    importRegistry(
      db,
      e,
      {
        organizations: p.organizations,
        participants: p.participants.map((x) => ({ ...x, organizationId: null })),
      },
      'cargos-presidente.csv',
      roleMapping(p.roles),
    );
    const people = listParticipants(db);
    expect(people.find((x) => x.dni === '10722233')?.role).toBe('titular');
    expect(people.find((x) => x.dni === '63492024')?.role).toBe('suplente');
    const ev = JSON.parse(
      db
        .prepare("SELECT payload FROM event WHERE type = 'registry.imported'")
        .pluck()
        .get() as string,
    ) as { roleMapping: unknown };
    expect(ev.roleMapping).toEqual([
      { value: 'Presidente', role: 'titular', people: 2 },
      { value: 'Secretaria', role: 'suplente', people: 1 },
      { value: 'Presidenta', role: 'titular', people: 1 },
      { value: 'Secretario', role: 'suplente', people: 1 },
      { value: 'Tesorera', role: 'member', people: 1 },
    ]);
    expect(checkConsistency(db)).toMatchObject({ ok: true, problems: [] });

    setAccreditation(
      db,
      e,
      people.map((x) => x.id),
      'accredited',
    );
    // Ccollpa, Qquehuar and the APAFA have agents; the municipality's technician has no vote.
    expect(registryCounts(db)).toEqual({
      eligible: { perPerson: 11, perOrganization: 3 },
      representedOrgs: 3,
      registered: 12,
    });
  });

  it('the counts read the partial indexes, not the participant table', () => {
    const db = fresh();
    const plans = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'participant_%_org'",
      )
      .pluck()
      .all();
    expect(plans).toEqual(
      expect.arrayContaining(['participant_voter_org', 'participant_agent_org']),
    );
    // Every statement registryCounts runs, as SQLite plans it.
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = Object.assign(Object.create(db) as Db, {
      prepare: (sql: string) => {
        seen.push(
          (prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
            .map((r) => r.detail)
            .join(' '),
        );
        return prepare(sql);
      },
    });
    registryCounts(spy);
    expect(seen).toHaveLength(4);
    expect(seen.filter((d) => /participant_(voter|agent)_org/.test(d))).toHaveLength(3);
    expect(seen.join(' | ')).not.toMatch(/SCAN participant(?! USING)/);
  });
});
