import { cached } from './statements';
import * as nodeCrypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalize, isCanonicalText, type Json } from '../../shared/canonical';
import type { ChainStatus } from '../../shared/schemas/workshop';
import { fingerprint } from '../../shared/fingerprint';
import { MinkaError } from './errors';
import type { EventPayload, EventType } from '../../shared/events';

export const GENESIS_HASH = '0'.repeat(64);

/** The only event a sealed workshop still takes: a signed correction to its minutes. */
export const ADDENDUM_EVENT = 'minutes.addendum' satisfies EventType;

function isSealedDb(db: Database.Database): boolean {
  const row = cached(db, 'SELECT sealed_at FROM workshop WHERE id = 1').get() as
    { sealed_at: string | null } | undefined;
  return row !== undefined && row.sealed_at !== null;
}

/** An event to append: a member of the union in shared/events.ts, with that member's payload. */
export interface NewEvent<T extends EventType = EventType> {
  type: T;
  payload: EventPayload<T>;
  actor?: string;
}

interface EventRow {
  seq: number;
  at: string;
  actor: string;
  type: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The object whose canonical JSON (RFC 8785) is chained; `payload` as parsed JSON. */
function eventBody(e: { seq: number; at: string; actor: string; type: string; payload: Json }) {
  return { seq: e.seq, at: e.at, actor: e.actor, type: e.type, payload: e.payload };
}

/** h_i = SHA-256( h_{i-1} (64 lowercase hex chars, as UTF-8) || canonical(event_i) (UTF-8) ). */
export function chainHash(prevHash: string, body: ReturnType<typeof eventBody>): string {
  return linkHash(prevHash, canonicalize(body));
}

/**
 * canonical(eventBody(row)) written around the payload's stored text, once that text is known
 * to be canonical: the keys in RFC 8785 order (actor, at, payload, seq, type), strings as
 * JSON.stringify writes them. Saves canonicalising every payload a second time inside its
 * body (issue 18). null for a row whose columns are not the types the event table holds
 * (then the body is canonicalised as a whole, as before).
 */
function storedBody(row: EventRow): string | null {
  if (
    typeof row.actor !== 'string' ||
    typeof row.at !== 'string' ||
    typeof row.type !== 'string' ||
    !Number.isSafeInteger(row.seq)
  )
    return null;
  return `{"actor":${JSON.stringify(row.actor)},"at":${JSON.stringify(row.at)},"payload":${row.payload},"seq":${row.seq},"type":${JSON.stringify(row.type)}}`;
}

// Node's one-shot hash (Node ≥ 20.12, Electron 41's Node): the same SHA-256 over the same
// UTF-8 bytes as a Hash object fed twice, in about half the time (issue 18, stop 30: ~1 µs
// per event, in every append and every chain verification).
const oneShot = (nodeCrypto as { hash?: (alg: string, data: string, enc: 'hex') => string }).hash;

function linkHash(prevHash: string, canonicalBody: string): string {
  if (oneShot) return oneShot('sha256', prevHash + canonicalBody, 'hex');
  return nodeCrypto
    .createHash('sha256')
    .update(prevHash, 'utf8')
    .update(canonicalBody, 'utf8')
    .digest('hex');
}

function head(db: Database.Database): { seq: number; hash: string } {
  const row = cached(db, 'SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1').get() as
    { seq: number; hash: string } | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * Append one event to the chain. Must run inside the same transaction as the change it
 * records, so that the record and its log entry commit together or not at all.
 */
export function appendEvent<T extends EventType>(
  db: Database.Database,
  at: Date,
  e: NewEvent<T>,
): string {
  return appendEventSeq(db, at, e).hash;
}

/** appendEvent, answering the event's place in the log too (a check-in's `checkInSeq`). */
export function appendEventSeq<T extends EventType>(
  db: Database.Database,
  at: Date,
  e: NewEvent<T>,
): { seq: number; hash: string } {
  if (!db.inTransaction) throw new Error('appendEvent must run inside a transaction');
  // The one place every change passes through: once the minutes are sealed, only signed
  // addenda may enter the record (a trigger refuses the rest too, as a backstop).
  if (e.type !== ADDENDUM_EVENT && isSealedDb(db)) throw new MinkaError('SEALED', 'error.sealed');
  const prev = head(db);
  const seq = prev.seq + 1;
  const atIso = at.toISOString();
  // In a venue kit every event is marked with its device (issue 20): `device:<kit id>`.
  const device = cached(db, "SELECT value FROM meta WHERE key = 'device_kit'").pluck().get() as
    string | undefined;
  const actor = device !== undefined ? `device:${device}` : (e.actor ?? 'facilitator');
  // The payload is canonicalised once: stored as is, and spliced into the event body, whose
  // keys RFC 8785 orders actor, at, payload, seq, type — the same text as canonicalize(body).
  const payload = canonicalize(e.payload);
  const body = `{"actor":${canonicalize(actor)},"at":${canonicalize(atIso)},"payload":${payload},"seq":${seq},"type":${canonicalize(e.type)}}`;
  const hash = linkHash(prev.hash, body);
  cached(
    db,
    'INSERT INTO event (seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(seq, atIso, actor, e.type, payload, prev.hash, hash);
  return { seq, hash };
}

export function chainStatus(db: Database.Database): ChainStatus {
  const h = head(db);
  return { head: h.hash, length: h.seq, fingerprint: fingerprint(h.hash) };
}

export interface ChainVerdict {
  ok: boolean;
  length: number;
  head: string;
  /** First sequence number whose link does not hold. */
  brokenAt?: number;
  reason?: 'gap' | 'prevHash' | 'hash' | 'payload';
}

/** Recompute every link from the genesis hash. Streams rows: constant memory on long logs. */
export function verifyChain(db: Database.Database): ChainVerdict {
  const link = chainLinker();
  const stmt = db.prepare(
    'SELECT seq, at, actor, type, payload, prev_hash, hash FROM event ORDER BY seq',
  );
  for (const raw of stmt.iterate()) {
    const broken = link(raw as EventRow);
    if (broken) return broken;
  }
  return link.verdict();
}

/** One row of the log with its payload parsed (undefined when the text is not JSON). */
export interface ChainedRow {
  seq: number;
  at: string;
  type: string;
  payload: Json | undefined;
}

/**
 * The chain verified and the log read in one pass (issue 18): `minka check`, and so every
 * seal, needs both the verdict and every payload parsed for the replay, and read the table
 * and parsed each payload twice. Every row is returned, also past a broken link (the replay
 * still reports what the tables say); the verdict is exactly verifyChain's.
 */
export function readChain(db: Database.Database): { chain: ChainVerdict; rows: ChainedRow[] } {
  const all = db
    .prepare('SELECT seq, at, actor, type, payload, prev_hash, hash FROM event ORDER BY seq')
    .all() as EventRow[];
  const link = chainLinker();
  let chain: ChainVerdict | null = null;
  const rows: ChainedRow[] = new Array<ChainedRow>(all.length);
  for (let i = 0; i < all.length; i++) {
    const row = all[i] as EventRow;
    let payload: Json | undefined;
    try {
      payload = JSON.parse(row.payload) as Json;
    } catch {
      payload = undefined;
    }
    if (!chain) chain = link(row, { payload });
    rows[i] = { seq: row.seq, at: row.at, type: row.type, payload };
  }
  return { chain: chain ?? link.verdict(), rows };
}

/**
 * The chain's links checked one row at a time, in order: a verdict for the first row whose
 * link does not hold, null while they hold; `verdict()` once every row has been given.
 * `pre`: the row's payload already parsed (undefined: not JSON), so it is parsed once.
 */
function chainLinker() {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  const link = (row: EventRow, pre?: { payload: Json | undefined }): ChainVerdict | null => {
    const fail = (reason: ChainVerdict['reason']): ChainVerdict => ({
      ok: false,
      length: row.seq,
      head: prev,
      brokenAt: row.seq,
      reason,
    });
    if (row.seq !== expectedSeq) return fail('gap');
    if (row.prev_hash !== prev) return fail('prevHash');
    let payload: Json;
    if (pre) {
      if (pre.payload === undefined) return fail('payload');
      payload = pre.payload;
    } else
      try {
        payload = JSON.parse(row.payload) as Json;
      } catch {
        return fail('payload');
      }
    if (!isCanonicalText(payload, row.payload)) return fail('payload');
    const hash = linkHash(prev, storedBody(row) ?? canonicalize(eventBody({ ...row, payload })));
    if (hash !== row.hash) return fail('hash');
    prev = hash;
    expectedSeq++;
    return null;
  };
  return Object.assign(link, {
    verdict: (): ChainVerdict => ({ ok: true, length: expectedSeq - 1, head: prev }),
  });
}

export interface LoggedEvent {
  seq: number;
  at: string;
  actor: string;
  type: string;
  payload: Json;
  hash: string;
}

export function listEvents(
  db: Database.Database,
  opts: { afterSeq?: number; limit?: number } = {},
): LoggedEvent[] {
  const rows = db
    .prepare(
      'SELECT seq, at, actor, type, payload, hash FROM event WHERE seq > ? ORDER BY seq LIMIT ?',
    )
    .all(opts.afterSeq ?? 0, opts.limit ?? 1000) as Omit<EventRow, 'prev_hash'>[];
  return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Json }));
}
