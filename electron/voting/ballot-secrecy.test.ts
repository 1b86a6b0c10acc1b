// Issue 14, item 6: a kiosk ballot cannot be linked to its voter from the workshop file, even
// by the operator holding the laptop. 80 voters (the scenario registry, one vote per person)
// cast 80 distinct approval ballots in a shuffled order; then an adversary holding the file
// (its rows and rowids, the event log's order and times, the raw bytes of the file and its
// WAL, a backup taken while the round was open and one after) pairs the i-th ballot it can
// order with the i-th voter by time of voting. Before migration 10 every one of these sources
// that saw ballots linked 80/80 (the ballot's event followed its voter's, `ballot` rows were
// numbered in casting order); now the best of them must do no better than chance.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSetup } from '../demo/demo';
import { checkIn } from '../attendance/attendance';
import { copyDatabase } from '../backup/backup';
import { checkWorkshopFile } from '../check/check';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { saveOrganization, saveParticipant } from '../registry/registry';
import { createRound, openRound } from './voting';
import { roundBallots } from './ballots';
import { castKioskBallot } from './kiosk';
import { closeRound } from './close-round';
import { getSetup, initWorkshop } from '../workshop/workshop';
import { appendEvent } from '../platform/events';
import { roundInput } from '../../test/helpers/round-input';
import { admittedProposal } from '../../test/helpers/voting-fixture';
import { fixedEnv } from '../../test/helpers/store';

/** A seeded generator (mulberry32): the same voters, ballots and order on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle<T>(xs: T[], r: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

function registry(): { dni: string; surnames: string; given: string; sex: 'F' | 'M' }[] {
  const text = new TextDecoder('windows-1252').decode(
    readFileSync(join(__dirname, '../../test/fixtures/registry/quechua-80.csv')),
  );
  return text
    .split(/\r\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const c = line.split(';');
      return {
        dni: c[1] ? c[1].padStart(8, '0') : '',
        surnames: c[2] ?? '',
        given: c[3] ?? '',
        sex: c[4] === 'Mujer' ? 'F' : 'M',
      };
    });
}

/** Every subset of 1 to 3 of `ids` (8 proposals: 92 distinct approval ballots). */
function subsets(ids: string[]): string[][] {
  const out: string[][] = [];
  const n = ids.length;
  for (let m = 1; m < 1 << n; m++) {
    const s = ids.filter((_, i) => m & (1 << i));
    if (s.length <= 3) out.push(s);
  }
  return out;
}

const keyOf = (choices: readonly string[]): string => JSON.stringify([...choices].sort());

