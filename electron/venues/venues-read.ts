// Reading a venue file and a merged device's chain (issue 20): what venues.ts prepared and
// signed, checked from the file alone — its chain, its kit's binding and signature, its device
// key and the device's signature over its head.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { canonicalize, type Json } from '../../shared/canonical';
import { MinkaError } from '../platform/errors';
import { keyFingerprintOf, publicKeyFromRaw } from '../platform/crypto/keys';
import { verifyBytes } from '../platform/crypto/sign';
import { type Db, inspectWorkshopFile } from '../platform/db';
import { chainHash, verifyChain } from '../platform/events';
import {
  ADOPT_EVENT,
  deviceLabel,
  type DeviceEventRow,
  headStatement,
  KIT_EVENT,
  type KitRow,
  type KitStatement,
} from './venues';

// ---- reading a venue file ------------------------------------------------------------

export interface VenueBundle {
  file: string;
  kit: KitRow;
  statement: KitStatement;
  publicKey: string;
  keyFingerprint: string;
  /** Hash of the kit event (seq base_seq + 1): the device's chain starts from it. */
  kitEventHash: string;
  events: DeviceEventRow[];
  head: string;
  length: number;
  seal: { length: number; head: string; signature: string };
}

/** A venue file refused: which file, which device, which event, what is wrong. */
export function refused(
  file: string,
  device: string,
  what: string,
  seq: number | null = null,
): MinkaError {
  const [code, reason] = what.split(':');
  return new MinkaError('CORRUPT_FILE', `venues.refused.${code ?? what}`, {
    file: basename(file),
    device,
    seq: seq ?? '-',
    reason: reason ?? '',
  });
}

export function verifyKitSignature(kit: KitRow, publicKeyB64: string): boolean {
  const key = publicKeyFromRaw(publicKeyB64);
  return key !== null && verifyBytes(Buffer.from(kit.statement, 'utf8'), kit.signature, key);
}

/** Read and verify a venue file on its own: chain, kit binding, device key and signed head. */
export function readVenueFile(file: string): VenueBundle {
  inspectWorkshopFile(file);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const kitId =
      (db.prepare("SELECT value FROM meta WHERE key = 'device_kit'").pluck().get() as
        string | undefined) ?? null;
    const kit = kitId
      ? (db.prepare("SELECT * FROM venue_kit WHERE role = 'self' AND id = ?").get(kitId) as
          KitRow | undefined)
      : undefined;
    if (!kit)
      throw new MinkaError('INVALID_INPUT', 'venues.error.notAKit', { file: basename(file) });
    const dev = db.prepare('SELECT public_key FROM device WHERE kit_id = ?').get(kit.id) as
      { public_key: string } | undefined;
    const who = dev
      ? `${kit.id.slice(0, 8)} (${keyFingerprintOf(dev.public_key)})`
      : kit.id.slice(0, 8);
    const chain = verifyChain(db);
    if (!chain.ok) throw refused(file, who, `chain:${chain.reason ?? ''}`, chain.brokenAt ?? null);
    const statement = JSON.parse(kit.statement) as KitStatement;
    if (canonicalize(statement) !== kit.statement || statement.kitId !== kit.id)
      throw refused(file, who, 'kitStatement');
    if (!verifyKitSignature(kit, kit.main_public_key)) throw refused(file, who, 'kitSignature');
    const at = (seq: number) =>
      db
        .prepare('SELECT seq, at, actor, type, payload, prev_hash, hash FROM event WHERE seq = ?')
        .get(seq) as DeviceEventRow | undefined;
    const base = at(statement.baseSeq);
    if (statement.baseSeq > 0 && base?.hash !== statement.baseHead)
      throw refused(file, who, 'kitBase', statement.baseSeq);
    const kitEvent = at(statement.baseSeq + 1);
    const kitPayload = kitEvent ? (JSON.parse(kitEvent.payload) as Record<string, unknown>) : null;
    if (
      !kitEvent ||
      kitEvent.type !== KIT_EVENT ||
      canonicalize(kitPayload?.['statement'] ?? null) !== kit.statement ||
      kitPayload?.['signature'] !== kit.signature
    )
      throw refused(file, who, 'kitEvent', statement.baseSeq + 1);
    if (!dev) throw refused(file, who, 'notAdopted');
    const events = db
      .prepare(
        'SELECT seq, at, actor, type, payload, prev_hash, hash FROM event WHERE seq > ? ORDER BY seq',
      )
      .all(statement.baseSeq + 1) as DeviceEventRow[];
    for (const e of events)
      if (e.actor !== deviceLabel(kit.id)) throw refused(file, who, 'notThisDevice', e.seq);
    const first = events[0];
    const firstPayload = first ? (JSON.parse(first.payload) as Record<string, unknown>) : null;
    if (!first || first.type !== ADOPT_EVENT || firstPayload?.['publicKey'] !== dev.public_key)
      throw refused(file, who, 'deviceKey', first?.seq ?? null);
    const seal = db
      .prepare(
        'SELECT length, head, signature FROM device_seal WHERE kit_id = ? ORDER BY length DESC LIMIT 1',
      )
      .get(kit.id) as { length: number; head: string; signature: string } | undefined;
    const key = publicKeyFromRaw(dev.public_key);
    if (
      !seal ||
      !key ||
      seal.length !== chain.length ||
      seal.head !== chain.head ||
      !verifyBytes(
        Buffer.from(headStatement(kit.id, seal.length, seal.head), 'utf8'),
        seal.signature,
        key,
      )
    )
      throw refused(file, who, 'headSignature', chain.length);
    return {
      file,
      kit,
      statement,
      publicKey: dev.public_key,
      keyFingerprint: keyFingerprintOf(dev.public_key),
      kitEventHash: kitEvent.hash,
      events,
      head: chain.head,
      length: chain.length,
      seal,
    };
  } finally {
    db.close();
  }
}

