// Two laptops of one venue exchanging files (issue 20, item 5): the door and the voting desk
// swap their files at a break, and each incorporates the other's events. A file then carries,
// beside its own chain, a copy of each sibling's chain as it was at the exchange (device_event,
// with the sibling's key and its signature over the copied head); and its own chain holds the
// sibling's events applied to its tables (so the desk knows who is present), each listed in the
// `venues.merged` event that applied them (`applied`: [own seq, sibling kit, sibling seq]).
//
// What this file reads and checks: the copies a file carries (each verified on its own, from
// its kit event, with the sibling's own key: the laptop that carried it cannot re-sign it), and
// which events of a chain are such applied copies (the target skips them: the sibling's own
// events are applied once, from the sibling's chain, in causal order).
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalize, type Json } from '../../shared/canonical';
import { keyFingerprintOf, publicKeyFromRaw } from '../platform/crypto/keys';
import { verifyBytes } from '../platform/crypto/sign';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import {
  ADOPT_EVENT,
  deviceLabel,
  type DeviceEventRow,
  headStatement,
  type KitRow,
  type KitStatement,
  MERGE_EVENT,
} from './venues';
import { kitEventHash, refused } from './venues-read';

/** A sibling's chain as another file carries it. */
export interface CarriedCopy {
  kit: KitRow;
  statement: KitStatement;
  publicKey: string;
  keyFingerprint: string;
  events: DeviceEventRow[];
  head: string;
  length: number;
  seal: { length: number; head: string; signature: string };
}

/** Who a refusal names: the kit code and the key's fingerprint. */
export const who = (kitId: string, publicKey: string) =>
  `${kitId.slice(0, 8)} (${keyFingerprintOf(publicKey)})`;

/**
 * Verify a device chain from its kit event: each link, each payload canonical, each event marked
 * with its device, the first the adoption of `publicKey`, and the device's signature (that key)
 * over the head. Returns null if it holds, else what is wrong and where.
 */
function verifyCopy(
  kit: KitRow,
  publicKey: string,
  rows: DeviceEventRow[],
  seal: { length: number; head: string; signature: string } | undefined,
): { what: string; seq: number | null } | null {
  let prev = kitEventHash(kit);
  const st = JSON.parse(kit.statement) as KitStatement;
  let expected = st.baseSeq + 2;
  for (const r of rows) {
    const body = `{"actor":${canonicalize(r.actor)},"at":${canonicalize(r.at)},"payload":${r.payload},"seq":${r.seq},"type":${canonicalize(r.type)}}`;
    const h = createHash('sha256').update(prev, 'utf8').update(body, 'utf8').digest('hex');
    let canonical = false;
    try {
      canonical = canonicalize(JSON.parse(r.payload) as Json) === r.payload;
    } catch {
      canonical = false;
    }
    if (r.seq !== expected || r.prev_hash !== prev || h !== r.hash || !canonical)
      return { what: 'copyChain', seq: r.seq };
    if (r.actor !== deviceLabel(kit.id)) return { what: 'notThisDevice', seq: r.seq };
    prev = h;
    expected++;
  }
  const first = rows[0];
  if (
    !first ||
    first.type !== ADOPT_EVENT ||
    (JSON.parse(first.payload) as { publicKey?: string }).publicKey !== publicKey
  )
    return { what: 'deviceKey', seq: first?.seq ?? null };
  const key = publicKeyFromRaw(publicKey);
  const last = rows[rows.length - 1] as DeviceEventRow;
  if (
    !seal ||
    !key ||
    seal.head !== last.hash ||
    seal.length !== last.seq ||
    !verifyBytes(
      Buffer.from(headStatement(kit.id, seal.length, seal.head), 'utf8'),
      seal.signature,
      key,
    )
  )
    return { what: 'copySignature', seq: last.seq };
  return null;
}

