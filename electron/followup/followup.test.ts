// The follow-up register (issue 7 §4–5) through dispatch, as the screen uses it: the demo's
// 2026 history, carrying an unfunded agreement, importing sealed minutes from a PDF and from
// a workshop file (which brings its own register along), and what is refused.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '../../shared/api';
import { buildRegister, refOf } from '../../shared/followup/register';
import type { RegisterData, RegisterMinutes } from '../../shared/followup/register-model';
import type { AgreedItem, Reconciliation } from '../../shared/plan/reconcile';
import { testCore, tempDir } from '../../test/helpers/tmp';
import { SEAL_OPTS, demoDb, seal, sealWarningIds } from '../../test/helpers/minutes-fixture';
import type { Core } from '../core/core';
import { sealWorkshop } from '../minutes/seal';
import { checkRecord } from '../check/check';
import { demoEarlierYear } from '../demo/earlier';
import { checkConsistency } from '../check/consistency';
import { createWorkshopDb, openWorkshopDb } from '../platform/db';
import { migrate, SCHEMA_VERSION } from '../platform/migrations';
import { reviewProposal, saveProposal } from '../proposals/proposals';
import { getSetup, initWorkshop } from '../workshop/workshop';
import { demoSetup } from '../demo/demo';
import { fixedEnv } from '../../test/helpers/store';
import { runCli } from '../../test/helpers/cli';

type Register = Output<'followup:get'>;

async function refusal(core: Core, channel: string, input: unknown): Promise<string> {
  const r = await core.dispatch(channel, input);
  return r.ok ? 'no error' : `${r.error.code}:${r.error.key}`;
}

const { dir, cleanup } = tempDir('minka-followup-');
let core: Core;
let demoId: string;

beforeAll(async () => {
  // After the demo's own clock (its record reads as kept on the workshop's days).
  core = testCore(join(dir, 'data'), new Date('2026-06-01T13:00:00Z'));
  demoId = (await core.call('workshop:openDemo', {})).workshopId;
});
afterAll(() => {
  core.closeAll();
  cleanup();
});

const project = (reg: Register, title: RegExp) => {
  const p = reg.projects.find((x) => title.test(x.title));
  if (!p) throw new Error(`no project ${title}`);
  return p;
};

