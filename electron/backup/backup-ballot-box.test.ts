// Copies taken while a kiosk round is open hold its ballot box as it was then. Two of them
// side by side pair the voters marked between them with the ballots added between them (an
// adversary's finding: one "copy now" per voter linked 12 of 12). Closing the round takes a
// copy after the close and removes the copies that still hold that round's box.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tmp';
import { fillVotingFixture, type VotingFixture } from '../../test/helpers/voting-fixture';
import { demoSetup } from '../demo/demo';
import { backupDirFor } from './backup';
import { Core } from '../core/core';

function boxRows(file: string, roundId: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT count(*) FROM ballot_box WHERE round_id = ?')
      .pluck()
      .get(roundId) as number;
  } finally {
    db.close();
  }
}

describe('backups and the ballot box', () => {
  let core: Core;
  let cleanup: () => void;
  let path: string;
  let workshopId: string;
  let fx!: VotingFixture;
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    let n = 0;
    core = new Core({
      dataDir: t.dir,
      host: 'test',
      env: { now: () => new Date(), newId: () => `id${String(++n).padStart(5, '0')}` },
      // Only the copies asked for ("Hacer una copia ahora"), kept well beyond this test's count.
      backups: { enabled: true, afterEvents: 1_000_000, everyMs: 3_600_000, keep: 20 },
    });
    path = join(t.dir, 'w.minka');
    workshopId = core.createFile(path, demoSetup(), (db, env) => {
      fx = fillVotingFixture(db, env);
    }).id;
  });
  afterEach(async () => {
    await core.backups.idle();
    core.closeAll();
    cleanup();
  });

  it('closing a kiosk round removes the copies that hold its box and keeps one taken after', async () => {
    const r = (
      await core.call('voting:create', {
        workshopId,
        round: {
          title: 'Priorización',
          kind: 'ballot',
          ballotType: 'approval',
          maxChoices: 2,
          totalPoints: null,
          budgetCents: null,
          doubleEntry: false,
          tieBreak: null,
          venueId: fx.venueId,
          day: fx.day,
          itemIds: [],
        },
      })
    ).value;
    await core.call('voting:open', { workshopId, roundId: r.id });
    const before = (await core.call('backup:now', { workshopId })).file;
    const during: string[] = [];
    for (const [i, voter] of fx.titulars.slice(0, 3).entries()) {
      await core.call('voting:cast', {
        workshopId,
        roundId: r.id,
        participantId: voter,
        ballot: { choices: [fx.proposals[i] as string], points: null },
      });
      during.push((await core.call('backup:now', { workshopId })).file);
    }
    const dir = backupDirFor(path);
    // The attack's material: each copy holds one ballot more than the one before.
    expect(during.map((f) => boxRows(join(dir, f), r.id))).toEqual([1, 2, 3]);

    await core.call('voting:close', { workshopId, roundId: r.id });
    const left = readdirSync(dir).filter((f) => f.endsWith('.minka'));
    for (const f of during) expect(left).not.toContain(f);
    // The copy from before any ballot stays; a copy taken after the close holds no box.
    expect(left).toContain(before);
    const after = left.filter((f) => f !== before);
    expect(after).toHaveLength(1);
    expect(boxRows(join(dir, after[0] as string), r.id)).toBe(0);
    const list = await core.call('backup:list', { workshopId });
    expect(list.items.every((b) => b.ok)).toBe(true);
  });
});
