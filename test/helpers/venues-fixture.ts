// A fresh multi-venue workshop for the issue-20 tests and bench: the demo's setup (four
// venues, one vote per organisation), a registry of organisations with a titular and a
// suplente each, a few admitted proposals, one show-of-hands round per venue; kits made for
// venues and opened on "other laptops" (their own data folders).
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { demoSetup } from '../../electron/demo/demo';
import { loadOrCreateKey, type SigningKey } from '../../electron/platform/crypto/keys';
import { createWorkshopDb, type Db, openWorkshopDb } from '../../electron/platform/db';
import { saveProposal, reviewProposal } from '../../electron/proposals/proposals';
import { saveOrganization, saveParticipant } from '../../electron/registry/registry';
import { adoptKit, prepareKit, signDeviceHead } from '../../electron/venues/venues';
import { createRound } from '../../electron/voting/voting';
import { type Env, getSetup, initWorkshop } from '../../electron/workshop/workshop';
import { roundInput } from './round-input';

export function seqEnv(start: string, prefix: string): Env {
  let t = Date.parse(start);
  let n = 0;
  return {
    now: () => new Date((t += 1000)),
    newId: () => `${prefix}${String(++n).padStart(6, '0')}`,
  };
}

export interface MainFixture {
  dir: string;
  file: string;
  db: Db;
  env: Env;
  key: SigningKey;
  venues: { id: string; name: string; date: string }[];
  orgs: string[];
  /** [titular, suplente] participant ids per organisation. */
  people: [string, string][];
  proposals: string[];
  /** One show-of-hands round per venue (index as venues). */
  rounds: string[];
}

export function mainWorkshop(dir: string, orgCount = 12): MainFixture {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'main.minka');
  const env = seqEnv('2026-05-13T13:00:00Z', 'm');
  const setup = demoSetup();
  // Two venues on one day, so one person can be checked in at both.
  setup.venues = [
    ...setup.venues,
    { name: 'Sede Ccatca Baja', place: 'Local comunal de Ccatca Baja', date: '2026-05-15' },
    { name: 'Sede Lauramarca', place: 'Escuela de Lauramarca', date: '2026-05-15' },
  ].map((v, i) => ({ ...v, date: i === 0 ? v.date : '2026-05-15' }));
  createWorkshopDb(file, (d) => initWorkshop(d, env, 'ws-venues', setup));
  const db = openWorkshopDb(file);
  const venues = getSetup(db).venues.map((v) => ({ id: v.id ?? '', name: v.name, date: v.date }));
  const sector = getSetup(db).sectors[0]?.id ?? '';
  const orgs: string[] = [];
  const people: [string, string][] = [];
  for (let i = 0; i < orgCount; i++) {
    const org = saveOrganization(db, env, {
      name: `Comunidad Campesina Ayllu ${i + 1}`,
      type: 'comunidadCampesina',
      community: `Ayllu ${i + 1}`,
      standingProof: 'publicRegistry',
      standingRef: `P-${i + 1}`,
    });
    orgs.push(org.id);
    const mk = (role: 'titular' | 'suplente', k: number) =>
      saveParticipant(db, env, {
        dni: String(40000000 + i * 2 + k).padStart(8, '0'),
        givenNames: role === 'titular' ? `Rosa ${i + 1}` : `Juan ${i + 1}`,
        surnames: 'Quispe Mamani',
        sex: role === 'titular' ? 'F' : 'M',
        language: 'quz',
        organizationId: org.id,
        role,
        authorization: '',
        voice: 'voiceAndVote',
        accreditation: 'accredited',
      }).id;
    people.push([mk('titular', 0), mk('suplente', 1)]);
  }
  const proposals: string[] = [];
  for (let i = 0; i < 4; i++) {
    const p = saveProposal(db, env, {
      code: `P-${String(i + 1).padStart(3, '0')}`,
      title: `Canal de riego ${i + 1}`,
      description: '',
      sectorId: sector,
      community: `Ayllu ${i + 1}`,
      organizationId: orgs[i] ?? null,
      estimatedCostCents: 100_000_00 * (i + 1),
      beneficiaries: 100,
      cui: '',
      cofinancingCents: 0,
      carriedFrom: '',
    });
    reviewProposal(db, env, {
      proposalId: p.id,
      decision: 'admitted',
      reason: null,
      explanation: '',
    });
    proposals.push(p.id);
  }
  const rounds = venues.map(
    (v) =>
      createRound(
        db,
        env,
        roundInput(
          { venueId: v.id, day: v.date },
          { title: `Priorización ${v.name}`, itemIds: proposals },
        ),
      ).id,
  );
  const key = loadOrCreateKey(join(dir, 'main-data'), new Date('2026-05-13T12:00:00Z'), null);
  return { dir, file, db, env, key, venues, orgs, people, proposals, rounds };
}

export interface VenueLaptop {
  file: string;
  dataDir: string;
  db: Db;
  env: Env;
  kitId: string;
}

/** Prepare a kit on main and open it on another laptop (its own data folder and clock). */
export async function venueLaptop(
  m: MainFixture,
  venueIndex: number,
  name: string,
  start = '2026-05-15T13:00:00Z',
  opts: { noRounds?: boolean } = {},
): Promise<VenueLaptop> {
  const venue = m.venues[venueIndex];
  if (!venue) throw new Error('no such venue');
  const file = join(m.dir, `${name}.minka`);
  const { kitId } = await prepareKit(m.db, m.env, m.key, {
    venueId: venue.id,
    out: file,
    noRounds: opts.noRounds ?? false,
  });
  const dataDir = join(m.dir, `${name}-data`);
  const db = openWorkshopDb(file);
  const env = seqEnv(start, `${name}-`);
  adoptKit(db, env, dataDir);
  return { file, dataDir, db, env, kitId };
}

/**
 * The venues' files come back to the hall after the venue days: the main laptop's clock moved
 * on to then (its ids keep their own prefix), so that a merge is not earlier than the events it
 * brings (venues-clock.ts: a device event after the merge that brought it is named).
 */
export function backAtMain(m: MainFixture, at = '2026-05-16T20:00:00Z'): void {
  m.env = seqEnv(at, 'back-');
}

/** The venue hands its file over: head signed, file closed and complete on its own. */
export function handOver(v: VenueLaptop): string {
  signDeviceHead(v.db, v.dataDir);
  v.db.pragma('wal_checkpoint(TRUNCATE)');
  return v.file;
}

/** A byte copy of a closed-and-checkpointed workshop file (for merging in two orders). */
export function copyMain(m: MainFixture, name: string): string {
  m.db.pragma('wal_checkpoint(TRUNCATE)');
  const out = join(m.dir, `${name}.minka`);
  copyFileSync(m.file, out);
  return out;
}

export function mainFixtureClose(m: MainFixture): void {
  if (m.db.open) m.db.close();
}
