// Adversary adv28: after every round closed (the room has gone), the facilitator changes the
// workshop's time zone in the setup (one ordinary `workshop.setupSaved`, not a deciding field:
// no reopening, no official-round warning, no seal warning) and seals with the normal seal.
// Every date and time the Acta prints moves: with Pacific/Kiritimati the rounds that closed
// on 14/05 at the afternoon print as closed on 15/05, and the seal date too. The Acta does not
// print the zone; it verifies AUTHENTIC and `minka check` passes. A fix: a zone change after
// the first check-in (or after a round closed) is a seal warning to confirm and the Acta prints
// the zone its times are in (and the change, as it prints setup reopenings).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { SEAL_OPTS, fixedEnv, sealWarningIds } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb } from '../../electron/platform/db';
import { chooseOfficialRound, officialState } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { getSetup, initWorkshop, saveSetup } from '../../electron/workshop/workshop';
import { sealWorkshop } from '../../electron/minutes/seal';
import { checkSealed } from '../../electron/minutes/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';

it('a time zone changed after the rounds closed moves every date of the Acta unnoticed (adv28)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv28-tz-'));
  try {
    // The workshop runs on 14 May 2026 from 13:00 UTC (08:00 in Lima).
    const e = fixedEnv('2026-05-14T18:00:00Z');
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    const db = openWorkshopDb(file);
    const fx = db.transaction(() => fillVotingFixture(db, e))();
    const r = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'Priorización' })).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: 5 - i }),
    );
    closeRound(db, e, r.id);
    const setupBefore = getSetup(db);
    expect(setupBefore.timeZone ?? 'America/Lima').toBe('America/Lima');
    // After the close: the zone becomes UTC+14, an ordinary setup save.
    const { timeZone: _z, ...rest } = setupBefore as typeof setupBefore & { timeZone?: string };
    saveSetup(db, e, {
      ...(rest as Parameters<typeof saveSetup>[2]),
      timeZone: 'Pacific/Kiritimati',
    });
    const warnings = officialState(db).candidates.find((c) => c.id === r.id)?.warnings ?? [];
    chooseOfficialRound(db, e, { roundId: r.id, confirmed: warnings });
    const acknowledged = sealWarningIds(db);
    const { pdf } = await sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged },
      checkRecord,
    );
    writeFileSync(join(dir, 'a.pdf'), pdf);
    if (process.env['ADV28_OUT']) writeFileSync(join(process.env['ADV28_OUT'], 'tz-acta.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'a.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    // What happened: 14/05/2026, afternoon in Lima. What the Acta says: 15/05/2026.
    expect(text).toMatch(/15\/05\/2026|15 de mayo de 2026/);
    expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
    expect(checkRecord(db).ok && checkSealed(db).ok).toBe(true);
    // What must hold: the change is named before the seal, or the Acta says its zone.
    const named =
      acknowledged.some((w) => /zone|zona/i.test(w)) ||
      warnings.some((w) => /zone|zona/i.test(w)) ||
      /Kiritimati|UTC\+14|zona horaria/i.test(text);
    expect(named, 'the time zone changed after the close is named nowhere').toBe(true);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
