// adv28 fixes, layout 8. F2/F3: the setup saved after the official round's close (time zone,
// fiscal year, municipality, title…) is a seal warning (`setupAfterClose`) and each save a
// before → after line in the Acta's basis; page 1 names the time zone. F4: co-financing and the
// rejected proposals' CUI are drawn. F1: an Acta sealed with the real key as an older layout
// over content that layout leaves out fails `minka check`, naming it, and `minka verify` names
// the older layout. Each of these passed unnoticed before the fix.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { SEAL_OPTS, fixedEnv, sealWarningIds } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { forgeSeal } from '../helpers/forge-seal';
import { runCli } from '../helpers/cli';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb, type Db } from '../../electron/platform/db';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { getSetup, initWorkshop, saveSetup, type Env } from '../../electron/workshop/workshop';
import { getSealed } from '../../electron/minutes/minutes';
import { sealWorkshop } from '../../electron/minutes/seal';
import { sealWarnings } from '../../electron/minutes/seal-warnings';
import { checkSealed, rebuildAsSealed } from '../../electron/minutes/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { getProposal, saveProposal } from '../../electron/proposals/proposals';
import { MINUTES_LAYOUT, MinutesPayload } from '../../shared/minutes/payload';

let dir: string;
let db: Db;
let e: Env;
let fx: ReturnType<typeof fillVotingFixture>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acta-setup-after-'));
  e = fixedEnv('2026-05-14T18:00:00Z');
  const file = join(dir, 'w.minka');
  createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
  db = openWorkshopDb(file);
  fx = db.transaction(() => fillVotingFixture(db, e))();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

type SetupIn = Parameters<typeof saveSetup>[2];
const setup = (change: Partial<SetupIn>) =>
  saveSetup(db, e, { ...(getSetup(db) as SetupIn), ...change });
const edit = (id: string, change: Record<string, unknown>) => {
  const p = getProposal(db, id);
  const { createdAt: _c, updatedAt: _u, ...rest } = p as typeof p & Record<string, unknown>;
  saveProposal(db, e, { ...(rest as Parameters<typeof saveProposal>[2]), id, ...change });
};

/** One show-of-hands round, closed; `chose` then picks it as the official round. */
function closeRoundNow(): string {
  const r = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'Priorización' })).id);
  fx.proposals.forEach((p, i) =>
    enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
  );
  closeRound(db, e, r.id);
  return r.id;
}
const choose = (roundId: string) =>
  chooseOfficialRound(db, e, { roundId, confirmed: officialWarnings(db, roundId) });