/** Spearman's rank correlation of two equal-length lists of distinct ranks. */
function spearman(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const rank = (v: number[]) => {
    const order = v.map((val, i) => [val, i] as const).sort((a, b) => a[0] - b[0]);
    const r = new Array<number>(n);
    order.forEach(([, i], k) => (r[i] = k));
    return r;
  };
  const rx = rank(x);
  const ry = rank(y);
  const d2 = rx.reduce((s, v, i) => s + (v - (ry[i] ?? 0)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

interface Guess {
  source: string;
  /** Ballot contents in the order the adversary believes they were cast. */
  order: string[];
}

const table = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
  undefined;

/** Every ordering of ballots the adversary can read from one file (and its WAL). */
function adversary(path: string, label: string): Guess[] {
  const guesses: Guess[] = [];
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // Rows: the ballot table by rowid and by cast time.
    if (table(db, 'ballot')) {
      for (const [how, sql] of [
        ['rowid', "SELECT choices FROM ballot WHERE source = 'kiosk' ORDER BY rowid"],
        ['cast_at', "SELECT choices FROM ballot WHERE source = 'kiosk' ORDER BY cast_at, rowid"],
        ['serial', "SELECT choices FROM ballot WHERE source = 'kiosk' ORDER BY serial"],
      ] as const)
        guesses.push({
          source: `${label}: ballot rows by ${how}`,
          order: (db.prepare(sql).pluck().all() as string[]).map((c) =>
            keyOf(JSON.parse(c) as string[]),
          ),
        });
    }
    // The box of an open round: in key order and in the order SQLite returns its rows.
    if (table(db, 'ballot_box'))
      for (const how of ['key', 'nothing'])
        guesses.push({
          source: `${label}: ballot_box by ${how}`,
          order: (
            db
              .prepare(`SELECT choices FROM ballot_box${how === 'key' ? ' ORDER BY key' : ''}`)
              .pluck()
              .all() as string[]
          ).map((c) => keyOf(JSON.parse(c) as string[])),
        });
    // The event log: a ballot's content after a voter's mark, and contents in log order.
    const events = db.prepare('SELECT type, payload FROM event ORDER BY seq').all() as {
      type: string;
      payload: string;
    }[];
    const inLog: string[] = [];
    const collect = (x: unknown): void => {
      if (Array.isArray(x)) return x.forEach(collect);
      if (!x || typeof x !== 'object') return;
      const o = x as Record<string, unknown>;
      if (Array.isArray(o['choices'])) inLog.push(keyOf(o['choices'] as string[]));
      else Object.values(o).forEach(collect);
    };
    for (const e of events) collect(JSON.parse(e.payload) as unknown);
    // The close event carries the ballots twice (kioskBallots, frozen inputs): first sighting.
    guesses.push({ source: `${label}: ballot contents in log order`, order: [...new Set(inLog)] });
  } finally {
    db.close();
  }
  // Raw bytes: where each ballot's text first appears in the file, then in its WAL.
  const bytes = Buffer.concat(
    [path, `${path}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
  );
  const text = bytes.toString('latin1');
  const found: [number, string][] = [];
  for (const k of ALL_KEYS) {
    const at = text.indexOf(k);
    if (at >= 0) found.push([at, k]);
  }
  found.sort((a, b) => a[0] - b[0]);
  guesses.push({ source: `${label}: raw bytes`, order: found.map(([, k]) => k) });
  return guesses;
}

let ALL_KEYS: string[] = [];

describe('kiosk ballots and their voters, as the operator holding the file sees them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'minka-secrecy-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('80 voters, 80 distinct ballots: no source in the file links them better than chance', async () => {
    const env = fixedEnv();
    const file = join(dir, 'w.minka');
    createWorkshopDb(file, (d) =>
      initWorkshop(d, env, 'secrecy', { ...demoSetup(), voteRule: 'perPerson' }),
    );
    const db: Db = openWorkshopDb(file);
    const venue = getSetup(db).venues[0];
    if (!venue) throw new Error('no venue');
    const sector = getSetup(db).sectors[0]?.id ?? '';
    const org = saveOrganization(db, env, {
      name: 'C.C. Upis',
      type: 'comunidadCampesina',
      community: 'Upis',
      standingProof: 'publicRegistry',
      standingRef: '',
    }).id;
    const people = registry().map((r) => {
      const p = saveParticipant(db, env, {
        dni: r.dni,
        givenNames: r.given,
        surnames: r.surnames,
        sex: r.sex,
        language: 'quz',
        organizationId: org,
        role: 'member',
        authorization: '',
        voice: 'voiceAndVote',
        accreditation: 'accredited',
      });
      checkIn(db, env, {
        participantId: p.id,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
      return p.id;
    });
    expect(people).toHaveLength(80);
    const proposals = Array.from({ length: 8 }, (_, i) =>
      admittedProposal(db, env, {
        code: `P-00${i + 1}`,
        title: `Proyecto ${i + 1}`,
        sectorId: sector,
        estimatedCostCents: 100_000_00,
      }),
    );
    const round = createRound(
      db,
      env,
      roundInput(
        { venueId: venue.id, day: venue.date },
        { kind: 'ballot', ballotType: 'approval', maxChoices: 3, itemIds: proposals },
      ),
    );
    openRound(db, env, round.id);
    const r = rng(14);
    const ballots = shuffle(subsets(proposals), r).slice(0, 80);
    ALL_KEYS = ballots.map(keyOf);
    const voters = shuffle(people, r);
    // The truth: the k-th voter to vote cast ballots[k].
    const castIndex = new Map(ballots.map((b, k) => [keyOf(b), k]));
    voters.forEach((participantId, k) => {
      castKioskBallot(db, env, {
        roundId: round.id,
        participantId,
        ballot: { choices: ballots[k] ?? [], points: null },
      });
    });
    // A backup taken while the round is open.
    const openCopy = join(dir, 'open-backup.minka');
    await copyDatabase(db, openCopy, { staysWithMinka: true }); // a rolling backup
    closeRound(db, env, round.id);
    const closedCopy = join(dir, 'closed-backup.minka');
    await copyDatabase(db, closedCopy);
    // The result still counts every ballot once.
    expect(roundBallots(db, round.id)).toHaveLength(80);
    db.close();

    // The voters in the order they voted, as the file tells it (round_voter by time of voting).
    const raw = new Database(file, { readonly: true });
    const votedOrder = raw
      .prepare('SELECT participant_id FROM round_voter ORDER BY voted_at, rowid')
      .pluck()
      .all() as string[];
    raw.close();
    expect(votedOrder).toEqual(voters); // the marks themselves are not secret

    const guesses = [
      ...adversary(file, 'file'),
      ...adversary(openCopy, 'backup while open'),
      ...adversary(closedCopy, 'backup after closing'),
    ];
    const lines: string[] = [];
    let best = 0;
    for (const g of guesses) {
      const seen = g.order.filter((k) => castIndex.has(k));
      if (seen.length === 0) {
        lines.push(`${g.source}: no ballots visible`);
        continue;
      }
      // Pairing: the i-th ballot in the adversary's order with the i-th voter to vote.
      const correct = seen.filter((k, i) => castIndex.get(k) === i).length;
      const rho = spearman(
        seen.map((k) => castIndex.get(k) ?? 0),
        seen.map((_, i) => i),
      );
      best = Math.max(best, correct);
      lines.push(
        `${g.source}: ${seen.length} ballots seen, ${correct}/80 linked, rank correlation ${rho.toFixed(3)}`,
      );
      // Chance: a random pairing of 80 links 1 on average (Poisson(1): P(≥ 3) ≈ 0.08, so a
      // bound of 2 would fail one seed in twelve) and gives σ(ρ) ≈ 1/√79 ≈ 0.11. Bounds at
      // ~3σ: ≤ 5 links (P ≈ 6e-4) and |ρ| ≤ 0.35; before migration 10 the log gave 80 and 1.0.
      expect(correct, g.source).toBeLessThanOrEqual(5);
      expect(Math.abs(rho), g.source).toBeLessThanOrEqual(0.35);
    }
    console.log(`ballot secrecy, 80 voters:\n${lines.join('\n')}\nbest linkage: ${best}/80`);
    // `minka check` holds: the close event carries one kiosk ballot per voter marked.
    const check = await checkWorkshopFile(file);
    expect(check.consistency?.problems ?? []).toEqual([]);
    expect(check.ok).toBe(true);
    // The closed file keeps no WAL frames of the box as it grew.
    expect(existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`).length : 0).toBe(0);
  }, 120_000);
});

