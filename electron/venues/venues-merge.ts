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
import { keyFingerprintOf } from '../platform/crypto/keys';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { cached } from '../platform/statements';
import type { Env } from '../workshop/workshop';
import { type DeviceEventRow, type KitRow, MERGE_EVENT, selfKit } from './venues';
import { kitEventHash, readVenueFile, refused } from './venues-read';
import type { Applied } from './venues-apply';
import { type CopyLink, linksIn, readCarried, who } from './venues-siblings';
import { applyCausally } from './venues-walk';
import { checkKit, checkKnown, checkOwnCopy } from './venues-against';
import { listConflicts, MERGE_TABLE, recordConflicts } from './venues-conflicts';
import { joinForMerge } from './venues-ballot-join';
import {
  checkSlip,
  type DeviceProof,
  deviceProof,
  type MergeProof,
  proofPayload,
} from './venues-slip';

export { listConflicts, openConflictCount, type Conflict } from './venues-conflicts';
export { settleConflict } from './venues-settle';

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
  /**
   * Of `added`, the carrier's applied copies of this laptop's own events (a door's check-ins
   * coming back in the desk's file): not new here, and not applied again.
   */
  returned: number;
  conflicts: string[];
  /** How the head was vouched for: the venue's slip, or merged without one (and why). */
  proof: DeviceProof;
  /** Copies of sibling laptops' chains the file carried (item 5), and what each added. */
  carried: { kitId: string; keyFingerprint: string; head: string; length: number; added: number }[];
}

/**
 * Merge one venue file (verified first; refused whole if anything is wrong). `proof` is the
 * head read from the venue's slip, or the reason for merging without it (venues-slip.ts);
 * the front doors ask for one of the two, and a merge without any records an empty reason.
 *
 * The target is the main workshop, or (item 5) another laptop of the same venue: the door and
 * the voting desk swap files at a break and each incorporates the other's events. A file may
 * carry copies of siblings' chains (venues-siblings.ts): each is verified with its own device's
 * key and stored and applied like the device's own file would be, in causal order with the
 * carrier's events (venues-walk.ts). On the main workshop a device known only from such a copy
 * is vouched for by the carrier alone ('carried'): the Acta waits for its own file, or for its
 * slip (`carried`: the head read from the slip of each copy, by kit id).
 */
