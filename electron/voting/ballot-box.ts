// The kiosk ballot box (issue 14, item 6): a kiosk ballot must not be linkable to its voter
// from the workshop file, even by the operator holding the laptop. The voter's "has voted"
// mark (round_voter and its `voting.voterMarked` event) carries no ballot content; the
// ballot goes into `ballot_box` (migration 10), a WITHOUT ROWID table keyed by 16 random
// bytes, with no voter, no time and no serial, and no event of its own. Closing the round
// reads the box sorted by content (canonical JSON), writes those ballots into the close event
// (`kioskBallots`), empties the box (secure_delete is on, see db.ts) and folds the WAL into
// the file with TRUNCATE, so neither rows, pages nor log frames keep the order of casting.
//
// Legacy: files written before migration 10 hold kiosk ballots in `ballot` (source 'kiosk',
// serials K0001… in casting order) with one `voting.ballotCast` event each. They still read
// and replay; nothing writes them any more.
import { randomBytes } from 'node:crypto';
import { canonicalBallots } from '../../shared/results/frozen';
import type { BallotContent } from '../../shared/schemas/voting';
import type { Db } from '../platform/db';
import { onEveryCopy, onOutgoingCopy } from '../backup/copy-hooks';
import { MinkaError } from '../platform/errors';

/** The close event's type (as round-freeze.ts names it; repeated to import nothing of voting). */
const CLOSED = 'voting.roundClosed';

interface BoxRow {
  key: Buffer;
  round_id: string;
  choices: string;
  points: string | null;
}

const content = (r: { choices: string; points: string | null }): BallotContent => ({
  choices: JSON.parse(r.choices) as string[],
  points: r.points ? (JSON.parse(r.points) as number[]) : null,
});

/**
 * Rewrite a round's box in the order of its random keys: deleted cells are zeroed and the
 * rows go back in key order, so the position of a cell in its page says nothing of when it
 * was cast. Used after every cast and on every backup copy.
 */
export function shuffleBox(db: Db, roundId: string): void {
  const rows = db
    .prepare(
      'SELECT key, round_id, choices, points FROM ballot_box WHERE round_id = ? ORDER BY key',
    )
    .all(roundId) as BoxRow[];
  db.prepare('DELETE FROM ballot_box WHERE round_id = ?').run(roundId);
  const put = db.prepare(
    'INSERT INTO ballot_box (key, round_id, choices, points) VALUES (?, ?, ?, ?)',
  );
  for (const r of rows) put.run(r.key, r.round_id, r.choices, r.points);
}

/** Put one kiosk ballot in the box (inside the caller's transaction). */
export function dropInBox(db: Db, roundId: string, c: BallotContent): void {
  db.prepare('INSERT INTO ballot_box (key, round_id, choices, points) VALUES (?, ?, ?, ?)').run(
    randomBytes(16),
    roundId,
    JSON.stringify(c.choices),
    c.points ? JSON.stringify(c.points) : null,
  );
  shuffleBox(db, roundId);
}

/**
 * Put these ballots in a round's box in place of what it held (inside the caller's transaction):
 * a ballot round joined from laptops (venues/venues-ballot-join.ts) gets its box from their closes.
 */
export function refillBox(db: Db, roundId: string, ballots: readonly BallotContent[]): void {
  db.prepare('DELETE FROM ballot_box WHERE round_id = ?').run(roundId);
  const put = db.prepare(
    'INSERT INTO ballot_box (key, round_id, choices, points) VALUES (?, ?, ?, ?)',
  );
  for (const c of ballots)
    put.run(
      randomBytes(16),
      roundId,
      JSON.stringify(c.choices),
      c.points ? JSON.stringify(c.points) : null,
    );
  shuffleBox(db, roundId);
}

export function boxCount(db: Db, roundId: string): number {
  return db
    .prepare('SELECT COUNT(*) FROM ballot_box WHERE round_id = ?')
    .pluck()
    .get(roundId) as number;
}

/** The box's ballots in content order (never in the order of casting). */
export function boxContents(db: Db, roundId: string): BallotContent[] {
  const rows = db
    .prepare('SELECT choices, points FROM ballot_box WHERE round_id = ?')
    .all(roundId) as { choices: string; points: string | null }[];
  return canonicalBallots(rows.map(content));
}

