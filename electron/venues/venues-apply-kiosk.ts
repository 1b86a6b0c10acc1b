// Applying a venue device's events (venues-apply.ts): the helpers every applier shares (the
// device's times and ids, its ids mapped to this workshop's) and a kiosk round's close, which
// brings the laptop's box back with its voter marks, or joins it beside other laptops' boxes
// (venues-ballot-join.ts).
import { createHash } from 'node:crypto';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import type { Env } from '../workshop/workshop';
import { castKioskBallot } from '../voting/kiosk';
import { closeRound } from '../voting/close-round';

export type P = Record<string, unknown>;
export const s = (x: unknown): string => (typeof x === 'string' ? x : '');

/** A uuid-shaped id derived from a device event's hash (for rows whose id the event omits). */
function derivedId(hash: string, n: number): string {
  const h = createHash('sha256').update(`${hash}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Store functions read the clock and ask for ids: give them the device's. */
export function replayEnv(times: string[], ids: string[], hash: string): Env {
  let t = 0;
  let n = 0;
  return {
    now: () => new Date(times[Math.min(t++, times.length - 1)] as string),
    newId: () => ids.shift() ?? derivedId(hash, n++),
  };
}

const markedHere = (db: Db, roundId: string, key: string) =>
  key !== '' &&
  cached(db, 'SELECT 1 FROM round_voter WHERE round_id = ? AND voter_key = ?').get(roundId, key) !==
    undefined;

export function alias(db: Db, kitId: string, id: unknown): string | null {
  if (typeof id !== 'string') return null;
  const a = cached(db, 'SELECT to_id FROM device_alias WHERE kit_id = ? AND from_id = ?')
    .pluck()
    .get(kitId, id) as string | undefined;
  return a ?? id;
}

/**
 * Apply a device's close of a kiosk round: its box cast again with its voter marks, and the
 * round closed. `joining` (the round joined beside other laptops' boxes): a vote holder already
 * marked here is not marked again, and `joinedBox` sets the box from the laptops' closes before
 * the close. Returns the ballots applied, or null when the box does not match the marks.
 */
export function applyKioskClose(
  db: Db,
  kitId: string,
  roundId: string,
  p: P,
  env: Env,
  joining: string | null,
  joinedBox: ((roundId: string) => void) | null,
): number | null {
  // Kiosk ballots have no event of their own (ballot-box.ts): the close carries them
  // in content order, and each voter mark says who voted. Both go back into this
  // workshop's box as they left the venue's: no voter is linked to a ballot.
  const box =
    (p['kioskBallots'] as { choices: string[]; points?: number[] | null }[] | undefined) ?? [];
  const voters = cached(
    db,
    "SELECT at, payload, hash FROM device_event WHERE kit_id = ? AND type = 'voting.voterMarked' AND json_extract(payload, '$.roundId') = ? ORDER BY seq",
  ).all(kitId, roundId) as { at: string; payload: string; hash: string }[];
  // This laptop's legacy kiosk ballots (a voter mark and its ballotCast each).
  const legacy = cached(
    db,
    "SELECT COUNT(*) FROM device_event WHERE kit_id = ? AND type = 'voting.ballotCast' AND json_extract(payload, '$.roundId') = ?",
  )
    .pluck()
    .get(kitId, roundId) as number;
  if (box.length && voters.length !== box.length + legacy) return null;
  // Joining a second laptop's box: a vote holder another laptop marked too voted
  // twice; their mark is here already. The joined box is set from the laptops' closes
  // (venues-ballot-draw.ts): their union less one ballot drawn by lot per extra vote.
  box.forEach((b, k) => {
    const v = voters[legacy + k] as { at: string; payload: string; hash: string };
    const mark = JSON.parse(v.payload) as P;
    if (joining === roundId && markedHere(db, roundId, s(mark['voterKey']))) return;
    castKioskBallot(db, replayEnv([v.at], [], v.hash), {
      roundId,
      participantId: alias(db, kitId, mark['participantId']) ?? '',
      ballot: { choices: b.choices, points: b.points ?? null },
    });
  });
  if (joining === roundId && joinedBox) joinedBox(roundId);
  closeRound(db, env, roundId);
  return box.length;
}
