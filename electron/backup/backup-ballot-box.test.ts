// Copies taken while a kiosk round is open hold its ballot box as it was then. Two of them
// side by side pair the voters marked between them with the ballots added between them (an
// adversary's finding: one "copy now" per voter linked 12 of 12). Closing the round takes a
// copy after the close and removes the copies that still hold that round's box.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { eachKioskWorkshop } from '../../test/helpers/kiosk-workshop';
import { backupDirFor } from './backup';

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
  // Only the copies asked for ("Hacer una copia ahora").
  const k = eachKioskWorkshop({ enabled: true });

  it('closing a kiosk round removes the copies that hold its box and keeps one taken after', async () => {
    const { core, path, workshopId, fx } = k;
    const roundId = await k.openKioskRound(2);
    const before = (await core.call('backup:now', { workshopId })).file;
    const during: string[] = [];
    for (const [i, voter] of fx.titulars.slice(0, 3).entries()) {
      await k.cast(roundId, voter, [fx.proposals[i] as string]);
      during.push((await core.call('backup:now', { workshopId })).file);
    }
    const dir = backupDirFor(path);
    // The attack's material: each copy holds one ballot more than the one before.
    expect(during.map((f) => boxRows(join(dir, f), roundId))).toEqual([1, 2, 3]);

    await core.call('voting:close', { workshopId, roundId: roundId });
    const left = readdirSync(dir).filter((f) => f.endsWith('.minka'));
    for (const f of during) expect(left).not.toContain(f);
    // The copy from before any ballot stays; a copy taken after the close holds no box.
    expect(left).toContain(before);
    const after = left.filter((f) => f !== before);
    expect(after).toHaveLength(1);
    expect(boxRows(join(dir, after[0] as string), roundId)).toBe(0);
    const list = await core.call('backup:list', { workshopId });
    expect(list.items.every((b) => b.ok)).toBe(true);
  });
});
