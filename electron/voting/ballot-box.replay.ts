// Replay of the kiosk ballot box (migration 10, see ballot-box.ts) and of the setup's
// "sector vote splits the envelope" flag, for the consistency check (`minka check`).
// Kiosk ballots have no event of their own: what the log proves is how many voters were
// marked in each round. So an open round's box must hold exactly one ballot per voter marked
// (less the legacy `voting.ballotCast` ballots kept in `ballot`), and a closed round's
// close event must carry exactly that many `kioskBallots`, in content order, with its box
// emptied. A ballot added to, removed from or left in the box is found by its count.
// Called from voting.replay.ts and workshop.replay.ts.
import { canonicalize } from '../../shared/canonical';
import { canonicalBallots } from '../../shared/results/frozen';
import type { BallotContent } from '../../shared/schemas/voting';
import type { Db, Ev, Report } from '../platform/replay';

export function replayBallotBox(db: Db, evs: readonly Ev[], r: Report): void {
  const marked = new Map<string, Set<string>>();
  const legacy = new Map<string, number>();
  const closedWith = new Map<string, BallotContent[] | null>();
  for (const e of evs) {
    if (e.type === 'voting.voterMarked') {
      const s = marked.get(e.p.roundId) ?? new Set<string>();
      s.add(e.p.participantId);
      marked.set(e.p.roundId, s);
    } else if (e.type === 'voting.ballotCast') {
      legacy.set(e.p.roundId, (legacy.get(e.p.roundId) ?? 0) + 1);
    } else if (e.type === 'voting.roundClosed') {
      const k = e.p.kioskBallots;
      closedWith.set(
        e.p.id,
        k ? k.map((b): BallotContent => ({ choices: b.choices, points: b.points ?? null })) : null,
      );
    }
  }
  const inBox = new Map(
    (
      db.prepare('SELECT round_id, COUNT(*) AS n FROM ballot_box GROUP BY round_id').all() as {
        round_id: string;
        n: number;
      }[]
    ).map((x) => [x.round_id, x.n]),
  );
  const rounds = new Set([...marked.keys(), ...inBox.keys(), ...closedWith.keys()]);
  for (const round of rounds) {
    const voters = marked.get(round)?.size ?? 0;
    const expected = voters - (legacy.get(round) ?? 0);
    const box = inBox.get(round) ?? 0;
    if (!closedWith.has(round)) {
      if (box !== expected)
        r.add('ballot_box', round, `${box} ballots in the box for ${expected} kiosk voters marked`);
      continue;
    }
    const kiosk = closedWith.get(round) ?? null;
    if (box) r.add('ballot_box', round, `${box} ballots left in the box of a closed round`);
    // A round closed before migration 10 carries no kioskBallots (its ballots are legacy rows).
    if (kiosk === null) continue;
    if (kiosk.length !== expected)
      r.add(
        'ballot_box',
        round,
        `the close event carries ${kiosk.length} kiosk ballots for ${expected} kiosk voters marked`,
      );
    if (canonicalize(canonicalBallots(kiosk)) !== canonicalize(kiosk))
      r.add('ballot_box', round, 'the kiosk ballots of the close event are not in content order');
  }
}
