// Extra votes in a ballot round joined from laptops (venues-ballot-join.ts): a vote holder marked
// on two laptops left one ballot in each box, and no ballot can be told apart from the others
// (the boxes are anonymous, ballot-box.ts), so nobody can say which one is theirs. As election
// codes prescribe for a box holding more ballots than voters, as many ballots as extra votes are
// drawn out by lot, unopened as far as any person is concerned: nobody picks them.
//
// The lot is a pure function of what the laptops closed (each close's hash, fixed and signed on its
// laptop before its file left the venue): for a vote unit marked on laptops A < B (kit ids), B's
// box in content order loses the ballot at SHA-256(A's close | B's close # round # unit # B) mod its
// size. Every order of merging leaves the same box, no ruling can move it, and `minka check`
// recomputes it (venues-ballot-check.ts), so a close rewritten to take out another ballot is
// named. Identical ballots are interchangeable, so the content order is all the draw needs.
import { createHash } from 'node:crypto';
import { canonicalBallots } from '../../shared/results/frozen';
import type { BallotContent } from '../../shared/schemas/voting';
import type { P } from './venues-apply';
import type { LaptopBallots } from './venues-ballot-laptops';

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
 * by lot per extra vote. A vote unit marked on several laptops keeps the first laptop's ballot (in
 * kit id order, fixed when the kits were issued) and gives up one ballot drawn from each other
 * laptop's box, seeded by the closes of the laptops that marked it: a laptop joined later that
 * did not mark it moves nothing already drawn. `drawn` says how many; which ones is never stored
 * (the contents drawn are recomputable from the laptops' files, and say nothing of who cast them).
 */
export function joinedKioskBox(
  roundId: string,
  joined: readonly LaptopBallots[],
): { box: BallotContent[]; drawn: number } {
  const laptops = [...joined].sort((a, b) => (a.kitId < b.kitId ? -1 : a.kitId > b.kitId ? 1 : 0));
  const boxes = new Map(laptops.map((l) => [l.kitId, canonicalBallots(closedBox(l))]));
  const keys = [...new Set(laptops.flatMap((l) => [...l.voterKeys.keys()]))].sort();
  let drawn = 0;
  for (const key of keys) {
    const marked = laptops.filter((l) => l.voterKeys.has(key));
    const seed = marked.map((l) => l.close?.hash ?? '').join('|');
    for (const l of marked.slice(1)) {
      const box = boxes.get(l.kitId) ?? [];
      if (!box.length) continue;
      const h = createHash('sha256').update(`${seed}#${roundId}#${key}#${l.kitId}`).digest();
      box.splice(Number(h.readBigUInt64BE(0) % BigInt(box.length)), 1);
      drawn++;
    }
  }
  return { box: canonicalBallots([...boxes.values()].flat()), drawn };
}
