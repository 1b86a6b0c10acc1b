// Counts a venue entered that the main workshop did not apply (issue 20): the facts of the
// countRefused conflict, for venues-conflicts.ts (which groups every kind of fact).
import type { Json } from '../../shared/canonical';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { type P, roundOwner, s } from './venues-apply';
import { entitledCount } from '../voting/holders';
import { copiedEvents } from './venues-siblings';
import { isBallotRound } from './venues-ballot-laptops';

export interface RefusedFact {
  kind: 'countRefused' | 'roundCounts';
  subject: string;
  label: () => string;
  side: { source: string; venue: string; at: string; what: Json; ref: string };
}

/**
 * Counts a venue entered that this workshop did not apply (above the people entitled to vote
 * here at that venue and day, or the round no longer open): left unsaid, the round would stay
 * open with nothing shown. Found from the tables (device events that no main event applied),
 * so each merge sees every earlier refusal. Only the counts of the laptop that runs the round
 * (roundOwner, fixed by the kits, not by the order of merges): another laptop's counts are
 * never applied, and are the roundCounts conflict (see below).
 */
export function refusedCounts(db: Db, venueOfSource: (source: string) => string): RefusedFact[] {
  const rows = cached(
    db,
    `SELECT d.kit_id, d.seq, d.at, d.payload, d.hash FROM device_event d
      WHERE d.type IN ('voting.countEntered', 'voting.paperEntered')
        AND NOT EXISTS (SELECT 1 FROM applied_event a WHERE a.kit_id = d.kit_id AND a.device_seq = d.seq)
      ORDER BY d.kit_id, d.seq`,
  ).all() as { kit_id: string; seq: number; at: string; payload: string; hash: string }[];
  const copies = copiedEvents(db);
  const bySide = new Map<
    string,
    { rid: string; kit: string; at: string; ref: string; n: number; max: number }
  >();
  for (const r of rows) {
    if (copies.has(`${r.kit_id}|${r.seq}`)) continue;
    const p = JSON.parse(r.payload) as P;
    const rid = s(p['roundId']);
    // A ballot round's laptops are joined, not owned (venues-ballot-join.ts).
    if (isBallotRound(db, rid)) continue;
    const owner = roundOwner(db, rid);
    if (owner !== r.kit_id) continue;
    const k = `${rid}|${r.kit_id}`;
    const cur = bySide.get(k) ?? { rid, kit: r.kit_id, at: r.at, ref: r.hash, n: 0, max: 0 };
    cur.n++;
    cur.max = Math.max(cur.max, Number(p['count'] ?? 0));
    cur.at = r.at;
    cur.ref = r.hash;
    bySide.set(k, cur);
  }
  const facts: RefusedFact[] = [];
  const seen = new Set<string>();
  for (const v of bySide.values()) {
    const round = cached(
      db,
      'SELECT title, state, venue_id AS venueId, day FROM voting_round WHERE id = ?',
    ).get(v.rid) as { title: string; state: string; venueId: string; day: string } | undefined;
    const label = () => round?.title ?? v.rid;
    facts.push({
      kind: 'countRefused',
      subject: v.rid,
      label,
      side: {
        source: v.kit,
        venue: venueOfSource(v.kit),
        at: v.at,
        what: { refused: v.n, max: v.max },
        ref: v.ref,
      },
    });
    if (seen.has(v.rid) || !round) continue;
    seen.add(v.rid);
    // The other side is this workshop: who may vote here at that venue and day, the round's state.
    facts.push({
      kind: 'countRefused',
      subject: v.rid,
      label,
      side: {
        source: 'main',
        venue: 'main',
        at: '',
        what: { entitled: entitledCount(db, round), state: round.state },
        ref: v.rid,
      },
    });
  }
  return facts;
}

/**
 * Counts of a round from laptops that do not run it, while the one that runs it has none:
 * not applied, so the roundCounts conflict gets this workshop's side (who may vote here, the
 * round's state). When the laptop that runs it arrives with counts, its side replaces this
 * one: the same conflict, widened (and reopened if settled), whatever the order of merges.
 */
export function unownedCounts(db: Db, counted: Map<string, Map<string, unknown>>): RefusedFact[] {
  const facts: RefusedFact[] = [];
  for (const [rid, bySource] of counted) {
    const owner = roundOwner(db, rid);
    if (owner !== null && bySource.has(owner)) continue;
    const round = cached(
      db,
      'SELECT title, state, venue_id AS venueId, day FROM voting_round WHERE id = ?',
    ).get(rid) as { title: string; state: string; venueId: string; day: string } | undefined;
    if (!round) continue;
    facts.push({
      kind: 'roundCounts',
      subject: rid,
      label: () => round.title,
      side: {
        source: 'main',
        venue: 'main',
        at: '',
        what: { entitled: entitledCount(db, round), state: round.state },
        ref: rid,
      },
    });
  }
  return facts;
}