describe('the demo register (2026 Acta and plan in the 2027 workshop)', () => {
  it('reads each 2026 agreement’s history from the minutes, the plan and the notes', async () => {
    const reg = await core.call('followup:get', { workshopId: demoId });
    expect(reg.fiscalYear).toBe(2027);
    expect(reg.broken).toEqual([]);
    expect(
      reg.minutes.map((m) => [m.fiscalYear, m.agreedCount, m.rejectedCount, m.plans.length]),
    ).toEqual([[2026, 8, 3, 1]]);
    const canal = project(reg, /canal de riego Huaraqa/);
    expect(canal.timeline.map((e) => `${e.fiscalYear} ${e.kind}`)).toEqual([
      '2026 agreed',
      '2026 notInPlan',
      '2026 suspended',
      '2027 carried',
    ]);
    expect(canal.timeline[2]?.note).toMatch(/045-2026-MDQ/);
    // Proposed again by hand in 2027 with the same CUI: counted as carried, with its code.
    expect(canal.timeline[3]?.code).toBe('P-001');
    const road = project(reg, /camino vecinal Qollqepata/);
    expect(road.timeline.map((e) => e.kind)).toEqual([
      'agreed',
      'amountChanged',
      'executed',
      'carried',
    ]);
    expect(road.timeline[1]).toMatchObject({ amountCents: 90_000_000, baseCents: 115_000_000 });
    expect(road.timeline[2]).toMatchObject({ amountCents: 28_500_000, baseCents: 95_000_000 });
    const plaza = project(reg, /plaza principal/);
    expect(plaza.timeline.map((e) => e.kind)).toEqual([
      'rejected',
      'fundedAfterRejection',
      'executed',
    ]);
    // Rejected by the room, funded and built anyway: never counted as an agreed project's state.
    expect(plaza.state).toBe('fundedAfterRejection');
    const post = project(reg, /puesto de salud de Chillihuani/);
    expect(post.timeline.map((e) => e.kind)).toEqual(['agreed', 'inPlan', 'executed']);
    expect(post.state).toBe('executed');
    expect(reg.projects.filter((p) => p.carryable).map((p) => p.title)).toEqual([
      'Construcción de cobertizos para alpacas en Sallani',
    ]);
  });

  it('carries the unfunded agreement into the proposals, once, with its history', async () => {
    const reg = await core.call('followup:get', { workshopId: demoId });
    const sheds = project(reg, /cobertizos para alpacas en Sallani/);
    const out = await core.call('followup:carry', {
      workshopId: demoId,
      projectKey: sheds.key,
      sectorId: null,
    });
    expect(out.value.proposal).toMatchObject({
      code: 'P-090',
      carriedFrom: '2026 P-005',
      estimatedCostCents: 21_000_000,
      status: 'pending',
    });
    expect(out.value.history.map((e) => e.kind)).toEqual(['agreed', 'notInPlan']);
    const list = await core.call('proposals:get', { workshopId: demoId });
    expect(list.proposals.find((p) => p.code === 'P-090')?.carriedFrom).toBe('2026 P-005');
    const after = project(
      await core.call('followup:get', { workshopId: demoId }),
      /cobertizos para alpacas en Sallani/,
    );
    expect(after.state).toBe('carried');
    expect(after.timeline.at(-1)).toMatchObject({
      kind: 'carried',
      code: 'P-090',
      fiscalYear: 2027,
    });
    expect(
      await refusal(core, 'followup:carry', {
        workshopId: demoId,
        projectKey: sheds.key,
        sectorId: null,
      }),
    ).toBe('CONFLICT:followup.error.notCarryable');
    // The history travels with the proposal; a proposal typed by hand with the canal's CUI has it too.
    const h = await core.call('followup:historyOf', {
      workshopId: demoId,
      proposalId: out.value.proposal.id,
    });
    expect(h?.timeline.map((e) => e.kind)).toEqual(['agreed', 'notInPlan', 'carried']);
    const p001 = list.proposals.find((p) => p.code === 'P-001') as unknown as { id: string };
    const canal = await core.call('followup:historyOf', {
      workshopId: demoId,
      proposalId: p001.id,
    });
    expect(canal?.timeline.map((e) => e.kind)).toEqual([
      'agreed',
      'notInPlan',
      'suspended',
      'carried',
    ]);
    const p002 = list.proposals.find((p) => p.code === 'P-002') as unknown as { id: string };
    expect(
      await core.call('followup:historyOf', { workshopId: demoId, proposalId: p002.id }),
    ).toBeNull();
  });

  it('keeps notes and refuses one for an agreement it does not hold', async () => {
    const reg = await core.call('followup:get', { workshopId: demoId });
    const water = project(reg, /agua potable de Upispata/);
    await core.call('followup:addNote', {
      workshopId: demoId,
      note: {
        ref: water.key,
        fiscalYear: 2026,
        status: 'executed',
        date: '2026-11-30',
        note: 'Acta de recepción de obra N.º 12-2026',
      },
    });
    const after = project(
      await core.call('followup:get', { workshopId: demoId }),
      /agua potable de Upispata/,
    );
    expect(after.state).toBe('executed');
    expect(
      await refusal(core, 'followup:addNote', {
        workshopId: demoId,
        note: {
          ref: 'ffffffffffffffff/nope',
          fiscalYear: 2026,
          status: 'executed',
          date: '2026-11-30',
          note: 'x',
        },
      }),
    ).toBe('NOT_FOUND:followup.error.noAgreement');
    expect(
      await refusal(core, 'followup:addNote', {
        workshopId: demoId,
        note: {
          ref: water.key,
          fiscalYear: 2026,
          status: 'executed',
          date: '30/11/2026',
          note: 'x',
        },
      }),
    ).toBe('INVALID_INPUT:error.invalidInput');
  });

  it('records a final plan for a year through the same check as the plan screen', async () => {
    const reg = await core.call('followup:get', { workshopId: demoId });
    const minutesId = reg.minutes[0]?.id as string;
    const e = demoEarlierYear();
    // The plan again, with one amount changed: the newer recording is the plan's word.
    const csv = e.planCsv.replace('420000.00,420000.00,168000.00', '380000.00,380000.00,168000.00');
    const input = {
      workshopId: demoId,
      minutesId,
      plan: { fileName: 'pim-2026.csv', base64: Buffer.from(csv).toString('base64') },
      sheet: null,
      mapping: null,
      decisions: [],
    };
    const check = await core.call('followup:checkPlan', input);
    expect(check.report.amountChanged.map((m) => m.code).sort()).toEqual(['P-002', 'P-003']);
    await core.call('followup:recordPlan', input);
    const after = await core.call('followup:get', { workshopId: demoId });
    expect(after.minutes[0]?.plans.map((p) => p.fileName)).toEqual([
      'plan-final-2026.csv',
      'pim-2026.csv',
    ]);
    expect(project(after, /aulas de la I.E. N.º 50412/).timeline.map((x) => x.kind)).toEqual([
      'agreed',
      'amountChanged',
      'executed',
    ]);
  });

  it('is replayed from the event log by the consistency check, which finds a note edited behind its back', () => {
    const path = (core as unknown as { open: Map<string, { path: string }> }).open.get(demoId)
      ?.path as string;
    const raw = new Database(path);
    try {
      const v = checkConsistency(raw);
      expect(v.problems).toEqual([]);
      expect(v.covered).toEqual(
        expect.arrayContaining([
          'followup_minutes',
          'followup_plan',
          'followup_note',
          'followup_carry',
        ]),
      );
      expect(v.uncovered.filter((t) => t.startsWith('followup'))).toEqual([]);
      raw
        .prepare("UPDATE followup_note SET note = 'Ejecutado al 100 %' WHERE status = 'suspended'")
        .run();
      raw
        .prepare("UPDATE followup_plan SET report = replace(report, '90000000', '115000000')")
        .run();
      const bad = checkConsistency(raw);
      expect(bad.problems.map((p) => `${p.table}: ${p.what}`).sort()).toEqual([
        'followup_note: note differs from the event log',
        'followup_plan: report differs from its recorded hash',
        'followup_plan: report differs from its recorded hash',
      ]);
    } finally {
      raw.close();
    }
  });
});

