// The Acta as an official reads it with pdftotext (issue 13, items 6, 9 and 10): attendance by
// sex with "sin dato" apart, by venue and in total; beneficiaries with the unit they were
// recorded in ("320 familias"); every reason of a rejection; and a kiosk round's blank
// ballots. A freshly sealed Acta of that workshop verifies and its file checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSetup } from '../../electron/demo/demo';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { pageTexts } from '../../electron/platform/pdf/poppler';
import { walkIn } from '../../electron/attendance/attendance';
import { createWorkshopDb, type Db, openWorkshopDb } from '../../electron/platform/db';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { createRound, openRound } from '../../electron/voting/voting';
import { castKioskBallot } from '../../electron/voting/kiosk';
import { closeRound } from '../../electron/voting/close-round';
import { getSetup, initWorkshop } from '../../electron/workshop/workshop';
import { runCli } from '../helpers/cli';
import { fixedEnv, seal } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { fillVotingFixture } from '../helpers/voting-fixture';

describe('the Acta: sex "sin dato", beneficiary units, every rejection reason, blank ballots', () => {
  let dir: string;
  let db: Db;
  let pdf: Buffer;
  let flat: string;
  let lines: string[];
  let venueName: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'minka-acta13-'));
    const env = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, env, 'w13', demoSetup()));
    db = openWorkshopDb(file);
    // 5 titulars (men), a suplente and a technician (women) at the first venue.
    const fx = db.transaction(() => fillVotingFixture(db, env))();
    const venue = getSetup(db).venues[0];
    if (!venue) throw new Error('no venue');
    venueName = venue.name;
    // A walk-in who did not state their sex.
    walkIn(
      db,
      env,
      {
        dni: '',
        givenNames: 'Yupanqui',
        surnames: 'Ccori Ñahui',
        sex: 'X',
        language: 'quz',
        organizationId: null,
        role: 'member',
        authorization: '',
        voice: 'voiceOnly',
        accreditation: 'accredited',
      },
      { venueId: venue.id, day: venue.date, signMethod: 'thumbprint', witness: '' },
    );
    const sector = getSetup(db).sectors[0]?.id ?? '';
    const proposal = (code: string, title: string, n: number, unit: 'families' | 'students') =>
      saveProposal(db, env, {
        code,
        title,
        description: '',
        sectorId: sector,
        community: 'Ayllu',
        organizationId: null,
        estimatedCostCents: 120_000_00,
        beneficiaries: n,
        beneficiaryUnit: unit,
        cui: '',
        cofinancingCents: 0,
        carriedFrom: '',
      });
    const canal = proposal('P-101', 'Canal de riego Ccori', 320, 'families');
    reviewProposal(db, env, {
      proposalId: canal.id,
      decision: 'admitted',
      reason: null,
      explanation: '',
    });
    const fiesta = proposal('P-102', 'Fiesta patronal', 45, 'students');
    reviewProposal(db, env, {
      proposalId: fiesta.id,
      decision: 'rejected',
      reason: 'notInvestment',
      alsoReasons: ['otherLevel', 'procedural'],
      explanation: 'Es gasto corriente',
    });
    const round = openRound(
      db,
      env,
      createRound(
        db,
        env,
        roundInput(fx, {
          title: 'Votación en quiosco',
          kind: 'ballot',
          ballotType: 'approval',
          maxChoices: 2,
        }),
      ).id,
    );
    const [t1, t2, t3] = fx.titulars as [string, string, string];
    const [p1] = fx.proposals as [string];
    castKioskBallot(db, env, {
      roundId: round.id,
      participantId: t1,
      ballot: { choices: [p1, canal.id], points: null },
    });
    castKioskBallot(db, env, {
      roundId: round.id,
      participantId: t2,
      ballot: { choices: [], points: null, blank: true },
    });
    castKioskBallot(db, env, {
      roundId: round.id,
      participantId: t3,
      ballot: { choices: [canal.id], points: null },
    });
    closeRound(db, env, round.id);
    chooseOfficialRound(db, env, { roundId: round.id, confirmed: officialWarnings(db, round.id) });
    pdf = await seal(db, dir);
    writeFileSync(join(dir, 'acta.pdf'), pdf);
    lines = pageTexts(pdf, { layout: true }).flatMap((p) => p.split('\n'));
    flat = pageTexts(pdf).join(' ').replace(/\s+/g, ' ');
  }, 120_000);
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints attendance by sex with "sin dato" apart, for the venue and in total', () => {
    // The venue row: 8 attendees = 2 women, 5 men, 1 not stated.
    const row = lines.find((l) => l.includes(venueName) && /\b8\b/.test(l));
    expect(row, lines.slice(0, 40).join('\n')).toBeDefined();
    expect(row?.trim().split(/\s+/).slice(-4)).toEqual(['8', '2', '5', '1']);
    expect(lines.some((l) => /Mujeres\s+Varones\s+Sin dato/.test(l))).toBe(true);
    // The totals boxes: people, organisations, women, men, sex not stated, who held a vote
    // (layout 8: one per organisation, the 5 titulars; their suplente held none) (the figures
    // on one line, their labels under them).
    const boxes = lines.findIndex((l) => /^\s*8\s+5\s+2\s+5\s+1\s+5\s*$/.test(l));
    expect(boxes, lines.join('\n')).toBeGreaterThan(-1);
    expect(lines.slice(boxes + 1, boxes + 4).join(' ')).toMatch(/Sexo sin dato/);
  });

  it('prints beneficiaries with their unit as recorded, and every reason of a rejection', () => {
    expect(flat).toContain('320 familias');
    expect(flat).toContain('45 estudiantes');
    expect(flat).toContain('10 personas');
    expect(flat).toMatch(/No es inversión[^;]*; Competencia de otro nivel[^;]*; Procedimiento/);
  });

  it("prints the kiosk round's blank ballots", () => {
    expect(flat).toContain('Votos en blanco: 1');
  });

  it('the freshly sealed Acta verifies, and minka check passes on its workshop', async () => {
    const r = await verifyMinutesPdf(pdf);
    expect(r.verdict).toBe('authentic');
    const v = await runCli(['verify', join(dir, 'acta.pdf')], 'es');
    expect(v.code).toBe(0);
    const c = await runCli(['check', join(dir, 'w.minka')], 'es');
    expect(c.err).toBe('');
    expect(c.code).toBe(0);
  });
});
