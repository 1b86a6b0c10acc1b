// Who came first is the log's order, not the laptop's clock. A fresh workshop with its registry
// from a municipal CSV, one vote per organisation, and two presidents (titulars) of one
// community: Dionisio checks in at 15:00, the facilitator sets the laptop's clock back an hour
// and Rosa checks in "at 14:00". Under the old rule (check-in time) the vote passed to Rosa, the
// later arrival. Here it stays with Dionisio everywhere the rule is read: the door's presence
// (registry:get, computed in the renderer), the kiosk (holderOf), the round's close and its
// tally, `minka check` (which now recounts the close's holders) and the sealed Acta.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord, checkWorkshopFile } from '../../electron/check/check';
import { holderOf } from '../../electron/voting/holders';
import { roundDetail } from '../../electron/voting/round-reads';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { forge } from '../helpers/forge-event';
import { seal } from '../helpers/minutes-fixture';
import { HOUR, ok, useHoldersWorkshop } from '../helpers/holders-workshop';

describe('an organisation’s vote stays with the first in the log, whatever the clock says', () => {
  const h = useHoldersWorkshop();
  const { env, checkIn, doorHolder, clockSetBack, closeARound } = h;

  it('the door, the kiosk, the close and its tally give the vote to Dionisio', async () => {
    await clockSetBack();
    const ccollpa = h.byName.get('Rosa')!.organizationId!;
    const dionisio = h.byName.get('Dionisio')!.id;
    const rosa = h.byName.get('Rosa')!.id;
    expect(await doorHolder(ccollpa)).toBe(dionisio);
    // The kiosk asks who holds a vote one person at a time (holderOf).
    const here = { venueId: h.venue.id, day: h.venue.date };
    expect(holderOf(h.w.db, here, dionisio)).toMatchObject({ organizationId: ccollpa });
    expect(holderOf(h.w.db, here, rosa)).toBeUndefined();

    const closed = closeARound();
    const detail = roundDetail(h.w.db, closed);
    expect(detail.round.snapshot?.holders.map((h) => h.participantId).sort()).toEqual(
      [dionisio, h.byName.get('Teófilo')!.id].sort(),
    );
    expect(detail.round.snapshot?.holdersBy).toBe('log');
  });

  it('leaving and coming back puts Dionisio behind Rosa until she leaves', async () => {
    await clockSetBack();
    const ccollpa = h.byName.get('Rosa')!.organizationId!;
    const reg = await ok<{ attendance: { id: string; participantId: string }[] }>(
      h.core.dispatch('registry:get', { workshopId: h.w.id }),
    );
    const his = reg.attendance.find((a) => a.participantId === h.byName.get('Dionisio')!.id)!;
    await ok(h.core.dispatch('attendance:checkOut', { workshopId: h.w.id, id: his.id }));
    expect(await doorHolder(ccollpa)).toBe(h.byName.get('Rosa')!.id);
    h.clock -= HOUR; // and back once more: the return is still after Rosa in the log
    await checkIn('Dionisio');
    expect(await doorHolder(ccollpa)).toBe(h.byName.get('Rosa')!.id);
  });

  it('minka check recounts the close by the log, and finds a close that gave the vote to Rosa', async () => {
    await clockSetBack();
    closeARound();
    const r = checkRecord(h.w.db);
    expect(r.results.problems).toEqual([]);
    expect(r.results.ok).toBe(true);
    // The clock set back is still named (reported, not failing).
    expect(r.clock.backwards.map((b) => b.type)).toEqual(['attendance.checkedIn']);
    h.core.closeAll();

    // The adversary rewrites the close's snapshot to give Ccollpa's vote to Rosa, re-chained.
    const rosa = h.byName.get('Rosa')!.id;
    const dionisio = h.byName.get('Dionisio')!.id;
    const moved = (text: string) => text.split(dionisio).join(rosa);
    forge(h.file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(moved(close.payload), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(
        moved(db.prepare('SELECT snapshot FROM voting_round').pluck().get() as string),
      );
    });
    const forged = await checkWorkshopFile(h.file);
    expect(forged.ok).toBe(false);
    const holders = forged.results?.problems.filter((p) => p.holders) ?? [];
    expect(holders).toHaveLength(1);
    expect(holders[0]!.what).toContain(rosa);

    // A close without `holdersBy` is recounted by check-in time (the older rule) and by the log
    // too (adv29: deleting the mark is a forger's move): Rosa's "14:00" agrees with the clock,
    // not with the log, so check names the recorded holder, the first in the log, and the mark.
    forge(h.file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      const p = JSON.parse(close.payload) as { snapshot: Record<string, unknown> };
      delete p.snapshot['holdersBy'];
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(JSON.stringify(p), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(JSON.stringify(p.snapshot));
    });
    const older = await checkWorkshopFile(h.file);
    expect(older.ok).toBe(false);
    const named = older.results?.problems.filter((p) => p.holders) ?? [];
    expect(named).toHaveLength(1);
    expect(named[0]!.what).toContain(rosa);
    expect(named[0]!.what).toContain(dionisio);
    expect(named[0]!.what).toContain('no log-order marker');
  });

  it('an older close (no holdersBy) where the h.clock and the log agree stays green (adv29)', async () => {
    await checkIn('Dionisio');
    await checkIn('Teófilo');
    await checkIn('Rosa');
    closeARound();
    h.core.closeAll();
    forge(h.file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      const p = JSON.parse(close.payload) as { snapshot: Record<string, unknown> };
      delete p.snapshot['holdersBy'];
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(JSON.stringify(p), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(JSON.stringify(p.snapshot));
    });
    const older = await checkWorkshopFile(h.file);
    expect(older.results?.problems).toEqual([]);
    expect(older.ok).toBe(true);
  });

  it('the Acta prints Dionisio among those entitled to vote, not Rosa', async () => {
    await clockSetBack();
    const round = closeARound();
    chooseOfficialRound(h.w.db, env, {
      roundId: round,
      confirmed: officialWarnings(h.w.db, round),
    });
    const pdf = await seal(h.w.db, h.dir, '2026-05-14T18:00:00Z');
    const f = join(h.dir, 'acta.pdf');
    writeFileSync(f, pdf);
    const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    const line = /Habilitados para votar: (.*?Ccollpa: [^;]+)/.exec(text)?.[1] ?? '';
    expect(line).toContain('Comunidad Campesina de Ccollpa: CHAMBI MAMANI, Dionisio');
    expect(line).not.toContain('Rosa');
    // The attendee table (layout 8) marks the same holder: Dionisio with voice and vote, Rosa
    // (a second president, later in the log though earlier by the clock) with voice only.
    expect(text).toMatch(/CHAMBI MAMANI, Dionisio \d+ Titular Varón Voz y voto /);
    expect(text).toMatch(/QISPE CCORI, Rosa \d+ Titular Mujer Voz \d/);
  });
});
