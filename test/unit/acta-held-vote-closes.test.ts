// The Acta's attendee table (layout 8, `heldVote`) and the rounds' "entitled to vote" lines
// say the same (adv29): at a venue and day with a closed round a person held a vote when a
// close froze them among its holders; without one, the holder rule over the day's check-ins.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkOut, listAttendance } from '../../electron/attendance/attendance';
import { demoSetup } from '../../electron/demo/demo';
import { collectSnapshot } from '../../electron/minutes/snapshot';
import { createWorkshopDb, openWorkshopDb, type Db } from '../../electron/platform/db';
import { closeRound } from '../../electron/voting/close-round';
import { enterCount } from '../../electron/voting/hands';
import { createRound, openRound } from '../../electron/voting/voting';
import { initWorkshop, type Env } from '../../electron/workshop/workshop';
import { buildMinutes } from '../../shared/minutes/build';
import type { MinutesPayload } from '../../shared/minutes/payload';
import { fixedEnv } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { fillVotingFixture } from '../helpers/voting-fixture';

let dir: string;
let db: Db;
let e: Env;
let fx: ReturnType<typeof fillVotingFixture>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'acta-held-vote-'));
  e = fixedEnv();
  const file = join(dir, 'w.minka');
  createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
  db = openWorkshopDb(file);
  fx = db.transaction(() => fillVotingFixture(db, e))();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const build = (): MinutesPayload =>
  buildMinutes(
    { ...collectSnapshot(db), chain: { head: '0'.repeat(64), length: 0 } },
    {
      sealedAt: '2026-05-14T18:00:00Z',
      signer: { publicKey: 'A'.repeat(44), keyFingerprint: 'XXXX' },
    },
  );
const held = (m: MinutesPayload) =>
  new Map(m.attendance.organizations.flatMap((o) => o.people).map((p) => [p.participantId, p]));

function closeOne(): void {
  const r = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'R' })).id);
  fx.proposals.forEach((x, n) =>
    enterCount(db, e, { roundId: r.id, itemId: x, operator: 'A', count: 5 - n }),
  );
  closeRound(db, e, r.id);
}

it('without a closed round, the holder rule over the day’s check-ins decides', () => {
  const m = held(build());
  expect(m.get(fx.titulars[0]!)?.heldVote).toBe(true);
  expect(m.get(fx.suplente)?.heldVote).toBe(false);
  expect(m.get(fx.voiceOnly)?.heldVote).toBe(false);
});

it('with a closed round, the table marks exactly the holders its close froze, check-outs included', () => {
  const t0 = fx.titulars[0]!;
  const his = listAttendance(db).find((a) => a.participantId === t0)!;
  checkOut(db, e, his.id);
  closeOne();
  const m = build();
  const frozen = new Set(
    m.rounds.flatMap((r) => r.entitled?.holders.map((h) => h.participantId) ?? []),
  );
  // The suplente held their organisation's vote while the titular was out.
  expect(frozen.has(fx.suplente)).toBe(true);
  expect(frozen.has(t0)).toBe(false);
  const people = [...held(m).values()];
  for (const p of people)
    expect([p.name, p.heldVote]).toEqual([p.name, frozen.has(p.participantId)]);
  expect(m.attendance.totals.voteHolders).toBe(frozen.size);
});
