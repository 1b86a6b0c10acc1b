// Bringing venue devices back (issue 20). Each venue file is verified (venues.ts), then its
// events are merged by identity (the event hash): kept verbatim in device_event, so the
// device's chain stays checkable on its own, and applied to this workshop's tables through
// the same store functions the door, the intake and the voting desk use, with the device's
// own times and ids. Nothing is last-writer-wins: where two devices touched the same thing
// the merge lists a conflict for a person to settle (an event), and sealing waits for it.
//
// Order does not matter: which event applies is decided from the set of events, not from the
// order files arrive (a round is applied only from the first kit that carries it; of two
// devices' versions of a proposal the table shows the one with the lowest event hash until a
// person settles it). Two cases depend on the order, and both are listed as conflicts: a
// walk-in registered under one DNI at two venues (the later-merged one is pointed at the
// first, device_alias), and one person checked in at the same venue and day on two laptops
// (the later-merged check-in is held: one open check-in per person, venue and day).
import { createHash } from 'node:crypto';
import { canonicalize, type Json } from '../../shared/canonical';
import type { WorkshopExport } from '../../shared/schemas/export';
import { MinkaError } from '../platform/errors';
import { keyFingerprintOf } from '../platform/crypto/keys';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { cached } from '../platform/statements';
import type { Env } from '../workshop/workshop';
import { type DeviceEventRow, isVenueKit, type KitRow, MERGE_EVENT } from './venues';
import { readVenueFile, refused, type VenueBundle, verifyKitSignature } from './venues-read';
import { applyEvents, type Applied } from './venues-apply';
import { listConflicts, MERGE_TABLE, recordConflicts } from './venues-conflicts';
import {
  checkSlip,
  type DeviceProof,
  deviceProof,
  type MergeProof,
  proofPayload,
} from './venues-slip';

export {
  listConflicts,
  openConflictCount,
  settleConflict,
  type Conflict,
} from './venues-conflicts';

// ---- merge -----------------------------------------------------------------------------

export interface MergeReport {
  file: string;
  kitId: string;
  venue: string;
  keyFingerprint: string;
  head: string;
  length: number;
  added: number;
  applied: number;
  held: Applied['held'];
  conflicts: string[];
  /** How the head was vouched for: the venue's slip, or merged without one (and why). */
  proof: DeviceProof;
}

/** Check a verified bundle against this workshop: its kit, binding to our log, its key, its past. */
function checkAgainstMain(db: Db, b: VenueBundle): void {
  const who = `${b.kit.id.slice(0, 8)} (${b.keyFingerprint})`;
  const issued = cached(db, "SELECT * FROM venue_kit WHERE id = ? AND role = 'issued'").get(
    b.kit.id,
  ) as KitRow | undefined;
  if (!issued) throw refused(b.file, who, 'notOurKit');
  if (issued.statement !== b.kit.statement || issued.signature !== b.kit.signature)
    throw refused(b.file, who, 'kitDiffers');
  if (!verifyKitSignature(b.kit, issued.main_public_key))
    throw refused(b.file, who, 'kitSignature');
  const ours = cached(db, 'SELECT hash FROM event WHERE seq = ?')
    .pluck()
    .get(b.statement.baseSeq + 1) as string | undefined;
  if (ours !== b.kitEventHash) throw refused(b.file, who, 'kitBinding', b.statement.baseSeq + 1);
  const dev = cached(db, 'SELECT public_key FROM device WHERE kit_id = ?').pluck().get(b.kit.id) as
    string | undefined;
  if (dev !== undefined && dev !== b.publicKey) throw refused(b.file, who, 'deviceKeyChanged');
  const known = cached(db, 'SELECT seq, hash FROM device_event WHERE kit_id = ? ORDER BY seq').all(
    b.kit.id,
  ) as { seq: number; hash: string }[];
  const bySeq = new Map(b.events.map((e) => [e.seq, e.hash]));
  for (const k of known)
    if (bySeq.get(k.seq) !== k.hash) throw refused(b.file, who, 'diverges', k.seq);
}

/**
 * Merge one venue file (verified first; refused whole if anything is wrong). `proof` is the
 * head read from the venue's slip, or the reason for merging without it (venues-slip.ts);
 * the front doors ask for one of the two, and a merge without any records an empty reason.
 */
