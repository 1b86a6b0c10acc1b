// A venue file against the workshop that takes it (issue 20): its kit is ours (on the main
// workshop) or a sibling's of the same venue (on a venue laptop, item 5), and each device chain
// it brings agrees with what is already held of that device: same key, no fork.
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import type { DeviceEventRow, KitRow, KitStatement } from './venues';
import { kitEventHash, refused, verifyKitSignature } from './venues-read';
import { type CarriedCopy, who } from './venues-siblings';

/** The kit of `file`'s device against this workshop: ours (main), or a sibling's (a kit). */
export function checkKit(
  db: Db,
  self: KitRow | null,
  file: string,
  label: string,
  kit: KitRow,
  eventHash: string,
): void {
  const issued = cached(db, "SELECT * FROM venue_kit WHERE id = ? AND role = 'issued'").get(
    kit.id,
  ) as KitRow | undefined;
  if (self) {
    // On a venue's laptop: a kit of this same venue, prepared by the same main workshop.
    const st = JSON.parse(kit.statement) as KitStatement;
    const mine = JSON.parse(self.statement) as KitStatement;
    if (kit.id === self.id) throw refused(file, label, 'ownFile');
    if (st.workshopId !== mine.workshopId || kit.main_public_key !== self.main_public_key)
      throw refused(file, label, 'notOurKit');
    if (st.venueId !== mine.venueId) throw refused(file, label, 'otherVenue');
    if (!verifyKitSignature(kit, self.main_public_key)) throw refused(file, label, 'kitSignature');
    if (eventHash !== kitEventHash(kit)) throw refused(file, label, 'kitEvent', st.baseSeq + 1);
    if (issued && (issued.statement !== kit.statement || issued.signature !== kit.signature))
      throw refused(file, label, 'kitDiffers');
    return;
  }
  if (!issued) throw refused(file, label, 'notOurKit');
  if (issued.statement !== kit.statement || issued.signature !== kit.signature)
    throw refused(file, label, 'kitDiffers');
  if (!verifyKitSignature(kit, issued.main_public_key)) throw refused(file, label, 'kitSignature');
  const base = (JSON.parse(kit.statement) as KitStatement).baseSeq;
  const ours = cached(db, 'SELECT hash FROM event WHERE seq = ?')
    .pluck()
    .get(base + 1) as string | undefined;
  if (ours !== eventHash) throw refused(file, label, 'kitBinding', base + 1);
}

/**
 * A device's chain as a file brings it, against what this workshop holds of that device: the
 * same key, and every event held here the same (a copy is a prefix of the device's chain, or
 * the chain a prefix of the copy). Two chains of one device that differ at one event fork:
 * someone changed one of them, and the file is refused naming the device and the event.
 */
export function checkKnown(
  db: Db,
  file: string,
  label: string,
  kitId: string,
  publicKey: string,
  events: DeviceEventRow[],
  what: 'diverges' | 'fork',
): void {
  const dev = cached(db, 'SELECT public_key FROM device WHERE kit_id = ?').pluck().get(kitId) as
    string | undefined;
  if (dev !== undefined && dev !== publicKey) throw refused(file, label, 'deviceKeyChanged');
  const known = cached(db, 'SELECT seq, hash FROM device_event WHERE kit_id = ? ORDER BY seq').all(
    kitId,
  ) as { seq: number; hash: string }[];
  const bySeq = new Map(events.map((e) => [e.seq, e.hash]));
  for (const k of known) {
    const h = bySeq.get(k.seq);
    if (h !== undefined && h !== k.hash) throw refused(file, label, what, k.seq);
  }
  // Either may be the longer: a file or a copy older than what is held is a prefix of it.
}

/** This laptop's own events, as a sibling's file carries a copy of them: a prefix of ours. */
export function checkOwnCopy(db: Db, file: string, c: CarriedCopy): void {
  const at = cached(db, 'SELECT hash FROM event WHERE seq = ?').pluck();
  for (const e of c.events)
    if (at.get(e.seq) !== e.hash) throw refused(file, who(c.kit.id, c.publicKey), 'fork', e.seq);
}
