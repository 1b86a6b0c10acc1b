// After the first prioritisation round closes, the setup fields that decide results
// (envelope, sectors, selection rule, tie-break, vote rule, quorum) are locked: the room
// has seen a result computed under them. Changing one takes an explicit reopening that
// records who and why (an event in the chain, printed in the Acta); the lock comes back
// when the next prioritisation round closes. Raw SQL only: the voting store imports
// ./workshop, which calls this.
import { canonicalize } from '../../shared/canonical';
import type { StoredWorkshopSetup, WorkshopSetup } from '../../shared/schemas/workshop';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import type { Env } from '../platform/env';

export const REOPEN_EVENT = 'workshop.setupReopened';

export const DECIDING_FIELDS = [
  'envelopeCents',
  'sectors',
  'selectionRule',
  'sectorSplit',
  'tieBreak',
  'voteRule',
  'quorum',
] as const;
export type DecidingField = (typeof DECIDING_FIELDS)[number];

export interface Reopening {
  at: string;
  by: string;
  reason: string;
  /** The prioritisation round whose closing had locked the setup. */
  afterRound: string;
}

export interface SetupLock {
  locked: boolean;
  /** The closed prioritisation round that locks the setup now, if locked. */
  round: string | null;
  fields: DecidingField[];
  reopenings: Reopening[];
}

function hasRounds(db: Db): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'voting_round'")
      .get() !== undefined
  );
}

/** The newest close event of a prioritisation (not sector) round: its seq and title. */
function lastPriorityClose(db: Db): { seq: number; title: string } | null {
  if (!hasRounds(db)) return null;
  const row = db
    .prepare(
      `SELECT e.seq AS seq, r.title AS title FROM event e
         JOIN voting_round r ON r.id = json_extract(e.payload, '$.id')
        WHERE e.type = 'voting.roundClosed' AND r.kind <> 'sector'
        ORDER BY e.seq DESC LIMIT 1`,
    )
    .get() as { seq: number; title: string } | undefined;
  return row ?? null;
}

export function listReopenings(db: Db): Reopening[] {
  const rows = db
    .prepare('SELECT at, payload FROM event WHERE type = ? ORDER BY seq')
    .all(REOPEN_EVENT) as { at: string; payload: string }[];
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as { by: string; reason: string; afterRound: string };
    return { at: r.at, by: p.by, reason: p.reason, afterRound: p.afterRound };
  });
}

export function setupLock(db: Db): SetupLock {
  const close = lastPriorityClose(db);
  const reopenSeq =
    (db.prepare('SELECT MAX(seq) FROM event WHERE type = ?').pluck().get(REOPEN_EVENT) as
      number | null) ?? 0;
  const locked = close !== null && close.seq > reopenSeq;
  return {
    locked,
    round: locked && close ? close.title : null,
    fields: [...DECIDING_FIELDS],
    reopenings: listReopenings(db),
  };
}

const sectorNames = (s: WorkshopSetup['sectors']) => s.map((x) => x.name);

/** The deciding fields a new setup would change. */
export function changedDeciding(old: StoredWorkshopSetup, next: WorkshopSetup): DecidingField[] {
  return DECIDING_FIELDS.filter((f) =>
    f === 'sectors'
      ? canonicalize(sectorNames(old.sectors)) !== canonicalize(sectorNames(next.sectors))
      : canonicalize(old[f]) !== canonicalize(next[f]),
  );
}

/** Refuse a change to a deciding field while the setup is locked. */
export function assertSetupChangeAllowed(
  db: Db,
  old: StoredWorkshopSetup,
  next: WorkshopSetup,
): void {
  const lock = setupLock(db);
  if (!lock.locked) return;
  const changed = changedDeciding(old, next);
  if (changed.length)
    throw new MinkaError('CONFLICT', 'workshop.error.setupLocked', {
      round: lock.round ?? '',
      fields: changed.join(', '),
    });
}

/** Unlock the deciding fields, recording who and why; closing the next prioritisation round locks them again. */
export function reopenSetup(db: Db, env: Env, input: { by: string; reason: string }): SetupLock {
  return db
    .transaction(() => {
      const lock = setupLock(db);
      if (!lock.locked) throw new MinkaError('CONFLICT', 'workshop.error.setupNotLocked');
      appendEvent(db, env.now(), {
        type: REOPEN_EVENT,
        payload: {
          by: input.by.normalize('NFC').trim(),
          reason: input.reason.normalize('NFC').trim(),
          afterRound: lock.round ?? '',
        },
      });
      return setupLock(db);
    })
    .immediate();
}