export function mergeVenue(
  db: Db,
  env: Env,
  file: string,
  proof: MergeProof = { withoutSlip: '-' },
): MergeReport {
  if (isVenueKit(db)) throw new MinkaError('CONFLICT', 'venues.error.mergeIntoKit');
  const b = readVenueFile(file);
  checkAgainstMain(db, b);
  const vouched = checkSlip(b, proof);
  return db
    .transaction(() => {
      const have = cached(db, 'SELECT coalesce(max(seq), 0) FROM device_event WHERE kit_id = ?')
        .pluck()
        .get(b.kit.id) as number;
      const fresh = b.events.filter((e) => e.seq > have);
      cached(
        db,
        'INSERT OR IGNORE INTO device (kit_id, public_key, adopted_at) VALUES (?, ?, ?)',
      ).run(b.kit.id, b.publicKey, b.events[0]?.at ?? '');
      cached(
        db,
        'INSERT OR IGNORE INTO device_seal (kit_id, length, head, signature) VALUES (?, ?, ?, ?)',
      ).run(b.kit.id, b.seal.length, b.seal.head, b.seal.signature);
      const ins = cached(
        db,
        'INSERT INTO device_event (kit_id, seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const e of fresh)
        ins.run(b.kit.id, e.seq, e.at, e.actor, e.type, e.payload, e.prev_hash, e.hash);
      const report: MergeReport = {
        file: b.file,
        kitId: b.kit.id,
        venue: b.statement.venueName,
        keyFingerprint: b.keyFingerprint,
        head: b.head,
        length: b.length,
        added: fresh.length,
        applied: 0,
        held: [],
        conflicts: [],
        proof: vouched,
      };
      // Nothing new: recorded only when a slip now vouches for a head merged without one.
      const before = deviceProof(db, b.kit.id, b.head);
      if (fresh.length === 0 && (vouched.kind === 'none' || before?.kind === 'slip')) return report;
      const applied = applyEvents(db, b.kit.id, fresh);
      report.applied = applied.applied;
      report.held = applied.held;
      report.conflicts = recordConflicts(db);
      const heads = cached(
        db,
        'SELECT d.kit_id AS kitId, (SELECT hash FROM device_event e WHERE e.kit_id = d.kit_id ORDER BY seq DESC LIMIT 1) AS head, (SELECT COUNT(*) FROM device_event e WHERE e.kit_id = d.kit_id) AS events FROM device d ORDER BY d.kit_id',
      ).all() as { kitId: string; head: string | null; events: number }[];
      appendEvent(db, env.now(), {
        type: MERGE_EVENT,
        payload: {
          kitId: b.kit.id,
          venueId: b.statement.venueId,
          keyFingerprint: keyFingerprintOf(b.publicKey),
          head: b.head,
          length: b.length,
          added: fresh.length,
          held: applied.held.map((h) => h.seq),
          conflicts: report.conflicts,
          proof: proofPayload(vouched),
          devices: heads.map((h) => ({ kitId: h.kitId, head: h.head ?? '', events: h.events })),
        },
      });
      return report;
    })
    .immediate();
}

export interface DeviceSummary {
  kitId: string;
  venue: string;
  keyFingerprint: string;
  head: string;
  events: number;
  adoptedAt: string;
  /** How the current head was vouched for when merged (null: merged before slips existed). */
  proof: DeviceProof | null;
}

/** Every device that contributed: its venue, key fingerprint, chain head and number of events. */
export function listDevices(db: Db): DeviceSummary[] {
  const t = cached(
    db,
    "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'device'",
  ).get();
  if (!t) return [];
  const rows = cached(
    db,
    `SELECT d.kit_id, d.public_key, d.adopted_at, v.name AS venue,
         (SELECT hash FROM device_event e WHERE e.kit_id = d.kit_id ORDER BY seq DESC LIMIT 1) AS head,
         (SELECT COUNT(*) FROM device_event e WHERE e.kit_id = d.kit_id) AS events
       FROM device d JOIN venue_kit k ON k.id = d.kit_id JOIN venue v ON v.id = k.venue_id
       WHERE k.role = 'issued' ORDER BY v.name, d.kit_id`,
  ).all() as {
    kit_id: string;
    public_key: string;
    adopted_at: string;
    venue: string;
    head: string | null;
    events: number;
  }[];
  return rows.map((r) => ({
    kitId: r.kit_id,
    venue: r.venue,
    keyFingerprint: keyFingerprintOf(r.public_key),
    head: r.head ?? '',
    events: r.events,
    adoptedAt: r.adopted_at,
    proof: r.head ? deviceProof(db, r.kit_id, r.head) : null,
  }));
}

/**
 * The workshop's state as rows, for comparing two merges: every table but the logs (the
 * main chain, which says in what order things were merged, and its index applied_event).
 */
export function stateDigest(db: Db): string {
  const skip = new Set(['event', 'applied_event', 'sqlite_sequence']);
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  const h = createHash('sha256');
  for (const t of tables) {
    if (skip.has(t)) continue;
    const rows = db.prepare(`SELECT * FROM "${t.replace(/"/g, '')}"`).all() as Record<
      string,
      unknown
    >[];
    const lines = rows.map((r) => canonicalize(r as Json)).sort();
    h.update(`${t}\n${lines.join('\n')}\n`);
  }
  return h.digest('hex');
}

/** The devices and conflicts for the export document (issue 20). */
export function exportVenues(db: Db): Pick<WorkshopExport, 'devices' | 'conflicts' | 'kits'> {
  if (!cached(db, MERGE_TABLE).get()) return { devices: [], conflicts: [], kits: [] };
  const kits = (
    cached(
      db,
      "SELECT * FROM venue_kit WHERE role = 'issued' ORDER BY created_at, id",
    ).all() as KitRow[]
  ).map((k) => ({
    id: k.id,
    role: k.role,
    venueId: k.venue_id,
    baseSeq: k.base_seq,
    baseHead: k.base_head,
    statement: JSON.parse(k.statement) as unknown,
    mainPublicKey: k.main_public_key,
    signature: k.signature,
    createdAt: k.created_at,
  }));
  const devices = listDevices(db).map((d) => {
    const publicKey = cached(db, 'SELECT public_key FROM device WHERE kit_id = ?')
      .pluck()
      .get(d.kitId) as string;
    const rows = db
      .prepare(
        'SELECT seq, at, actor, type, payload, prev_hash, hash FROM device_event WHERE kit_id = ? ORDER BY seq',
      )
      .all(d.kitId) as DeviceEventRow[];
    return {
      kitId: d.kitId,
      venue: d.venue,
      keyFingerprint: d.keyFingerprint,
      publicKey,
      adoptedAt: d.adoptedAt,
      head: d.head,
      events: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        type: r.type,
        payload: JSON.parse(r.payload) as unknown,
        prevHash: r.prev_hash,
        hash: r.hash,
      })),
    };
  });
  return { devices, conflicts: listConflicts(db), kits };
}
