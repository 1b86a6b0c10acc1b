// A fresh workshop with a registry, proposals and a venue (voting-fixture.ts) behind a real
// Core, for the kiosk-secrecy tests: each test gets its own data folder. `openKioskRound` makes
// and opens a secret approval round there, `cast` puts one voter's ballot in its box.
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { Core } from '../../electron/core/core';
import { demoSetup } from '../../electron/demo/demo';
import { tempDir } from './tmp';
import { fillVotingFixture, type VotingFixture } from './voting-fixture';

export interface KioskWorkshop {
  core: Core;
  dir: string;
  path: string;
  workshopId: string;
  fx: VotingFixture;
  openKioskRound(maxChoices?: number): Promise<string>;
  cast(roundId: string, voter: string, choices: string[]): Promise<unknown>;
}

/** Registers the per-test hooks; the returned object is filled before each test. */
export function eachKioskWorkshop(backups: { enabled: boolean }): KioskWorkshop {
  const w = {} as KioskWorkshop;
  let cleanup = (): void => {};
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    let n = 0;
    w.dir = t.dir;
    w.core = new Core({
      dataDir: t.dir,
      host: 'test',
      env: { now: () => new Date(), newId: () => `id${String(++n).padStart(5, '0')}` },
      // Only the copies a test asks for, kept well beyond any test's count.
      backups: { enabled: backups.enabled, afterEvents: 1_000_000, everyMs: 3_600_000, keep: 20 },
    });
    w.path = join(t.dir, 'w.minka');
    w.workshopId = w.core.createFile(w.path, demoSetup(), (db, env) => {
      w.fx = fillVotingFixture(db, env);
    }).id;
  });
  afterEach(async () => {
    await w.core.backups.idle();
    w.core.closeAll();
    cleanup();
  });
  w.openKioskRound = async (maxChoices = 1) => {
    const r = (
      await w.core.call('voting:create', {
        workshopId: w.workshopId,
        round: {
          title: 'Priorización',
          kind: 'ballot',
          ballotType: 'approval',
          maxChoices,
          totalPoints: null,
          budgetCents: null,
          doubleEntry: false,
          tieBreak: null,
          venueId: w.fx.venueId,
          day: w.fx.day,
          itemIds: [],
        },
      })
    ).value;
    await w.core.call('voting:open', { workshopId: w.workshopId, roundId: r.id });
    return r.id;
  };
  w.cast = (roundId, voter, choices) =>
    w.core.call('voting:cast', {
      workshopId: w.workshopId,
      roundId,
      participantId: voter,
      ballot: { choices, points: null },
    });
  return w;
}