describe('kiosk ballots written before migration 10 (legacy)', () => {
  it('a ballot row with its voting.ballotCast event still reads, counts and checks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'minka-legacy-'));
    try {
      const env = fixedEnv();
      const file = join(dir, 'w.minka');
      createWorkshopDb(file, (d) =>
        initWorkshop(d, env, 'legacy', { ...demoSetup(), voteRule: 'perPerson' }),
      );
      const db = openWorkshopDb(file);
      const venue = getSetup(db).venues[0];
      if (!venue) throw new Error('no venue');
      const proposal = admittedProposal(db, env, {
        code: 'P-001',
        title: 'Canal',
        sectorId: getSetup(db).sectors[0]?.id ?? '',
        estimatedCostCents: 100_00,
      });
      const person = saveParticipant(db, env, {
        dni: '01234567',
        givenNames: 'Rosa',
        surnames: 'QUISPE',
        sex: 'F',
        language: 'quz',
        organizationId: null,
        role: 'member',
        authorization: '',
        voice: 'voiceAndVote',
        accreditation: 'accredited',
      });
      checkIn(db, env, {
        participantId: person.id,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
      const round = createRound(
        db,
        env,
        roundInput(
          { venueId: venue.id, day: venue.date },
          { kind: 'ballot', ballotType: 'approval', maxChoices: 1, itemIds: [proposal] },
        ),
      );
      openRound(db, env, round.id);
      // What castKioskBallot wrote before migration 10: a numbered row and two events.
      db.transaction(() => {
        const at = env.now();
        db.prepare(
          "INSERT INTO ballot (id, round_id, serial, source, choices, points, cast_at) VALUES ('b1', ?, 'K0001', 'kiosk', ?, NULL, ?)",
        ).run(round.id, JSON.stringify([proposal]), at.toISOString());
        db.prepare(
          'INSERT INTO round_voter (round_id, voter_key, participant_id, voted_at) VALUES (?, ?, ?, ?)',
        ).run(round.id, person.id, person.id, at.toISOString());
        appendEvent(db, at, {
          type: 'voting.voterMarked',
          payload: { roundId: round.id, participantId: person.id, organizationId: null },
        });
        appendEvent(db, at, {
          type: 'voting.ballotCast',
          payload: { roundId: round.id, source: 'kiosk', choices: [proposal], points: null },
        });
      })();
      closeRound(db, env, round.id);
      expect(roundBallots(db, round.id)).toEqual([
        { serial: 'K0001', content: { choices: [proposal], points: null } },
      ]);
      db.close();
      const check = await checkWorkshopFile(file);
      expect(check.consistency?.problems ?? []).toEqual([]);
      expect(check.ok).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
