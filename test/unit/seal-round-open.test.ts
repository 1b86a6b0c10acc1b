// fac30 item 5: a round still open at the seal was printed in the Acta as "not closed, no
// results" with nothing asked first. The seal now names it (`roundOpen:ROUND`) and refuses
// until it is confirmed; a closed round and a draft are not named.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { SEAL_OPTS, fixedEnv, sealWarningIds } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb, type Db } from '../../electron/platform/db';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { checkRecord } from '../../electron/check/check';
import { initWorkshop, type Env } from '../../electron/workshop/workshop';
import { sealWorkshop } from '../../electron/minutes/seal';
import { sealWarnings } from '../../electron/minutes/seal-warnings';

let dir: string;
let db: Db;
let e: Env;
let fx: ReturnType<typeof fillVotingFixture>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seal-round-open-'));
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

it('a round left open is named at the seal, which refuses until it is confirmed', async () => {
  const official = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'Oficial' })).id);
  fx.proposals.forEach((p, i) =>
    enterCount(db, e, { roundId: official.id, itemId: p, operator: 'A', count: 5 - i }),
  );
  closeRound(db, e, official.id);
  chooseOfficialRound(db, e, {
    roundId: official.id,
    confirmed: officialWarnings(db, official.id),
  });
  createRound(db, e, roundInput(fx, { title: 'Borrador' })); // a draft: never opened, not named
  const open = openRound(db, e, createRound(db, e, roundInput(fx, { title: 'Segunda' })).id);

  const named = sealWarnings(db).filter((w) => w.id.startsWith('roundOpen:'));
  expect(named).toEqual([
    {
      id: `roundOpen:${open.id}`,
      key: 'minutes.ui.sealWarn.roundOpen',
      params: { title: 'Segunda', venue: expect.any(String) as string, day: '14/05/2026' },
    },
  ]);
  const ids = sealWarningIds(db);
  const seal = (acknowledged: string[]) =>
    sealWorkshop(
      db,
      dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged },
      checkRecord,
    );
  await expect(seal(ids.filter((id) => !id.startsWith('roundOpen:')))).rejects.toMatchObject({
    key: 'minutes.error.sealUnconfirmed',
  });
  await expect(seal(ids)).resolves.toMatchObject({ pdf: expect.any(Uint8Array) as Uint8Array });
});
