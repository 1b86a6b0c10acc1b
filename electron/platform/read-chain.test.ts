// Issue 18: the check before sealing reads the log once (readChain) for the chain and the
// replay. Its verdict must be verifyChain's for every way a chain breaks, and the events it
// hands the replay what loggedEvents reads itself; the union's JSON values (a round's frozen
// result) are checked without being copied, and still refuse what is not JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/tmp';
import { demoDb } from '../../test/helpers/minutes-fixture';
import { EVENT_PAYLOADS } from '../../shared/events';
import type { Db } from './db';
import { readChain, verifyChain } from './events';
import { loggedEvents, Report } from './replay';

let dir: string;
let cleanup: () => void;
let db: Db;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('minka-read-chain-'));
  db = demoDb(dir);
  db.exec('DROP TRIGGER event_no_update');
  db.exec('DROP TRIGGER event_no_delete');
});
afterEach(() => {
  db.close();
  cleanup();
});

const count = () => db.prepare('SELECT count(*) FROM event').pluck().get() as number;

function same(): void {
  const { chain, rows } = readChain(db);
  expect(chain).toEqual(verifyChain(db));
  // Every row, also past a break: the replay still compares what the tables say.
  expect(rows.map((r) => r.seq)).toEqual(
    db.prepare('SELECT seq FROM event ORDER BY seq').pluck().all(),
  );
  const a = new Report();
  const b = new Report();
  expect(loggedEvents(db, a, rows)).toEqual(loggedEvents(db, b));
  expect(a.problems).toEqual(b.problems);
}

describe('readChain', () => {
  it('agrees with verifyChain on an intact log', () => {
    expect(readChain(db).chain).toMatchObject({ ok: true, length: count() });
    same();
  });

  const breaks: [string, string, string][] = [
    ['hash', 'UPDATE event SET payload = \'{"id":"x"}\' WHERE seq = 40', 'hash'],
    ['payload not JSON', "UPDATE event SET payload = '{not json' WHERE seq = 40", 'payload'],
    [
      'payload not canonical',
      'UPDATE event SET payload = \'{ "id": "x" }\' WHERE seq = 40',
      'payload',
    ],
    ['gap', 'DELETE FROM event WHERE seq = 40', 'gap'],
    ['previous hash', "UPDATE event SET prev_hash = 'ab' WHERE seq = 40", 'prevHash'],
    [
      'payload that does not fit its type',
      'UPDATE event SET payload = \'{"id":7}\' WHERE seq = 40',
      'hash',
    ],
  ];
  for (const [name, sql, reason] of breaks)
    it(`agrees with verifyChain on a broken link: ${name}`, () => {
      db.exec(sql);
      // A gap is found at the row after the one deleted.
      const at = reason === 'gap' ? 41 : 40;
      expect(readChain(db).chain).toMatchObject({ ok: false, brokenAt: at, reason });
      same();
    });
});

describe("the event union's JSON values", () => {
  const close = EVENT_PAYLOADS['voting.roundClosed'];
  it('takes any JSON and keeps it as it is', () => {
    const frozen = { a: [1, 'b', null, true, { c: -0.5 }], d: {} };
    const r = close.safeParse({ id: 'r1', frozen });
    expect(r.success).toBe(true);
    expect(r.data?.frozen).toEqual(frozen);
  });
  it('refuses what is not JSON, as z.json() did', () => {
    for (const bad of [
      Number.NaN,
      Infinity,
      [1, undefined],
      { a: undefined },
      new Date(0),
      { a: () => 1 },
      // An array with a hole.
      Object.assign(new Array<unknown>(2), { 1: 1 }),
      { [Symbol('s')]: 1 },
      10n,
    ])
      expect(close.safeParse({ id: 'r1', frozen: bad }).success).toBe(false);
  });
});
