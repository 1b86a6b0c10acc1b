// What each laptop did in a ballot round run on more than one laptop of a venue, read from its
// device events alone (venues-ballot-join.ts joins them; venues-ballot-facts.ts names what the
// join cannot settle; venues-ballot-check.ts checks main's close against them).
import type { BallotContent } from '../../shared/schemas/voting';
import { sameBallot } from '../../shared/voting';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { getRound } from '../voting/voting';
import type { DeviceEventRow } from './venues';
import { alias, type P, s } from './venues-apply';
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
  /** Paper serials any typist entered and nobody voided, agreed or not (adv31 F1): what a laptop
   * that never closed the round typed, whether or not its second typist got to it. */
  typed: number;
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
      typed: 0,
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
    const agreed = agreedPaper(l.events, type);
    l.paper = agreed.paper;
    l.typed = agreed.typed;
    const kiosk = l.close
      ? ((JSON.parse(l.close.payload) as P)['kioskBallots'] as unknown[] | undefined)
      : undefined;
    l.ballots = l.paper.size + (kiosk?.length ?? 0);
    l.joined = l.close !== null && linked.get(l.kitId, l.close.seq) !== undefined;
  }
  return [...by.values()];
}

/**
 * Paper ballots by serial as a desk's events leave them: the reading both typists agreed on (or
 * the one a resolution kept); void or pending serials absent. `typed`: serials any typist entered
 * and nobody voided, agreed or not (adv31 F1).
 */
export function agreedPaper(
  events: readonly { type: string; payload: string }[],
  type: ReturnType<typeof getRound>['ballotType'],
): { paper: Map<string, BallotContent>; typed: number } {
  const entries = new Map<string, { A?: BallotContent; B?: BallotContent }>();
  for (const e of events) {
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
  const paper = new Map<string, BallotContent>();
  for (const [serial, { A, B }] of entries)
    if (A && B && sameBallot(type, A, B)) paper.set(serial, A);
  return { paper, typed: entries.size };
}

/**
 * The paper ballots main's own desk typed in this round (adv32 F7): main's paperEntered and
 * paperResolved events that applied no laptop's event (applied_event). In the union a ballot
 * round's close must hold, they are one more side beside the joined laptops.
 */
export function mainOwnPaper(db: Db, roundId: string): Map<string, BallotContent> {
  const rows = cached(
    db,
    `SELECT type, payload FROM event e
      WHERE type IN ('voting.paperEntered', 'voting.paperResolved')
        AND json_extract(payload, '$.roundId') = ?
        AND NOT EXISTS (SELECT 1 FROM applied_event a WHERE a.main_seq = e.seq)
      ORDER BY seq`,
  ).all(roundId) as { type: string; payload: string }[];
  return agreedPaper(rows, getRound(db, roundId).ballotType).paper;
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