export function mergeVenue(
  db: Db,
  env: Env,
  file: string,
  proof: MergeProof = { withoutSlip: '-' },
  carriedProofs: Map<string, MergeProof> = new Map(),
): MergeReport {
  const self = selfKit(db);
  const b = readVenueFile(file);
  const label = who(b.kit.id, b.publicKey);
  checkKit(db, self, file, label, b.kit, b.kitEventHash);
  checkKnown(db, file, label, b.kit.id, b.publicKey, b.events, 'diverges');
  const copies = readCarried(file, b.kit.id);
  for (const c of copies) {
    const l = who(c.kit.id, c.publicKey);
    if (self && c.kit.id === self.id) {
      checkOwnCopy(db, file, c);
      continue;
    }
    checkKit(db, self, file, l, c.kit, kitEventHash(c.kit));
    checkKnown(db, file, l, c.kit.id, c.publicKey, c.events, 'fork');
  }
  const vouched = checkSlip(b, proof);
  const copyProofs = new Map<string, DeviceProof>();
  for (const c of copies) {
    const p = carriedProofs.get(c.kit.id);
    if (p) copyProofs.set(c.kit.id, checkSlip({ ...b, ...c, file: b.file }, p));
  }
  return db
    .transaction(() => {
      const before = cached(db, 'SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number;
      const sources = [
        { kit: b.kit, publicKey: b.publicKey, seal: b.seal, events: b.events },
        ...copies.filter((c) => c.kit.id !== self?.id),
      ];
      const fresh = new Map<string, DeviceEventRow[]>();
      for (const src of sources) {
        const have = cached(db, 'SELECT coalesce(max(seq), 0) FROM device_event WHERE kit_id = ?')
          .pluck()
          .get(src.kit.id) as number;
        const add = src.events.filter((e) => e.seq > have);
        if (self)
          cached(
            db,
            `INSERT OR IGNORE INTO venue_kit (id, role, venue_id, base_seq, base_head, statement, main_public_key, signature, created_at)
             VALUES (?, 'issued', ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            src.kit.id,
            src.kit.venue_id,
            src.kit.base_seq,
            src.kit.base_head,
            src.kit.statement,
            src.kit.main_public_key,
            src.kit.signature,
            src.kit.created_at,
          );
        cached(
          db,
          'INSERT OR IGNORE INTO device (kit_id, public_key, adopted_at) VALUES (?, ?, ?)',
        ).run(src.kit.id, src.publicKey, src.events[0]?.at ?? '');
        cached(
          db,
          'INSERT OR IGNORE INTO device_seal (kit_id, length, head, signature) VALUES (?, ?, ?, ?)',
        ).run(src.kit.id, src.seal.length, src.seal.head, src.seal.signature);
        const ins = cached(
          db,
          'INSERT INTO device_event (kit_id, seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const e of add)
          ins.run(src.kit.id, e.seq, e.at, e.actor, e.type, e.payload, e.prev_hash, e.hash);
        if (add.length) fresh.set(src.kit.id, add);
      }
      const ownFresh = fresh.get(b.kit.id) ?? [];
      const ownSeqs = new Set(ownFresh.map((e) => e.seq));
      const returned = self
        ? [...linksIn(ownFresh)].filter(([seq, l]) => l.kitId === self.id && ownSeqs.has(seq))
            .length
        : 0;
      const report: MergeReport = {
        file: b.file,
        kitId: b.kit.id,
        venue: b.statement.venueName,
        keyFingerprint: b.keyFingerprint,
        head: b.head,
        length: b.length,
        added: ownFresh.length,
        applied: 0,
        held: [],
        returned,
        conflicts: [],
        proof: vouched,
        carried: copies
          .filter((c) => c.kit.id !== self?.id)
          .map((c) => ({
            kitId: c.kit.id,
            keyFingerprint: c.keyFingerprint,
            head: c.head,
            length: c.length,
            added: fresh.get(c.kit.id)?.length ?? 0,
          })),
      };
      // Nothing new: recorded only when a slip now vouches for a head merged without one.
      const newSlip = (kitId: string, head: string, p: DeviceProof | undefined) =>
        p?.kind === 'slip' && deviceProof(db, kitId, head)?.kind !== 'slip';
      // (Or when a device's own file now vouches for a head only a sibling's copy brought.)
      const ownBefore = deviceProof(db, b.kit.id, b.head);
      if (
        fresh.size === 0 &&
        ownBefore?.kind !== 'carried' &&
        !newSlip(b.kit.id, b.head, vouched) &&
        !copies.some((c) => newSlip(c.kit.id, c.head, copyProofs.get(c.kit.id)))
      )
        return report;
      // The applied copies each chain lists: skipped, their sibling's own event applied instead.
      const links = new Map<string, CopyLink>();
      for (const [kit, events] of fresh)
        for (const [seq, l] of linksIn(events)) links.set(`${kit}|${seq}`, l);
      for (const [key, l] of links) {
        const have =
          l.kitId === self?.id
            ? (cached(db, 'SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number)
            : (cached(db, 'SELECT coalesce(max(seq), 0) FROM device_event WHERE kit_id = ?')
                .pluck()
                .get(l.kitId) as number);
        if (l.seq > have) {
          const [kit] = key.split('|');
          throw refused(file, kit === b.kit.id ? label : (kit ?? ''), 'copyMissing', l.seq);
        }
      }
      const applied = applyCausally(db, fresh, links, self?.id ?? null);
      const mine = applied.get(b.kit.id);
      report.applied = [...applied.values()].reduce((n, a) => n + a.applied, 0);
      // A ballot round's laptops are joined, not ruled between (venues-ballot-join.ts).
      const { joined, held, added } = self
        ? { joined: [], held: mine?.held ?? [], added: 0 }
        : joinForMerge(db, b.kit.id, mine?.held ?? []);
      report.held = held;
      report.applied += added;
      report.conflicts = recordConflicts(db);
      const heads = cached(
        db,
        'SELECT d.kit_id AS kitId, (SELECT hash FROM device_event e WHERE e.kit_id = d.kit_id ORDER BY seq DESC LIMIT 1) AS head, (SELECT COUNT(*) FROM device_event e WHERE e.kit_id = d.kit_id) AS events FROM device d WHERE d.kit_id IN (SELECT kit_id FROM device_event) ORDER BY d.kit_id',
      ).all() as { kitId: string; head: string | null; events: number }[];
      // On a venue's laptop, which of its events applied a sibling's (the main merge skips them).
      const appliedHere = self
        ? (cached(
            db,
            'SELECT main_seq, kit_id, device_seq FROM applied_event WHERE main_seq > ? ORDER BY main_seq',
          )
            .raw()
            .all(before) as [number, string, number][])
        : null;
      appendEvent(db, env.now(), {
        type: MERGE_EVENT,
        payload: {
          kitId: b.kit.id,
          venueId: b.statement.venueId,
          keyFingerprint: keyFingerprintOf(b.publicKey),
          head: b.head,
          length: b.length,
          added: ownFresh.length,
          held: (mine?.held ?? []).map((h) => h.seq),
          conflicts: report.conflicts,
          proof: proofPayload(vouched),
          devices: heads.map((h) => ({ kitId: h.kitId, head: h.head ?? '', events: h.events })),
          ...(report.carried.length
            ? {
                carried: copies
                  .filter((c) => c.kit.id !== self?.id)
                  .map((c) => {
                    const p = copyProofs.get(c.kit.id);
                    return {
                      kitId: c.kit.id,
                      head: c.head,
                      length: c.length,
                      by: b.kit.id,
                      ...(p ? { proof: proofPayload(p) } : {}),
                    };
                  }),
              }
            : {}),
          ...(appliedHere ? { applied: appliedHere } : {}),
          ...(joined.length ? { joined } : {}),
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
