// Extra votes in a ballot round joined from laptops (venues-ballot-join.ts): a vote holder marked
// on two laptops left one ballot in each box, and no ballot can be told apart from the others
// (the boxes are anonymous, ballot-box.ts), so nobody can say which one is theirs. As election
// codes prescribe for a box holding more ballots than voters, as many ballots as extra votes are
// drawn out by lot, unopened as far as any person is concerned: nobody picks them.
//
// The lot is a pure function of what the laptops closed (each close's hash, fixed and signed on its
// laptop before its file left the venue): the union of the joined laptops' boxes in content order,
// and for the i-th draw the ballot at SHA-256(seed # round # i) mod the box's size. Every order of
// merging leaves the same box, no ruling can move it, and `minka check` recomputes it
// (venues-ballot-check.ts), so a close rewritten to take out another ballot is named.
// Identical ballots are interchangeable, so the content order is all the draw needs.
import { createHash } from 'node:crypto';
import { canonicalBallots } from '../../shared/results/frozen';
import type { BallotContent } from '../../shared/schemas/voting';
import type { P } from './venues-apply';
import type { LaptopBallots } from './venues-ballot-laptops';

/** Vote units marked on more than one of these laptops, counted once per extra laptop. */
export function extraVotes(joined: readonly LaptopBallots[]): number {
  const seen = new Map<string, number>();
  for (const l of joined) for (const k of l.voterKeys.keys()) seen.set(k, (seen.get(k) ?? 0) + 1);
  return [...seen.values()].reduce((n, c) => n + c - 1, 0);
}

/** The kiosk ballots this laptop's close carried (content order, as it closed). */
export function closedBox(l: LaptopBallots): BallotContent[] {
  const k = l.close ? (JSON.parse(l.close.payload) as P)['kioskBallots'] : undefined;
  return ((k as BallotContent[] | undefined) ?? []).map((b) => ({
    choices: b.choices,
    points: b.points ?? null,
  }));
}

/**
 * The round's kiosk box once these laptops are joined: every laptop's box, less one ballot drawn
 * by lot per extra vote. `drawn` says how many; which ones is never stored (a list of contents
 * drawn is recomputable from the laptops' files, and says nothing of who cast them).
 */
export function joinedKioskBox(
  roundId: string,
  joined: readonly LaptopBallots[],
): { box: BallotContent[]; drawn: number } {
  const box = canonicalBallots(joined.flatMap(closedBox));
  const seed = joined
    .map((l) => l.close?.hash ?? '')
    .sort()
    .join('|');
  const n = Math.min(extraVotes(joined), box.length);
  for (let i = 0; i < n; i++) {
    const h = createHash('sha256').update(`${seed}#${roundId}#${i}`).digest();
    box.splice(Number(h.readBigUInt64BE(0) % BigInt(box.length)), 1);
  }
  return { box, drawn: n };
}
