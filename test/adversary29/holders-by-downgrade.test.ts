// Adversary adv29 (item 3): the vote holder by log order is bypassed by a close that "predates the
// rule". `minka check` recounts a close's holders by the log only when its snapshot says
// `holdersBy: 'log'`; a close without it is recounted by check-in *time*, the laptop's clock,
// which the facilitator sets. So the key's holder rewrites the close made by this build: gives
// Ccollpa's vote to Rosa (the later arrival in the log, whose check-in reads earlier because the
// clock was set back an hour), deletes `holdersBy`, recomputes the chain. `minka check` is green
// and the sealed Acta prints Rosa as holding the vote. Nothing in the record can have made that
// close under the clock rule: this workshop was created, checked in and closed by a build that
// writes `holdersBy` on every close. A fix: a close without `holdersBy` is only recounted by
// time when the record can predate the rule (e.g. the workshop created by an older build, or
// the same file's other closes marked 'log'); otherwise it is a finding. Simpler still: delete
// the snapshot's `venueId` (holdersBy kept) and holders-at-close.ts skips the close altogether.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord, checkWorkshopFile } from '../../electron/check/check';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { forge } from '../helpers/forge-event';
import { seal } from '../helpers/minutes-fixture';
import { useHoldersWorkshop } from '../helpers/holders-workshop';

describe('an organisation’s vote stays with the first in the log, whatever the clock says', () => {
  const h = useHoldersWorkshop();
  const { env, clockSetBack, closeARound } = h;

  it('a close made by this build, rewritten to give the vote to Rosa and stripped of holdersBy, passes minka check (adv29)', async () => {
    await clockSetBack();
    const round = closeARound();
    chooseOfficialRound(h.w.db, env, {
      roundId: round,
      confirmed: officialWarnings(h.w.db, round),
    });
    expect(checkRecord(h.w.db).results.problems).toEqual([]);
    h.core.closeAll();
    const rosa = h.byName.get('Rosa')!.id;
    const dionisio = h.byName.get('Dionisio')!.id;
    // The forger: Dionisio -> Rosa in the close's holders, `holdersBy` deleted, chain recomputed.
    forge(h.file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      const p = JSON.parse(close.payload.split(dionisio).join(rosa)) as {
        snapshot: Record<string, unknown>;
      };
      delete p.snapshot['holdersBy'];
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(JSON.stringify(p), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(JSON.stringify(p.snapshot));
    });
    const w2 = h.core.openPath(h.file);
    // advfix29a: the seal runs minka check first; refusing the forged file (naming the close's
    // holders) is the stronger outcome: no Acta prints Rosa. Anything else still fails here.
    let line = '';
    try {
      const pdf = await seal(w2.db, h.dir, '2026-05-14T18:00:00Z');
      const f = join(h.dir, 'acta.pdf');
      writeFileSync(f, pdf);
      const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
        /\s+/g,
        ' ',
      );
      // What the forged file's Acta says: Rosa holds Ccollpa's vote.
      line = /Habilitados para votar: (.*?Ccollpa: [^;]+)/.exec(text)?.[1] ?? '';
    } catch (err) {
      expect(String(err)).toMatch(/minutes\.error\.inconsistent.*no log-order marker/);
    }
    console.log('[adv29] Acta:', line);
    h.core.closeAll();
    const r = await checkWorkshopFile(h.file);
    console.log('[adv29] check ok:', r.ok, JSON.stringify(r.results?.problems ?? []));
    expect(
      line.includes('Rosa') && r.ok,
      'the vote moved to the later arrival in the log (Rosa), printed in the Acta, and minka check is green',
    ).toBe(false);
  });
  it('a close rewritten to give the vote to Rosa, its snapshot without venueId, is not recounted (adv29)', async () => {
    await clockSetBack();
    closeARound();
    h.core.closeAll();
    const rosa = h.byName.get('Rosa')!.id;
    const dionisio = h.byName.get('Dionisio')!.id;
    forge(h.file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      const p = JSON.parse(close.payload.split(dionisio).join(rosa)) as {
        snapshot: Record<string, unknown>;
      };
      delete p.snapshot['venueId'];
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(JSON.stringify(p), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(JSON.stringify(p.snapshot));
    });
    const r = await checkWorkshopFile(h.file);
    console.log(
      '[adv29] no venueId: check ok:',
      r.ok,
      JSON.stringify(r.results?.problems ?? []).slice(0, 300),
    );
    expect(r.ok, 'a close without venueId is skipped by the holders recount').toBe(false);
  });
});