/** A small 2026 workshop, sealed: two admitted proposals, one rejected. */
async function sealed2026(name: string, dataDir: string): Promise<{ file: string; pdf: Buffer }> {
  const file = join(dir, name);
  const env = fixedEnv(new Date('2025-05-20T13:00:00Z'));
  createWorkshopDb(file, (db) => {
    initWorkshop(db, env, `w-${name}`, {
      ...demoSetup(),
      fiscalYear: 2026,
      title: 'Presupuesto Participativo 2026',
    });
    const sectors = getSetup(db).sectors;
    const mk = (code: string, title: string, cui: string) =>
      saveProposal(db, env, {
        code,
        title,
        description: '',
        sectorId: sectors[0]?.id ?? '',
        community: 'Huaraqa',
        organizationId: null,
        estimatedCostCents: 100_000_00,
        beneficiaries: 10,
        cui,
        cofinancingCents: 0,
        carriedFrom: '',
      });
    reviewProposal(db, env, {
      proposalId: mk('P-001', 'Canal de riego Antaqaqa', '2512034').id,
      decision: 'admitted',
      reason: null,
      explanation: '',
    });
    reviewProposal(db, env, {
      proposalId: mk('P-002', 'Cobertizos para alpacas en Sallani', '').id,
      decision: 'admitted',
      reason: null,
      explanation: '',
    });
    reviewProposal(db, env, {
      proposalId: mk('P-003', 'Fiesta patronal', '').id,
      decision: 'rejected',
      reason: 'notInvestment',
      explanation: 'Gasto corriente.',
    });
  });
  const db = openWorkshopDb(file);
  try {
    const { pdf } = await sealWorkshop(
      db,
      dataDir,
      new Date('2025-05-20T23:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    return { file, pdf };
  } finally {
    db.close();
  }
}

describe('importing earlier minutes', () => {
  let target: string;
  let earlier: { file: string; pdf: Buffer };

  beforeAll(async () => {
    earlier = await sealed2026('qollqepata-2026.minka', join(dir, 'laptop-2025'));
    target = (
      await core.call('workshop:create', {
        title: 'PP 2027',
        municipality: 'Municipalidad Distrital de Qollqepata',
        fiscalYear: 2027,
      })
    ).workshopId;
  }, 60_000);

  const file = (name: string, bytes: Buffer) => ({
    fileName: name,
    base64: bytes.toString('base64'),
  });

  it('takes the sealed workshop file, then knows the same Acta as a PDF', async () => {
    const a = await core.call('followup:importMinutes', {
      workshopId: target,
      file: file('qollqepata-2026.minka', readFileSync(earlier.file)),
    });
    expect(a.value).toMatchObject({ fiscalYear: 2026, added: true, alsoYears: [] });
    const b = await core.call('followup:importMinutes', {
      workshopId: target,
      file: file('acta-2026.pdf', earlier.pdf),
    });
    expect(b.value).toMatchObject({
      fiscalYear: 2026,
      added: false,
      fingerprint: a.value.fingerprint,
    });
    const reg = await core.call('followup:get', { workshopId: target });
    expect(
      reg.minutes.map((m) => [m.fiscalYear, m.source, m.agreedCount, m.rejectedCount]),
    ).toEqual([[2026, 'workshop', 2, 1]]);
    // No plan yet: agreed, waiting for the plan.
    expect(project(reg, /Antaqaqa/).state).toBe('agreed');
    expect(project(reg, /Antaqaqa/).carryable).toBe(false);
  });

  it('refuses a changed PDF, a file that is neither, a year not earlier, an unsealed file, and names the file', async () => {
    const changed = Buffer.from(earlier.pdf);
    const mid = Math.floor(changed.length / 2);
    changed[mid] = (changed[mid] ?? 0) ^ 1;
    const r = await core.dispatch('followup:importMinutes', {
      workshopId: target,
      file: file('acta-tocada.pdf', changed),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.key).toBe('followup.error.pdfNotAuthentic');
      expect(r.error.params['file']).toBe('acta-tocada.pdf');
    }
    expect(
      await refusal(core, 'followup:importMinutes', {
        workshopId: target,
        file: file('notas.txt', Buffer.from('hola, esto no es un acta')),
      }),
    ).toBe('INVALID_INPUT:followup.error.unknownFile');
    // The 2026 Acta cannot go into a 2026 (or earlier) workshop's register.
    const same = (
      await core.call('workshop:create', {
        title: 'PP 2026 bis',
        municipality: 'Municipalidad Distrital de Qollqepata',
        fiscalYear: 2026,
      })
    ).workshopId;
    expect(
      await refusal(core, 'followup:importMinutes', {
        workshopId: same,
        file: file('acta-2026.pdf', earlier.pdf),
      }),
    ).toBe('INVALID_INPUT:followup.error.notEarlier');
    // An unsealed workshop file has no Acta to import.
    const open = await refusal(core, 'followup:importMinutes', {
      workshopId: target,
      file: file('demo.minka', readFileSync(join(dir, 'data', 'demo-qollqepata-2027.minka'))),
    });
    expect(['INVALID_INPUT:followup.error.notSealed', 'LOCKED:error.busy']).toContain(open);
  });

  it('finds a register row changed outside Minka and leaves it out', async () => {
    const reg = await core.call('followup:get', { workshopId: target });
    const id = reg.minutes[0]?.id as string;
    // Edit the stored payload behind the app's back (an amount), through a second connection.
    const path = (core as unknown as { open: Map<string, { path: string }> }).open.get(target)
      ?.path as string;
    const raw = new Database(path);
    raw
      .prepare(
        "UPDATE followup_minutes SET payload = replace(payload, '10000000', '90000000') WHERE id = ?",
      )
      .run(id);
    raw.close();
    const after = await core.call('followup:get', { workshopId: target });
    expect(after.broken).toEqual(['qollqepata-2026.minka']);
    expect(after.minutes).toEqual([]);
  });
});

describe('the register logic', () => {
  const agreed = (key: string, code: string, title: string, cui = ''): AgreedItem => ({
    key,
    code,
    cui,
    title,
    amountCents: 100_00,
    cofinancingCents: 0,
    rank: null,
    sector: 'Agricultura y ganadería',
  });
  const minutes = (id: string, year: number, items: AgreedItem[]): RegisterMinutes => ({
    id: id.repeat(64).slice(0, 64),
    fiscalYear: year,
    municipality: 'M',
    title: `PP ${year}`,
    sealedAt: `${year - 1}-05-20T23:00:00Z`,
    fingerprint: id,
    keyFingerprint: 'K',
    source: 'pdf',
    fileName: `${year}.pdf`,
    importedAt: '2026-01-01',
    agreed: items,
    unfunded: [],
    rejected: [],
  });
  const missing = (key: string): Reconciliation => ({
    matched: [],
    amountChanged: [],
    notInMinutes: [],
    rejectedButFunded: [],
    undone: [],
    missingFromPlan: [{ key, code: 'P-001', cui: '', title: 't', rank: null, agreedCents: 100_00 }],
    totals: {
      agreedCents: 0,
      planCents: 0,
      agreedInPlanCents: 0,
      notInMinutesCents: 0,
      rejectedButFundedCents: 0,
    },
  });
  const m1 = minutes('a', 2024, [agreed('x1', 'P-001', 'Canal de riego revestido Antaqaqa')]);
  const m2 = minutes('b', 2025, [
    agreed('y1', 'P-007', 'Mejoramiento del canal de riego revestido de Antaqaqa'),
    agreed('y2', 'P-008', 'Posta de salud'),
  ]);
  const data: RegisterData = {
    minutes: [m2, m1],
    plans: [
      {
        id: 'p',
        minutesId: m1.id,
        fileName: 'plan.csv',
        sha256: 's',
        fingerprint: 'F',
        recordedAt: '2024-12-01',
        report: missing('x1'),
      },
    ],
    notes: [],
    carries: [],
    unlinks: [],
  };

  it('links alike names across years with their confidence, and an agreement after a drop reads as revived', () => {
    const reg = buildRegister(data);
    const canal = reg.projects.find((p) => p.years.length === 2);
    expect(canal?.timeline.map((e) => `${e.fiscalYear} ${e.kind}`)).toEqual([
      '2024 agreed',
      '2024 notInPlan',
      '2025 revived',
    ]);
    expect(canal?.links[0]?.by).toBe('name');
    expect(canal?.links[0]?.confidence).toBeGreaterThanOrEqual(80);
    expect(canal?.state).toBe('agreed');
    expect(reg.projects).toHaveLength(2);
  });

  it('keeps two agreements apart once a person says they are different projects', () => {
    const reg = buildRegister({
      ...data,
      unlinks: [{ a: refOf(m2.id, 'y1'), b: refOf(m1.id, 'x1') }],
    });
    expect(reg.projects).toHaveLength(3);
    // Shown so it can be undone, the earlier year first.
    expect(reg.separated.map((x) => `${x.labelA} | ${x.labelB}`)).toEqual([
      '2024 P-001 | 2025 P-007',
    ]);
    const old = reg.projects.find((p) => p.years.join() === '2024');
    expect(old?.carryable).toBe(true);
  });

  it('never joins two different CUIs however alike the names', () => {
    const a = minutes('c', 2024, [agreed('x', 'P-001', 'Canal de riego Antaqaqa', '2512034')]);
    const b = minutes('d', 2025, [agreed('y', 'P-001', 'Canal de riego Antaqaqa', '2512035')]);
    expect(
      buildRegister({ minutes: [a, b], plans: [], notes: [], carries: [], unlinks: [] }).projects,
    ).toHaveLength(2);
  });
});

describe('a year later: the sealed 2027 demo imported into a 2028 workshop', () => {
  it('brings the 2026 Acta, its plan and notes along, and the canal reads as proposed again, below the line, ready to carry', async () => {
    const db = demoDb(dir, 'demo-2027-sealed.minka');
    await seal(db, join(dir, 'laptop-2026'));
    db.close();
    const w2028 = (
      await core.call('workshop:create', {
        title: 'PP 2028',
        municipality: 'Municipalidad Distrital de Qollqepata',
        fiscalYear: 2028,
      })
    ).workshopId;
    const out = await core.call('followup:importMinutes', {
      workshopId: w2028,
      file: {
        fileName: 'demo-2027-sealed.minka',
        base64: readFileSync(join(dir, 'demo-2027-sealed.minka')).toString('base64'),
      },
    });
    expect(out.value).toMatchObject({
      fiscalYear: 2027,
      added: true,
      alsoYears: [2026],
      plans: 1,
      notes: 1,
    });
    const reg = await core.call('followup:get', { workshopId: w2028 });
    expect(reg.minutes.map((m) => m.fiscalYear)).toEqual([2026, 2027]);
    const canal = project(reg, /canal de riego Huaraqa/);
    expect(canal.years).toEqual([2026, 2027]);
    expect(canal.links.map((l) => l.by)).toEqual(['cui']);
    // Proposed again in 2027 and admitted, but below the envelope line: still waiting, and it can be carried into 2028.
    expect(canal.timeline.map((e) => `${e.fiscalYear} ${e.kind}`)).toEqual([
      '2026 agreed',
      '2026 notInPlan',
      '2026 suspended',
      '2027 unfunded',
    ]);
    expect(canal).toMatchObject({
      state: 'unfunded',
      carryable: true,
      lastAgreedCents: 115_000_000,
    });
    const carried = await core.call('followup:carry', {
      workshopId: w2028,
      projectKey: canal.key,
      sectorId: null,
    });
    expect(carried.value.proposal).toMatchObject({
      code: 'P-001',
      carriedFrom: '2027 P-001',
      cui: '2456781',
    });
  }, 60_000);
});

describe('row times and their events (migration 7)', () => {
  const build = (target: number) => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, target);
    const env = fixedEnv();
    db.transaction(() => initWorkshop(db, env, 'w', demoSetup()))();
    const sector = getSetup(db).sectors[0]?.id ?? '';
    // Today's store writes the unit and further reasons (migration 9); an older file has neither column.
    const old = target < 9;
    if (old)
      db.exec(`ALTER TABLE proposal ADD COLUMN beneficiary_unit TEXT NOT NULL DEFAULT 'people';
        ALTER TABLE proposal_review ADD COLUMN also_reasons TEXT NOT NULL DEFAULT '[]';`);
    const p = saveProposal(db, env, {
      code: 'P-001',
      title: 'Canal',
      description: '',
      sectorId: sector,
      community: '',
      organizationId: null,
      estimatedCostCents: 100,
      beneficiaries: 1,
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
    saveProposal(db, env, { ...p, title: 'Canal de riego' });
    if (old)
      db.exec(`ALTER TABLE proposal DROP COLUMN beneficiary_unit;
        ALTER TABLE proposal_review DROP COLUMN also_reasons;`);
    return db;
  };
  // A decision's time moved by a second, still between its neighbouring events.
  const nudge = (db: Database.Database) =>
    db
      .prepare(
        "UPDATE proposal_review SET decided_at = strftime('%Y-%m-%dT%H:%M:%fZ', decided_at, '-0.5 seconds')",
      )
      .run();

  it('are compared exactly in a file written since migration 7', () => {
    const db = build(SCHEMA_VERSION);
    expect(checkConsistency(db).problems).toEqual([]);
    nudge(db);
    expect(checkConsistency(db).problems.map((p) => p.what)).toEqual([
      'decided_at outside the time of its event',
    ]);
    db.close();
  });

  it('keep the window between two events in a file written before it', () => {
    const db = build(6);
    nudge(db);
    migrate(db);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'exact_times_from'").pluck().get()).toBe(
      '5',
    );
    expect(checkConsistency(db).problems).toEqual([]);
    db.close();
  });
});

describe('minka followup', () => {
  it('prints the demo register, records a plan for a year, and refuses a file that is not minutes', async () => {
    const demo = join(dir, 'cli-demo.minka');
    expect((await runCli(['demo', '--out', demo])).code).toBe(0);
    const human = await runCli(['followup', demo], 'es');
    expect(human.code).toBe(0);
    expect(human.out).toContain('Acta 2026: huella 5E7F-DE29-A39C-CC64');
    expect(human.out).toMatch(
      /Mejoramiento del canal de riego Huaraqa–Ccochaccasa \[CUI 2456781\] · Trasladado/,
    );
    expect(human.out).toContain('Suspendido.');
    const plan = readFileSync(join(dir, 'plan-final-2026.csv'), 'utf8').replace(
      '420000.00,420000.00,168000.00',
      '380000.00,400000.00,120000.00',
    );
    writeFileSync(join(dir, 'pim-2026.csv'), plan);
    const rec = await runCli([
      'followup',
      demo,
      '--plan',
      join(dir, 'pim-2026.csv'),
      '--year',
      '2026',
      '--json',
    ]);
    expect(rec.code).toBe(0);
    const reg = JSON.parse(rec.out) as Register;
    expect(reg.minutes[0]?.plans.map((p) => p.fileName)).toEqual([
      'plan-final-2026.csv',
      'pim-2026.csv',
    ]);
    expect(project(reg, /aulas de la I.E./).timeline.map((e) => [e.kind, e.amountCents])).toEqual([
      ['agreed', 42_000_000],
      ['amountChanged', 38_000_000],
      ['executed', 12_000_000],
    ]);
    writeFileSync(join(dir, 'not-minutes.pdf'), '%PDF-1.7\nnothing here\n%%EOF\n');
    const bad = await runCli(['followup', demo, '--add', join(dir, 'not-minutes.pdf')]);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain('“not-minutes.pdf” is not authentic sealed minutes');
    expect(
      (await runCli(['followup', demo, '--plan', join(dir, 'pim-2026.csv'), '--year', '2019'])).err,
    ).toContain('The register has no minutes for 2019');
  }, 60_000);
});

describe('the schema', () => {
  it('must be what the migrations create: a dropped sealing trigger or a renamed index is found', () => {
    const db = new Database(':memory:');
    migrate(db);
    db.transaction(() => initWorkshop(db, fixedEnv(), 'w', demoSetup()))();
    expect(checkConsistency(db).problems).toEqual([]);
    db.exec('DROP TRIGGER event_sealed');
    db.exec('CREATE INDEX sneaky ON proposal (title)');
    expect(checkConsistency(db).problems.map((p) => `${p.key}: ${p.what}`)).toEqual([
      `trigger event_sealed: missing from the schema of version ${SCHEMA_VERSION}`,
      `index sneaky: not part of the schema of version ${SCHEMA_VERSION}`,
    ]);
    db.close();
  });
});