/**
 * The hash of a kit's event in the main chain, recomputed from its signed statement (the
 * statement names the head it follows, its seq and time): a sibling's chain starts from it,
 * even where this file's own copy of the main chain ends before it.
 */
export function kitEventHash(kit: Pick<KitRow, 'statement' | 'signature' | 'main_public_key'>) {
  const st = JSON.parse(kit.statement) as KitStatement;
  return chainHash(st.baseHead, {
    seq: st.baseSeq + 1,
    at: st.createdAt,
    actor: 'facilitator',
    type: KIT_EVENT,
    payload: {
      statement: st as unknown as Json,
      signature: kit.signature,
      mainPublicKey: kit.main_public_key,
    },
  });
}

/** A device's chain, as merged into the main file, still verifies on its own from its kit event. */
export function verifyDeviceChains(db: Db): {
  kitId: string;
  venue: string;
  ok: boolean;
  length: number;
  head: string;
  brokenAt?: number;
}[] {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'device_event'")
    .get();
  if (!hasTable) return [];
  const kits = db
    .prepare(
      "SELECT k.*, v.name AS venue FROM venue_kit k JOIN venue v ON v.id = k.venue_id WHERE k.role = 'issued' AND EXISTS (SELECT 1 FROM device WHERE kit_id = k.id) ORDER BY k.id",
    )
    .all() as (KitRow & { venue: string })[];
  return kits.map((k) => {
    // From the kit's signed statement: on a venue laptop, a sibling's kit event may lie past
    // the end of this file's copy of the main chain (item 5).
    let prev = kitEventHash(k);
    let expected = k.base_seq + 2;
    const rows = db
      .prepare(
        'SELECT seq, at, actor, type, payload, prev_hash, hash FROM device_event WHERE kit_id = ? ORDER BY seq',
      )
      .all(k.id) as DeviceEventRow[];
    for (const r of rows) {
      const body = `{"actor":${canonicalize(r.actor)},"at":${canonicalize(r.at)},"payload":${r.payload},"seq":${r.seq},"type":${canonicalize(r.type)}}`;
      const h = createHash('sha256').update(prev, 'utf8').update(body, 'utf8').digest('hex');
      let payloadOk = true;
      try {
        payloadOk = canonicalize(JSON.parse(r.payload) as Json) === r.payload;
      } catch {
        payloadOk = false;
      }
      if (r.seq !== expected || r.prev_hash !== prev || h !== r.hash || !payloadOk)
        return {
          kitId: k.id,
          venue: k.venue,
          ok: false,
          length: rows.length,
          head: prev,
          brokenAt: r.seq,
        };
      prev = h;
      expected++;
    }
    return { kitId: k.id, venue: k.venue, ok: true, length: rows.length, head: prev };
  });
}