function textOf(pdf: Buffer, name = 'a.pdf'): string {
  writeFileSync(join(dir, name), pdf);
  return execFileSync('pdftotext', [join(dir, name), '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
}

const sealNow = (acknowledged: string[]) =>
  sealWorkshop(
    db,
    dir,
    new Date('2026-05-14T20:00:00Z'),
    { ...SEAL_OPTS, bilingual: false, acknowledged },
    checkRecord,
  );

it('a setup saved after the official close is a seal warning and before → after lines in the basis; one saved before it is not', async () => {
  // Before the close: a new title (the room voted under it). Not a change after the close.
  setup({ title: 'Taller PP 2027 — Qollqepata' });
  const roundId = closeRoundNow();
  setup({ fiscalYear: 2028, timeZone: 'Pacific/Kiritimati' });
  choose(roundId);
  const w = sealWarnings(db, 'es').find((x) => x.id === 'setupAfterClose');
  expect(w?.params).toMatchObject({
    title: 'Priorización',
    count: 1,
    fields: 'año fiscal, zona horaria',
  });
  // The seal refuses without it confirmed.
  const others = sealWarningIds(db).filter((x) => x !== 'setupAfterClose');
  await expect(sealNow(others)).rejects.toThrow(/setupAfterClose/);
  const { pdf } = await sealNow(sealWarningIds(db));
  const payload = MinutesPayload.parse(JSON.parse(getSealed(db)?.payload ?? '{}'));
  expect(payload.render?.layout).toBe(MINUTES_LAYOUT);
  expect(payload.basis?.setupChanges).toEqual([
    {
      at: expect.any(String) as string,
      by: 'facilitator',
      changes: [
        { field: 'fiscalYear', before: '2027', after: '2028' },
        { field: 'timeZone', before: 'America/Lima', after: 'Pacific/Kiritimati' },
      ],
    },
  ]);
  const s = textOf(pdf);
  expect(s).toContain(
    'Todas las fechas y horas de esta acta están en la zona horaria Pacific/Kiritimati.',
  );
  expect(s).toContain('Configuración guardada después del cierre de «Priorización»');
  expect(s).toContain('año fiscal 2027 → 2028; zona horaria America/Lima → Pacific/Kiritimati.');
  // The title saved before the close is no change after it.
  expect(s).not.toContain('título del taller');
  expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
  expect(checkSealed(db)).toMatchObject({ ok: true, problems: [] });
  // A layout-7 Acta of this record carried no such lines: check rebuilds it without them.
  const seven = rebuildAsSealed(db, { ...payload, render: { ...payload.render!, layout: 7 } });
  expect(seven.basis && 'setupChanges' in seven.basis).toBe(false);
});

it('no warning and no lines when the setup is not saved after the close', async () => {
  choose(closeRoundNow());
  expect(sealWarningIds(db)).not.toContain('setupAfterClose');
  const { pdf } = await sealNow(sealWarningIds(db));
  const payload = MinutesPayload.parse(JSON.parse(getSealed(db)?.payload ?? '{}'));
  expect(payload.basis && 'setupChanges' in payload.basis).toBe(false);
  const s = textOf(pdf);
  expect(s).toContain('zona horaria America/Lima.');
  expect(s).not.toContain('Configuración guardada después del cierre');
});

it('the key holder who re-signs a layout-8 Acta without the setup lines is caught by minka check', async () => {
  const roundId = closeRoundNow();
  setup({ municipality: 'Municipalidad Distrital de Otra Parte' });
  choose(roundId);
  const pdf = await forgeSeal(db, dir, {
    tamper: (p) => {
      if (p.basis) delete p.basis.setupChanges;
    },
  });
  const s = textOf(pdf);
  expect(s).toContain('Otra Parte');
  expect(s).not.toContain('Configuración guardada después del cierre');
  // The file is what its payload draws, signed with the real key…
  expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
  // …but the record holds a save after the close that the signed payload leaves out.
  const c = checkSealed(db);
  expect(c.ok).toBe(false);
  expect(c.problems).toContainEqual({
    key: 'minutes.checkDb.edited',
    params: { sections: 'basis' },
  });
});

it('co-financing and the CUI of a proposal not admitted are printed from layout 8, not in a layout-7 Acta', async () => {
  edit(fx.proposals[1] ?? '', { cofinancingCents: 77_700_00 });
  edit(fx.rejected, { cui: '2488123' });
  choose(closeRoundNow());
  const { pdf } = await sealNow(sealWarningIds(db));
  const s = textOf(pdf);
  expect(s).toContain('Cofinanc.');
  // In the list of proposals and in the prioritised list.
  expect(s.split('77,700.00').length - 1).toBe(2);
  // In the list of proposals and in the table of proposals not admitted.
  expect(s.split('2488123').length - 1).toBe(2);
  // A layout-7 Acta of the same record (sealed with the real key as layout 7) draws neither.
  const old = textOf(await forgeSeal(db, dir, { layout: 7, write: false }), 'b.pdf');
  expect(old).not.toContain('Cofinanc.');
  expect(old).not.toContain('77,700.00');
  expect(old.split('2488123').length - 1).toBe(1);
  expect(old).not.toContain('zona horaria');
});

it('an Acta sealed with the real key as layout 7 over content layout 8 prints fails minka check, naming it; verify names the older layout', async () => {
  edit(fx.proposals[0] ?? '', { cofinancingCents: 50_000_00 });
  edit(fx.rejected, { cui: '2488123' });
  const roundId = closeRoundNow();
  setup({ timeZone: 'America/Bogota', fiscalYear: 2028 });
  choose(roundId);
  const pdf = await forgeSeal(db, dir, { layout: 7 });
  expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
  const c = checkSealed(db);
  expect(c.ok).toBe(false);
  const omits = c.problems.filter((x) => x.key.startsWith('minutes.checkDb.omits.'));
  // The fixture's suplente (their titular present) held no vote; layout 7 prints "Voz y voto".
  expect(omits.map((x) => [x.key.split('.').at(-1), x.params['count']])).toEqual([
    ['setupChanges', 1],
    ['cofinancing', 1],
    ['voteHolders', 1],
  ]);
  expect(omits[0]?.params).toMatchObject({ layout: 7, current: MINUTES_LAYOUT });
  // Nothing else is wrong with it: the payload is what layout 7 carried.
  expect(c.problems.length).toBe(3);
  const file = join(dir, 'forged.pdf');
  writeFileSync(file, pdf);
  const es = await runCli(['verify', file], 'es');
  expect(es.code).toBe(0);
  expect(es.out).toContain(`Diseño del acta: 7, anterior al actual (${MINUTES_LAYOUT})`);
  expect((await runCli(['verify', file], 'en')).out).toContain(
    `Minutes layout: 7, older than the current one (${MINUTES_LAYOUT})`,
  );
  const quz = await runCli(['verify', file, '--json'], 'quz');
  expect((JSON.parse(quz.out) as { layoutNote: string }).layoutNote).toContain(
    'Actaq diseñon: 7, kunan kaqmanta ñawpaq',
  );
});

it('a layout-7 Acta of a record with nothing layout 8 adds passes check; a current one names its layout as current', async () => {
  // One vote per person: everyone with voice and vote held one, as layout 7 prints (adv29).
  setup({ voteRule: 'perPerson' });
  choose(closeRoundNow());
  const pdf = await forgeSeal(db, dir, { layout: 7 });
  expect(checkSealed(db)).toMatchObject({ ok: true, problems: [] });
  const file = join(dir, 'seven.pdf');
  writeFileSync(file, pdf);
  expect((await runCli(['verify', file], 'es')).out).toContain('Diseño del acta: 7, anterior');
  const fresh = mkdtempSync(join(tmpdir(), 'acta-setup-after-8-'));
  try {
    const f8 = join(fresh, 'eight.pdf');
    const e8 = fixedEnv('2026-05-14T18:00:00Z');
    createWorkshopDb(join(fresh, 'w.minka'), (d) => initWorkshop(d, e8, 'w2', demoSetup()));
    const db8 = openWorkshopDb(join(fresh, 'w.minka'));
    const fx8 = db8.transaction(() => fillVotingFixture(db8, e8))();
    const r = openRound(db8, e8, createRound(db8, e8, roundInput(fx8, { title: 'R' })).id);
    fx8.proposals.forEach((x, n) =>
      enterCount(db8, e8, { roundId: r.id, itemId: x, operator: 'A', count: 5 - n }),
    );
    closeRound(db8, e8, r.id);
    chooseOfficialRound(db8, e8, { roundId: r.id, confirmed: officialWarnings(db8, r.id) });
    const { pdf: p8 } = await sealWorkshop(
      db8,
      fresh,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db8) },
      checkRecord,
    );
    db8.close();
    writeFileSync(f8, p8);
    expect((await runCli(['verify', f8], 'es')).out).toContain(
      `Diseño del acta: ${MINUTES_LAYOUT} (el actual de esta versión de Minka).`,
    );
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
});
