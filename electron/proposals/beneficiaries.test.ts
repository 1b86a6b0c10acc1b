// Issue 13, item 9a: "Beneficiarios" is a count and a unit ("320 familias"), kept through the
// store, the log (consistency replay), the exports and the Acta's signed payload; proposals
// written before the unit existed read as people.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDataExport } from '../../shared/export/open-data';
import { buildMinutes } from '../../shared/minutes/build';
import {
  parseBeneficiaries,
  ProposalInput,
  type ProposalInput as ProposalInputT,
} from '../../shared/schemas/proposals';
import { demoSetup } from '../demo/demo';
import { collectSnapshot } from '../minutes/snapshot';
import { checkConsistency } from '../check/consistency';
import { APPLICATION_ID, createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { exportWorkshop } from '../export/export';
import { migrate } from '../platform/migrations';
import { listProposals, nextCode, saveProposal } from './proposals';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';
import { fixedEnv } from '../../test/helpers/store';

describe('parseBeneficiaries: what the facilitator types in the one field', () => {
  it.each([
    ['320 familias', 320, 'families'],
    ['45 estudiantes', 45, 'students'],
    ['1200 personas', 1200, 'people'],
    ['1.200 Personas', 1200, 'people'],
    ['  12 000 families ', 12000, 'families'],
    ['30 ayllukuna', 30, 'families'],
    ['320', 320, null],
  ] as const)('%s → %i %s', (text, count, unit) => {
    expect(parseBeneficiaries(text)).toEqual({ count, unit });
  });

  it.each(['familias', '320 vacas', '-5', '3,5 kg', 'doscientos', ''])(
    'refuses %j (no count, or a unit outside the list)',
    (text) => {
      expect(parseBeneficiaries(text)).toBeUndefined();
    },
  );

  it('the input schema keeps the unit a closed list, and a missing one counts people', () => {
    const base = {
      code: 'P-001',
      title: 'Canal',
      description: '',
      sectorId: 's',
      community: '',
      organizationId: null,
      estimatedCostCents: 1,
      beneficiaries: 3,
      cui: '',
      cofinancingCents: 0,
      carriedFrom: '',
    };
    expect(ProposalInput.parse(base).beneficiaryUnit).toBe('people');
    expect(ProposalInput.safeParse({ ...base, beneficiaryUnit: 'otros' }).success).toBe(false);
  });
});

describe('beneficiaries with a unit, in the workshop file', () => {
  let db: Db;
  let e: Env;
  let dir: string;
  let sector: string;
  const proposal = (over: Partial<ProposalInputT> = {}): ProposalInputT => ({
    code: nextCode(db),
    title: 'Aulas para la I.E. 50123',
    description: '',
    sectorId: sector,
    community: 'Huaraqa',
    organizationId: null,
    estimatedCostCents: 300_000_00,
    beneficiaries: 45,
    beneficiaryUnit: 'students',
    cui: '',
    cofinancingCents: 0,
    carriedFrom: '',
    ...over,
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-benef-'));
    e = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    db = openWorkshopDb(file);
    sector = getSetup(db).sectors[0]?.id ?? '';
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the unit on save and edit, replays it from the log, and exports it', () => {
    const a = saveProposal(db, e, proposal());
    const b = saveProposal(db, e, proposal({ title: 'Riego', beneficiaries: 320 }));
    saveProposal(db, e, { ...b, beneficiaryUnit: 'families' });
    expect(listProposals(db).map((p) => [p.code, p.beneficiaries, p.beneficiaryUnit])).toEqual([
      [a.code, 45, 'students'],
      [b.code, 320, 'families'],
    ]);
    expect(checkConsistency(db).ok).toBe(true);
    const full = exportWorkshop(db, new Date('2026-05-20T00:00:00Z'));
    expect(full.proposals).toMatchObject([
      { beneficiaries: 45, beneficiaryUnit: 'students' },
      { beneficiaries: 320, beneficiaryUnit: 'families' },
    ]);
    expect(openDataExport(full).proposals.map((p) => p.beneficiaryUnit)).toEqual([
      'students',
      'families',
    ]);
  });

  it('the consistency check sees a unit changed behind the log', () => {
    saveProposal(db, e, proposal());
    db.prepare("UPDATE proposal SET beneficiary_unit = 'people'").run();
    expect(checkConsistency(db).ok).toBe(false);
  });

  it("the Acta's signed payload names a unit other than people, and leaves people out as before", () => {
    saveProposal(db, e, proposal());
    saveProposal(
      db,
      e,
      proposal({ title: 'Posta', beneficiaries: 1200, beneficiaryUnit: 'people' }),
    );
    const payload = buildMinutes(collectSnapshot(db), {
      sealedAt: '2026-05-20T18:00:00.000Z',
      signer: { publicKey: 'k'.repeat(44), keyFingerprint: 'AAAA-BBBB-CCCC-DDDD' },
    });
    const [students, people] = payload.proposals;
    expect(students).toMatchObject({ beneficiaries: 45, beneficiaryUnit: 'students' });
    expect(people?.beneficiaries).toBe(1200);
    expect(people && 'beneficiaryUnit' in people).toBe(false);
  });

  it('a proposal from a file before units (migration 9) reads as people; the file refuses other units', () => {
    const old = join(dir, 'old.minka');
    const raw = new Database(old);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(raw, 8);
    raw.transaction(() => initWorkshop(raw, e, 'old', demoSetup()))();
    const sec = getSetup(raw).sectors[0]?.id ?? '';
    raw
      .prepare(
        `INSERT INTO proposal (id, code, title, description, sector_id, community, organization_id, estimated_cost_cents, beneficiaries, cui, cofinancing_cents, carried_from, created_at, updated_at)
         VALUES ('p1', 'P-001', 'Canal', '', ?, '', NULL, 100, 250, '', 0, '', '2026-05-01T00:00:00Z', '2026-05-01T00:00:00Z')`,
      )
      .run(sec);
    expect(migrate(raw, 9)).toEqual([9]);
    expect(listProposals(raw).map((p) => [p.beneficiaries, p.beneficiaryUnit])).toEqual([
      [250, 'people'],
    ]);
    expect(() => raw.prepare("UPDATE proposal SET beneficiary_unit = 'otros'").run()).toThrow(
      /CHECK/,
    );
    raw.close();
  });
});
