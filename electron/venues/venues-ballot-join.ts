// A ballot round run on more than one laptop of a venue (two kiosk queues, two piles of numbered
// paper ballots typed on two laptops): each laptop's ballots are other people's ballots (a kiosk's
// come with its own voter marks) or other papers (a paper ballot's serial is the paper), so on
// the main workshop the round's result is their UNION, not one laptop's "counts" against
// another's. Which laptop's ballots count is never chosen by a person: every laptop that closed
// the round is joined, in the order of kit ids, whatever order the files arrive in.
//
// A ballot box cannot be split by voter (the box is anonymous), so nothing here takes a ballot
// out again. What cannot be joined on its own is listed as the round's conflict (venues-conflicts):
//  - one vote holder marked on two laptops (voted twice): both laptops' ballots are counted (no
//    ballot can be told apart, and leaving a laptop out would drop every other voter there); the
//    conflict names the people, a person records why, and the Acta prints the settlement;
//  - one paper serial read differently on two laptops (the same paper typed twice): neither
//    laptop's papers are joined until a ruling names the laptop whose readings stand, with the
//    papers in hand (as typists A and B are reconciled on one laptop, paper.ts);
//  - a laptop that never closed the round (or whose ballots this workshop refuses).
// On a venue laptop (a sibling's file) nothing is joined: the rounds stay as before, and the
// conflict is settled on main.
import type { BallotContent } from '../../shared/schemas/voting';
import { sameBallot } from '../../shared/voting';
import { canonicalize } from '../../shared/canonical';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { forgetFrozen, ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { getRound, openRound } from '../voting/voting';
import { closedKioskBallots, dropInBox, shuffleBox } from '../voting/ballot-box';
import { createHash } from 'node:crypto';
import type { DeviceEventRow } from './venues';
import { alias, applyEvents, type P, s } from './venues-apply';
import { copiedEvents } from './venues-siblings';

const BALLOT_EVENTS = [
  'voting.roundOpened',
  'voting.voterMarked',
  'voting.ballotCast',
  'voting.paperEntered',
  'voting.paperResolved',
  ROUND_CLOSED_EVENT,
];

/** What one laptop did in one ballot round, read from its device events alone. */
export interface LaptopBallots {
  kitId: string;
  events: DeviceEventRow[];
  openedAt: string | null;
  close: DeviceEventRow | null;
  /** Vote units it marked (the person, or the organisation under one vote per organisation). */
  voterKeys: Map<string, string>;
  /** Its paper ballots by serial: the reading both typists agreed on (void or pending: absent). */
  paper: Map<string, BallotContent>;
  /** Ballots it holds: the kiosk's (its close) and its final paper ballots. */
  ballots: number;
  /** Its close was applied here (joined into the round). */
  joined: boolean;
}

export const isBallotRound = (db: Db, roundId: string): boolean =>
  cached(db, "SELECT 1 FROM voting_round WHERE id = ? AND kind = 'ballot'").get(roundId) !==
  undefined;

/** Every laptop (kit) with ballot events for this round, in kit id order; copies skipped. */
export function laptopBallots(db: Db, roundId: string): LaptopBallots[] {
  const copies = copiedEvents(db);
  const rows = (
    cached(
      db,
      `SELECT kit_id, seq, at, actor, type, payload, prev_hash, hash FROM device_event
        WHERE type IN (SELECT value FROM json_each(?))
          AND coalesce(json_extract(payload, '$.roundId'), json_extract(payload, '$.id')) = ?
        ORDER BY kit_id, seq`,
    ).all(JSON.stringify(BALLOT_EVENTS), roundId) as (DeviceEventRow & { kit_id: string })[]
  ).filter((r) => !copies.has(`${r.kit_id}|${r.seq}`));
  const linked = cached(db, 'SELECT 1 FROM applied_event WHERE kit_id = ? AND device_seq = ?');
  const type = getRound(db, roundId).ballotType;
  const by = new Map<string, LaptopBallots>();
  for (const r of rows) {
    const l = by.get(r.kit_id) ?? {
      kitId: r.kit_id,
      events: [],
      openedAt: null,
      close: null,
      voterKeys: new Map<string, string>(),
      paper: new Map<string, BallotContent>(),
      ballots: 0,
      joined: false,
    };
    const { kit_id: _k, ...e } = r;
    l.events.push(e);
    const p = JSON.parse(r.payload) as P;
    if (r.type === 'voting.roundOpened') l.openedAt ??= r.at;
    if (r.type === ROUND_CLOSED_EVENT) l.close = e;
    if (r.type === 'voting.voterMarked') {
      const person = alias(db, r.kit_id, p['participantId']) ?? '';
      const org = s(p['organizationId']);
      const key = s(p['voterKey']) || person;
      l.voterKeys.set(key, person || org);
    }
    by.set(r.kit_id, l);
  }
  for (const l of by.values()) {
    const entries = new Map<string, { A?: BallotContent; B?: BallotContent }>();
    for (const e of l.events) {
      const p = JSON.parse(e.payload) as P;
      const serial = s(p['serial']);
      if (e.type === 'voting.paperEntered') {
        const cur = entries.get(serial) ?? {};
        cur[s(p['typist']) === 'B' ? 'B' : 'A'] = {
          choices: (p['choices'] as string[] | undefined) ?? [],
          points: (p['points'] as number[] | null | undefined) ?? null,
        };
        entries.set(serial, cur);
      } else if (e.type === 'voting.paperResolved') {
        const keep = s(p['keep']);
        const cur = entries.get(serial);
        if (keep === 'void' || !cur) entries.delete(serial);
        else if (keep === 'A' || keep === 'B') {
          const c = cur[keep];
          if (c) entries.set(serial, { A: c, B: c });
        }
      }
    }
    for (const [serial, { A, B }] of entries)
      if (A && B && sameBallot(type, A, B)) l.paper.set(serial, A);
    const kiosk = l.close
      ? ((JSON.parse(l.close.payload) as P)['kioskBallots'] as unknown[] | undefined)
      : undefined;
    l.ballots = l.paper.size + (kiosk?.length ?? 0);
    l.joined = l.close !== null && linked.get(l.kitId, l.close.seq) !== undefined;
  }
  return [...by.values()];
}

/** Paper serials this laptop read otherwise than another laptop (or this workshop's table). */
export function serialClashes(db: Db, roundId: string, l: LaptopBallots, others: LaptopBallots[]) {
  const type = getRound(db, roundId).ballotType;
  const here = new Map(
    (
      cached(
        db,
        "SELECT serial, choices, points FROM ballot WHERE round_id = ? AND source = 'paper'",
      ).all(roundId) as { serial: string; choices: string; points: string | null }[]
    ).map((r) => [
      r.serial,
      {
        choices: JSON.parse(r.choices) as string[],
        points: r.points ? (JSON.parse(r.points) as number[]) : null,
      },
    ]),
  );
  const out: string[] = [];
  for (const [serial, mine] of l.paper) {
    const theirs = [
      ...(l.joined ? [] : [here.get(serial)]),
      ...others.filter((o) => o.kitId !== l.kitId).map((o) => o.paper.get(serial)),
    ];
    if (theirs.some((t) => t !== undefined && !sameBallot(type, t, mine))) out.push(serial);
  }
  return out.sort();
}

/** Vote units marked on more than one laptop of this round: [key, person or organisation]. */
export function votedOnTwo(laptops: LaptopBallots[]): Map<string, string> {
  const seen = new Map<string, number>();
  const who = new Map<string, string>();
  for (const l of laptops)
    for (const [k, p] of l.voterKeys) {
      seen.set(k, (seen.get(k) ?? 0) + 1);
      who.set(k, p);
    }
  return new Map([...who].filter(([k]) => (seen.get(k) ?? 0) > 1));
}

/**
 * Join one laptop's ballots into this workshop's round (inside a savepoint: all or nothing).
 * The round is opened (or taken back to open) for this transaction, the laptop's paper entries
 * and its close (which brings its box back, with its voter marks) applied through the store
 * functions, and the round closed again: at the latest close and from the earliest opening of
 * the laptops joined, so the order of merges leaves the same round. Returns the device events
 * applied, or the reason it could not be joined.
 */
function joinLaptop(
  db: Db,
  roundId: string,
  l: LaptopBallots,
  all: LaptopBallots[],
  /** Paper serials whose readings from this laptop are left out (a ruling kept another's). */
  skip: ReadonlySet<string> = new Set(),
) {
  const close = l.close;
  if (!close) return { why: 'notClosed' as const };
  const joined = all.filter((x) => x.joined || x.kitId === l.kitId);
  const lastClose = joined.map((x) => x.close?.at ?? '').reduce((a, b) => (b > a ? b : a), '');
  const firstOpen = joined
    .map((x) => x.openedAt ?? x.close?.at ?? '')
    .filter(Boolean)
    .reduce((a, b) => (b < a ? b : a));
  try {
    return db.transaction(() => {
      const round = getRound(db, roundId);
      if (round.state === 'draft')
        openRound(db, { now: () => new Date(firstOpen), newId: () => '' }, roundId);
      else if (round.state === 'closed') {
        // The box was emptied into the close event: its ballots go back in (content order,
        // random keys: nothing of who cast them), to leave again with the joined ones.
        const before = closedKioskBallots(db, roundId);
        cached(db, "UPDATE voting_round SET state = 'open' WHERE id = ?").run(roundId);
        for (const b of before) dropInBox(db, roundId, b);
      }
      forgetFrozen(db, roundId);
      const events = l.events
        .filter((e) => e.type !== 'voting.roundOpened')
        .filter(
          (e) =>
            !e.type.startsWith('voting.paper') ||
            !skip.has(s((JSON.parse(e.payload) as P)['serial'])),
        )
        .map((e) => (e === close ? { ...e, at: lastClose } : e));
      // The draw's seed: the closes of every laptop joined (fixed when each venue closed and
      // signed by its device, in kit order), so neither the order of files nor a person picks.
      const seed = joined
        .map((x) => x.close?.hash ?? '')
        .sort()
        .join('|');
      const out = applyEvents(db, l.kitId, events, roundId, (rid, n) => drawDown(db, rid, n, seed));
      if (out.held.length || getRound(db, roundId).state !== 'closed')
        throw new MinkaError('CONFLICT', out.held[0]?.why ?? 'voting.error.not_closed');
      forgetFrozen(db, roundId);
      return { seqs: events.map((e) => e.seq) };
    })();
  } catch (err) {
    forgetFrozen(db, roundId);
    if (err instanceof MinkaError) return { why: err.key };
    throw err;
  }
}

/**
 * Take `n` ballots out of a round's box, chosen by SHA-256 of the seed and a counter among the
 * box's ballots in content order (identical ballots are interchangeable): the procedure some
 * election codes prescribe for a box that holds more ballots than voters, here when a vote
 * holder was marked on two laptops. Secret: nobody learns whose ballot left.
 */
export function drawDown(db: Db, roundId: string, n: number, seed: string): void {
  for (let i = 0; i < n; i++) {
    const rows = cached(
      db,
      "SELECT key FROM ballot_box WHERE round_id = ? ORDER BY choices, coalesce(points, ''), key",
    )
      .pluck()
      .all(roundId) as Buffer[];
    if (!rows.length) return;
    const h = createHash('sha256').update(`${seed}#${roundId}#${i}`).digest();
    const pick = rows[Number(h.readBigUInt64BE(0) % BigInt(rows.length))] as Buffer;
    cached(db, 'DELETE FROM ballot_box WHERE key = ?').run(pick);
  }
  shuffleBox(db, roundId);
}

export type Joined = { kitId: string; roundId: string; seqs: number[] };

/**
 * After a merge on the main workshop: every ballot round's laptops that are not joined yet and
 * can be (closed there, no paper serial read otherwise elsewhere) are joined, in kit id order.
 */
export function joinBallotLaptops(db: Db): Joined[] {
  const rounds = cached(
    db,
    `SELECT DISTINCT coalesce(json_extract(d.payload, '$.roundId'), json_extract(d.payload, '$.id')) AS rid
       FROM device_event d JOIN voting_round r
         ON r.id = coalesce(json_extract(d.payload, '$.roundId'), json_extract(d.payload, '$.id'))
      WHERE r.kind = 'ballot' AND d.type = ? ORDER BY rid`,
  )
    .pluck()
    .all(ROUND_CLOSED_EVENT) as string[];
  const out: Joined[] = [];
  for (const rid of rounds) {
    const all = laptopBallots(db, rid);
    for (const l of all) {
      if (l.joined || !l.close) continue;
      if (serialClashes(db, rid, l, all).length) continue;
      const r = joinLaptop(db, rid, l, all);
      if ('seqs' in r) {
        out.push({ kitId: l.kitId, roundId: rid, seqs: r.seqs });
        l.joined = true;
      }
    }
  }
  return out;
}

/**
 * A ruling on a ballot round's conflict for one laptop decides only how a paper serial read
 * otherwise on two laptops is read: that laptop's reading stands. Its ballots are joined if they
 * are not, then every other laptop's, without their readings of those serials. Nothing is taken
 * out of the round and no laptop's papers are left out. Refused, naming why, when the chosen
 * laptop's ballots cannot be joined (it never closed the round, or a ballot this workshop
 * refuses). Returns the device events applied, by laptop.
 */
export function joinByRuling(db: Db, roundId: string, kitId: string): Joined[] {
  const out: Joined[] = [];
  const title = getRound(db, roundId).title;
  let all = laptopBallots(db, roundId);
  const chosen = all.find((x) => x.kitId === kitId);
  if (!chosen) return out;
  if (!chosen.joined) {
    const r = joinLaptop(db, roundId, chosen, all);
    if (!('seqs' in r))
      throw new MinkaError(
        'CONFLICT',
        r.why === 'notClosed' ? 'venues.error.ballotsNotClosed' : 'venues.error.ballotsNotJoined',
        { title },
      );
    out.push({ kitId, roundId, seqs: r.seqs });
    all = laptopBallots(db, roundId);
  }
  const kept = all.find((x) => x.kitId === kitId) as LaptopBallots;
  for (const l of all) {
    if (l.joined || !l.close) continue;
    const r = joinLaptop(db, roundId, l, all, new Set(serialClashes(db, roundId, l, [kept])));
    if ('seqs' in r) out.push({ kitId: l.kitId, roundId, seqs: r.seqs });
    all = laptopBallots(db, roundId);
  }
  return out;
}

/** Whether the list `big` holds every item of `small` (as many times). */
function contains(big: string[], small: string[]): boolean {
  const left = new Map<string, number>();
  for (const x of big) left.set(x, (left.get(x) ?? 0) + 1);
  for (const x of small) {
    const n = left.get(x) ?? 0;
    if (n === 0) return false;
    left.set(x, n - 1);
  }
  return true;
}

export interface BallotUnionMismatch {
  roundId: string;
  /** Laptops joined (their closes applied here). */
  joined: string[];
}

/**
 * `minka check`: a ballot round whose close came from laptops must have been closed here with
 * exactly the union of the joined laptops' ballots (each kiosk box whole, each paper serial once).
 * A close rewritten to leave a laptop's box out, or to count one twice, is named.
 */
export function ballotUnionMismatches(db: Db): BallotUnionMismatch[] {
  const rounds = cached(
    db,
    `SELECT DISTINCT json_extract(e.payload, '$.id') FROM event e
       JOIN applied_event a ON a.main_seq = e.seq
       JOIN voting_round r ON r.id = json_extract(e.payload, '$.id')
      WHERE e.type = ? AND r.kind = 'ballot'`,
  )
    .pluck()
    .all(ROUND_CLOSED_EVENT) as string[];
  const out: BallotUnionMismatch[] = [];
  const type = (rid: string) => getRound(db, rid).ballotType;
  const canon = (b: BallotContent) =>
    canonicalize({ choices: b.choices, points: b.points ?? null });
  for (const rid of rounds) {
    const joined = laptopBallots(db, rid).filter((l) => l.joined);
    const kiosk: BallotContent[] = [];
    // Each serial once, read as one of the joined laptops read it (a ruling picks which).
    const readings = new Map<string, BallotContent[]>();
    for (const l of joined) {
      const k = (JSON.parse(l.close?.payload ?? '{}') as P)['kioskBallots'];
      for (const b of (k as BallotContent[] | undefined) ?? [])
        kiosk.push({ choices: b.choices, points: b.points ?? null });
      for (const [serial, b] of l.paper) readings.set(serial, [...(readings.get(serial) ?? []), b]);
    }
    const paperRows = cached(
      db,
      "SELECT serial, choices, points FROM ballot WHERE round_id = ? AND source = 'paper'",
    ).all(rid) as { serial: string; choices: string; points: string | null }[];
    const paper = paperRows.map((r) => ({
      serial: r.serial,
      b: {
        choices: JSON.parse(r.choices) as string[],
        points: r.points ? (JSON.parse(r.points) as number[]) : null,
      },
    }));
    const paperOk =
      paper.length === readings.size &&
      paper.every((x) => readings.get(x.serial)?.some((y) => sameBallot(type(rid), x.b, y)));
    const last = cached(
      db,
      "SELECT payload FROM event WHERE type = ? AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
      .pluck()
      .get(ROUND_CLOSED_EVENT, rid) as string;
    const closed = JSON.parse(last) as {
      kioskBallots?: BallotContent[];
      frozen?: { inputs?: { ballots?: BallotContent[] | null } };
    };
    const expectedAll = [...paper.map((x) => x.b), ...(closed.kioskBallots ?? [])]
      .map(canon)
      .sort();
    const frozenAll = (closed.frozen?.inputs?.ballots ?? []).map(canon).sort();
    // Each laptop's box whole, less one ballot per extra vote (drawDown): what was drawn out
    // is not known, but the close must hold nothing else and exactly that many fewer.
    const keys = new Map<string, number>();
    for (const l of joined) for (const k of l.voterKeys.keys()) keys.set(k, (keys.get(k) ?? 0) + 1);
    const extra = [...keys.values()].reduce((n, c) => n + c - 1, 0);
    const here = closed.kioskBallots ?? [];
    const kioskOk =
      here.length === kiosk.length - extra && contains(kiosk.map(canon), here.map(canon));
    if (!paperOk || !kioskOk || canonicalize(expectedAll) !== canonicalize(frozenAll))
      out.push({ roundId: rid, joined: joined.map((l) => l.kitId) });
  }
  return out;
}