/** Empty a round's box (at closing, after its contents went into the close event). */
export function emptyBox(db: Db, roundId: string): void {
  db.prepare('DELETE FROM ballot_box WHERE round_id = ?').run(roundId);
}

/** The kiosk ballots a close event carries (none for rounds closed before migration 10). */
export function closedKioskBallots(db: Db, roundId: string): BallotContent[] {
  const payload = db
    .prepare(
      "SELECT payload FROM event WHERE type = ? AND json_extract(payload, '$.id') = ? ORDER BY seq DESC LIMIT 1",
    )
    .pluck()
    .get(CLOSED, roundId) as string | undefined;
  if (payload === undefined) return [];
  const p = JSON.parse(payload) as { kioskBallots?: BallotContent[] };
  return p.kioskBallots ?? [];
}

/** Whether this file has the box (a read-only open of an older file may not). */
export function hasBox(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ballot_box'").get() !==
    undefined
  );
}

/** The kiosk ballots of a round kept outside `ballot`: in the box while open, in the close event after. */
export function kioskBallots(db: Db, roundId: string, closed: boolean): BallotContent[] {
  if (closed) return closedKioskBallots(db, roundId);
  return hasBox(db) ? boxContents(db, roundId) : [];
}

/**
 * Fold the WAL into the file and truncate it, so no frame keeps the box as it grew. Returns
 * whether it completed (another connection reading can keep it from finishing).
 */
export function truncateWal(db: Db): boolean {
  if (db.readonly || db.inTransaction) return false;
  const r = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  return (r[0]?.busy ?? 1) === 0;
}

/**
 * After a kiosk cast: `truncateWal`, and if a reader (a backup's integrity check) kept it from
 * finishing, once more shortly after, so frames of the growing box do not wait for the next cast.
 */
export function foldWalAfterCast(db: Db): void {
  if (truncateWal(db)) return;
  setTimeout(() => {
    if (db.open) truncateWal(db);
  }, 50).unref();
}

/**
 * A copy that leaves Minka's own backup folder (a copy to a USB folder, a venue kit, a venue
 * file for the other laptop, a restore) while a kiosk round holds ballots in its box is refused.
 * Two such copies, or one and the result announced at the close, pair the voters marked in
 * between with the ballots added in between, whatever order the box keeps (adv27). Rolling
 * backups stay in the workshop's backup folder and are removed at the close (holdsBoxOf).
 */
onOutgoingCopy('ballot box', (copy) => {
  if (!hasBox(copy)) return null;
  const open = copy
    .prepare(
      `SELECT r.title FROM ballot_box b JOIN voting_round r ON r.id = b.round_id
        WHERE r.state = 'open' LIMIT 1`,
    )
    .pluck()
    .get() as string | undefined;
  return open === undefined
    ? null
    : new MinkaError('CONFLICT', 'voting.error.copyWhileKioskOpen', { round: open });
});

/**
 * Every copy backup takes (rolling, USB, a venue's kit, a restore) rewrites each open round's box
 * in the order of its random keys, deleted cells zeroed, so the copy's pages keep no order of
 * casting (issue 14, item 6). Registered here, where the box is written: backup does not know
 * the box (see backup/copy-hooks.ts).
 */
onEveryCopy('ballot box', (copy) => {
  if (hasBox(copy))
    copy.transaction(() => {
      const rounds = copy
        .prepare('SELECT DISTINCT round_id FROM ballot_box')
        .pluck()
        .all() as string[];
      for (const r of rounds) shuffleBox(copy, r);
    })();
});

/**
 * Whether a copy still holds the box of `roundId`. A copy taken while a kiosk round was open
 * holds the box as it was then and the voters marked by then; comparing two such copies pairs
 * the voters marked between them with the ballots added between them, whatever order the box
 * keeps. Once the round is closed its ballots live in the close event, so closing removes
 * those copies (voting/handlers.ts, through backup's removeCopiesWhere).
 */
export function holdsBoxOf(copy: Db, roundId: string): boolean {
  return (
    hasBox(copy) &&
    copy.prepare('SELECT 1 FROM ballot_box WHERE round_id = ? LIMIT 1').get(roundId) !== undefined
  );
}