/** The copies of other devices' chains that a venue file carries, each verified on its own. */
export function readCarried(file: string, ownKitId: string): CarriedCopy[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has = db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'device_event'")
      .get();
    if (!has) return [];
    const kits = db
      .prepare('SELECT DISTINCT kit_id FROM device_event WHERE kit_id <> ? ORDER BY kit_id')
      .pluck()
      .all(ownKitId) as string[];
    return kits.map((kitId) => {
      const kit = db.prepare('SELECT * FROM venue_kit WHERE id = ?').get(kitId) as
        KitRow | undefined;
      const pub = db
        .prepare('SELECT public_key FROM device WHERE kit_id = ?')
        .pluck()
        .get(kitId) as string | undefined;
      const label = pub ? who(kitId, pub) : kitId.slice(0, 8);
      if (!kit || !pub) throw refused(file, label, 'copyKit');
      const events = db
        .prepare(
          'SELECT seq, at, actor, type, payload, prev_hash, hash FROM device_event WHERE kit_id = ? ORDER BY seq',
        )
        .all(kitId) as DeviceEventRow[];
      const last = events[events.length - 1];
      const seal = last
        ? (db
            .prepare(
              'SELECT length, head, signature FROM device_seal WHERE kit_id = ? AND length = ?',
            )
            .get(kitId, last.seq) as
            { length: number; head: string; signature: string } | undefined)
        : undefined;
      const bad = verifyCopy(kit, pub, events, seal);
      if (bad) throw refused(file, label, bad.what, bad.seq);
      return {
        kit,
        statement: JSON.parse(kit.statement) as KitStatement,
        publicKey: pub,
        keyFingerprint: keyFingerprintOf(pub),
        events,
        head: (last as DeviceEventRow).hash,
        length: (last as DeviceEventRow).seq,
        seal: seal as { length: number; head: string; signature: string },
      };
    });
  } finally {
    db.close();
  }
}

/** One applied copy: an event of a device's chain that applied a sibling's event. */
export interface CopyLink {
  kitId: string;
  seq: number;
}

/** The applied copies that a device's `venues.merged` events list, by the device's seq. */
export function linksIn(events: DeviceEventRow[]): Map<number, CopyLink> {
  const out = new Map<number, CopyLink>();
  for (const e of events) {
    if (e.type !== MERGE_EVENT) continue;
    const applied = (JSON.parse(e.payload) as { applied?: unknown }).applied;
    if (!Array.isArray(applied)) continue;
    for (const a of applied)
      if (
        Array.isArray(a) &&
        typeof a[0] === 'number' &&
        typeof a[1] === 'string' &&
        typeof a[2] === 'number'
      )
        out.set(a[0], { kitId: a[1], seq: a[2] });
  }
  return out;
}

/**
 * Device events (kit|seq) that are a device's applied copies of a sibling's events: not the
 * device's own doing, so neither applied here nor a side of a conflict (the sibling's own
 * event is). Found from the merge events the devices' chains hold.
 */
export function copiedEvents(db: Db): Set<string> {
  // Asked for every proposal edit a merge applies: kept while device_event (append-only) is.
  const last = cached(db, 'SELECT coalesce(max(rowid), 0) FROM device_event')
    .pluck()
    .get() as number;
  const hit = copiesCache.get(db);
  if (hit && hit.last === last) return hit.set;
  const rows = cached(
    db,
    'SELECT kit_id, seq, at, actor, type, payload, prev_hash, hash FROM device_event WHERE type = ?',
  ).all(MERGE_EVENT) as (DeviceEventRow & { kit_id: string })[];
  const out = new Set<string>();
  for (const r of rows) for (const seq of linksIn([r]).keys()) out.add(`${r.kit_id}|${seq}`);
  copiesCache.set(db, { last, set: out });
  return out;
}
const copiesCache = new WeakMap<Db, { last: number; set: Set<string> }>();

/** The file name refusals use. */
export const fileName = (file: string) => basename(file);
