// `minka check` on a ballot round joined from laptops (venues-ballot-join.ts): main's close must
// hold exactly what the laptops' closes give, each paper serial once and the kiosk boxes' union
// less the ballots drawn by lot for extra votes (venues-ballot-draw.ts, recomputed here).
import type { BallotContent } from '../../shared/schemas/voting';
import { sameBallot } from '../../shared/voting';
import { canonicalize } from '../../shared/canonical';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { getRound } from '../voting/voting';
import {
  type LaptopBallots,
  laptopBallots,
  mainOwnPaper,
  serialClashes,
} from './venues-ballot-laptops';
import { selfKit } from './venues';
import { closedBox, joinedKioskBox } from './venues-ballot-draw';
import { readingsJoinedUnder, standingReading } from './venues-ballot-readings';

export interface BallotUnionMismatch {
  roundId: string;
  title: string;
  /** The joined laptops' kit codes, as `minka check` prints them. */
  kits: string;
  /** Laptops joined (their closes applied here). */
  joined: string[];
}

/**
 * `minka check`: a ballot round whose close came from laptops must have been closed here with
 * exactly the union of the joined laptops' ballots: each paper serial once, the kiosk boxes less
 * what their closes' lot draws. A close rewritten to leave a laptop's box out, to count one twice,
 * or to take out another ballot than the lot's, is named.
 */
export function ballotUnionMismatches(db: Db): BallotUnionMismatch[] {
  // On a venue laptop nothing is joined (venues-ballot-join.ts): its rounds are its own.
  if (selfKit(db)) return [];
  // Every ballot round a laptop closed, read from the device chains (signed by their laptops),
  // not from the links this file keeps (applied_event), which its key holder can delete.
  const rounds = cached(
    db,
    `SELECT DISTINCT json_extract(d.payload, '$.id') FROM device_event d
       JOIN voting_round r ON r.id = json_extract(d.payload, '$.id')
      WHERE d.type = ? AND r.kind = 'ballot'`,
  )
    .pluck()
    .all(ROUND_CLOSED_EVENT) as string[];
  const out: BallotUnionMismatch[] = [];
  const type = (rid: string) => getRound(db, rid).ballotType;
  const canon = (b: BallotContent) =>
    canonicalize({ choices: b.choices, points: b.points ?? null });
  for (const rid of rounds) {
    const ruled = readingsJoinedUnder(db, rid);
    const all = laptopBallots(db, rid);
    const joined = all.filter((l) => l.joined);
    // A laptop that closed with a box matching its voter marks and no paper read otherwise
    // elsewhere is joined at the merge: left out, its ballots were dropped. A ruling on the
    // round does not excuse that (adv30b: a ruling on a double vote between two laptops hid a
    // third laptop's box deleted from the file): no ruling leaves such a laptop out.
    const dropped = all.filter(
      (l) =>
        !l.joined &&
        l.close !== null &&
        boxMatchesMarks(l) &&
        serialClashes(db, rid, l, all).length === 0,
    );
    if (!joined.length) {
      if (dropped.length)
        out.push({ roundId: rid, title: getRound(db, rid).title, kits: '', joined: [] });
      continue;
    }
    // Each serial once, read as one of the joined laptops read it (a ruling picks which).
    const readings = new Map<string, BallotContent[]>();
    for (const l of joined)
      for (const [serial, b] of l.paper) readings.set(serial, [...(readings.get(serial) ?? []), b]);
    // Main's own desk typed papers in this round too: one more side of the union (adv32 F7).
    for (const [serial, b] of mainOwnPaper(db, rid))
      readings.set(serial, [...(readings.get(serial) ?? []), b]);
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
    // A serial the laptops read otherwise stands as the laptop the ruling names for that serial
    // read it (venues-ballot-readings.ts): without a ruling on it, a close may hold no reading.
    const standing = (serial: string): BallotContent[] => {
      const all = readings.get(serial) ?? [];
      if (all.every((y) => sameBallot(type(rid), y, all[0] as BallotContent))) return all;
      const r = standingReading(ruled, serial, joined);
      return r ? [r] : [];
    };
    const paperOk =
      paper.length === readings.size &&
      paper.every((x) => standing(x.serial).some((y) => sameBallot(type(rid), x.b, y)));
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
    // The laptops' boxes joined, less the ballots their closes' lot draws (venues-ballot-draw.ts).
    const kioskOk =
      canonicalize((closed.kioskBallots ?? []).map(canon).sort()) ===
      canonicalize(joinedKioskBox(rid, joined).box.map(canon).sort());
    if (
      dropped.length ||
      !paperOk ||
      !kioskOk ||
      canonicalize(expectedAll) !== canonicalize(frozenAll)
    )
      out.push({
        roundId: rid,
        title: getRound(db, rid).title,
        kits: joined.map((l) => l.kitId.slice(0, 8)).join(', '),
        joined: joined.map((l) => l.kitId),
      });
  }
  return out;
}

/** Whether a laptop's close carries one kiosk ballot per voter mark (the merge's own test). */
function boxMatchesMarks(l: LaptopBallots): boolean {
  const marks = l.events.filter((e) => e.type === 'voting.voterMarked').length;
  const legacy = l.events.filter((e) => e.type === 'voting.ballotCast').length;
  const box = closedBox(l).length;
  return box === 0 || marks === box + legacy;
}
