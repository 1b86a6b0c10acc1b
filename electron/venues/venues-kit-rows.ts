// The kits issued and the laptops merged, held against the main chain (adv32 F9, F10). The
// `venue_kit` and `device` tables say which laptops left with a venue's record and which came
// back: the Acta's list of venue devices (with how each head was vouched for) and its kits never
// returned are read from them, and `checkVenues` verifies each device it lists. Until stop 32
// nothing compared those rows with the main chain, so deleting a kit's row (one never merged)
// removed its "kit not returned" from the seal and the Acta, and deleting a merged laptop's two
// rows removed it from the Acta's device list, its "merged without its slip" note with it, while
// the venue's check-ins it brought stayed counted. Each kit has its signed `venues.kitPrepared`
// event, each merge its `venues.merged` event naming the laptop, its key and the other laptops'
// heads it carried: every such kit must have its row, unchanged, and no issued row may lack its
// event; every laptop merged (or carried) must have its device row with the key the merge named;
// and device events held for a laptop with no device row are named too.
import type { Db } from '../platform/db';
import { keyFingerprintOf } from '../platform/crypto/keys';

export interface KitRowMismatch {
  kitId: string;
  what: 'kitMissing' | 'kitChanged' | 'kitUnlogged' | 'deviceMissing' | 'deviceKey';
}

interface KitRow {
  id: string;
  role: string;
  venue_id: string;
  base_seq: number;
  base_head: string;
  signature: string;
}

const payloads = (db: Db, type: string): Record<string, unknown>[] =>
  (
    db
      .prepare('SELECT payload FROM event WHERE type = ? ORDER BY seq')
      .pluck()
      .all(type) as string[]
  )
    .map((p) => {
      try {
        return JSON.parse(p) as Record<string, unknown>;
      } catch {
        return null; // the chain and the replay name a payload that is not JSON
      }
    })
    .filter((p): p is Record<string, unknown> => p !== null && typeof p === 'object');

const text = (x: unknown): string => (typeof x === 'string' ? x : '');

export function kitRowMismatches(db: Db): KitRowMismatch[] {
  const out: KitRowMismatch[] = [];
  const rows = new Map(
    (
      db
        .prepare('SELECT id, role, venue_id, base_seq, base_head, signature FROM venue_kit')
        .all() as KitRow[]
    ).map((r) => [r.id, r]),
  );
  // A venue's copy (a kit file) holds its own kit as 'self' and issues none: main's rows only.
  const issued = new Set<string>();
  for (const p of payloads(db, 'venues.kitPrepared')) {
    const st = (p['statement'] ?? {}) as Record<string, unknown>;
    const kitId = text(st['kitId']);
    issued.add(kitId);
    const row = rows.get(kitId);
    if (!row) out.push({ kitId, what: 'kitMissing' });
    else if (
      row.venue_id !== text(st['venueId']) ||
      row.base_seq !== st['baseSeq'] ||
      row.base_head !== text(st['baseHead']) ||
      row.signature !== text(p['signature'])
    )
      out.push({ kitId, what: 'kitChanged' });
  }
  for (const r of rows.values())
    if (r.role === 'issued' && !issued.has(r.id)) out.push({ kitId: r.id, what: 'kitUnlogged' });
  // Every laptop a merge named (merged itself, or carried by another laptop of its venue).
  const keys = new Map(
    (
      db.prepare('SELECT kit_id, public_key FROM device').all() as {
        kit_id: string;
        public_key: string;
      }[]
    ).map((d) => [d.kit_id, d.public_key]),
  );
  const named = new Map<string, string | null>();
  for (const p of payloads(db, 'venues.merged')) {
    named.set(text(p['kitId']), text(p['keyFingerprint']));
    for (const d of Array.isArray(p['devices']) ? p['devices'] : [])
      if (d && typeof d === 'object') {
        const k = text((d as Record<string, unknown>)['kitId']);
        if (!named.has(k)) named.set(k, null);
      }
  }
  for (const k of db.prepare('SELECT DISTINCT kit_id FROM device_event').pluck().all() as string[])
    if (!named.has(k)) named.set(k, null);
  for (const [kitId, fp] of named) {
    const key = keys.get(kitId);
    if (key === undefined) out.push({ kitId, what: 'deviceMissing' });
    else if (fp && keyFingerprintOf(key) !== fp) out.push({ kitId, what: 'deviceKey' });
  }
  return out.sort((a, b) => (a.kitId < b.kitId ? -1 : a.kitId > b.kitId ? 1 : 0));
}
