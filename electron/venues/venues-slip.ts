// The venue's closing slip (issue 20). The venue laptop holds its own key, so whoever holds
// that laptop can edit its events and sign the edited chain again: the device's signature
// only proves the file left that laptop. What it cannot change is a head the room saw: when
// the venue's work is done, its screen shows the chain head and a one-page slip prints it,
// signed by those present and carried apart from the file. The merge compares the file's
// head with the head read from the slip (the whole 16-digit fingerprint: with fewer digits a
// forger could try edits until one matched) and refuses a difference, naming both heads.
// Merging without the slip is an explicit choice with a reason, recorded in the merge event
// and printed on the Acta's device page.
import { fingerprint, typedHex } from '../../shared/fingerprint';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { MERGE_EVENT } from './venues';
import type { VenueBundle } from './venues-read';

/** What the person merging says about the venue's slip. */
export type MergeProof = { slipHead: string } | { withoutSlip: string };

/**
 * How a device's current head was vouched for, as the merge event recorded it: its slip, its
 * own file merged without one (and why), or only a copy another laptop of its venue carried
 * (`by`: that laptop's kit): the Acta waits for the device's own file or its slip.
 */
export type DeviceProof =
  { kind: 'slip'; head: string } | { kind: 'none'; note: string } | { kind: 'carried'; by: string };

/** Hex digits of a full fingerprint (four groups of four). */
export const SLIP_DIGITS = 16;

function slipError(key: string, b: VenueBundle, params: Record<string, string | number>) {
  return new MinkaError('CORRUPT_FILE', `venues.slip.${key}`, {
    file: b.file.split(/[\\/]/).pop() ?? b.file,
    venue: b.statement.venueName,
    head: fingerprint(b.head),
    events: b.events.length,
    ...params,
  });
}

/**
 * Check the slip's head against the file. Throws (the file is refused whole) when the head
 * is too short to prove anything, differs, or is an earlier point of this chain (events were
 * recorded after the slip: print a new one at the venue).
 */
export function checkSlip(b: VenueBundle, proof: MergeProof): DeviceProof {
  if ('withoutSlip' in proof) {
    const note = proof.withoutSlip.trim();
    if (!note) throw new MinkaError('INVALID_INPUT', 'venues.slip.reasonNeeded');
    return { kind: 'none', note };
  }
  const typed = typedHex(proof.slipHead);
  if (typed.length < SLIP_DIGITS)
    throw new MinkaError('INVALID_INPUT', 'venues.slip.tooShort', { digits: SLIP_DIGITS });
  // The slip prints the short fingerprint (the hash's first 16 digits); the full hash works too.
  const matches = (hash: string) => hash.toUpperCase().startsWith(typed);
  const slip = fingerprint(typed.toLowerCase());
  if (matches(b.head)) return { kind: 'slip', head: b.head };
  const earlier = b.events.find((e) => matches(e.hash));
  if (earlier)
    throw slipError('behind', b, { slip, slipEvents: earlier.seq - b.statement.baseSeq - 1 });
  throw slipError('differs', b, { slip });
}

/** The proof the merges recorded for this device's head (null: none yet); a slip stands first. */
export function deviceProof(db: Db, kitId: string, head: string): DeviceProof | null {
  const row = cached(
    db,
    "SELECT payload FROM event WHERE type = ? AND json_extract(payload, '$.kitId') = ? AND json_extract(payload, '$.head') = ? ORDER BY seq DESC LIMIT 1",
  )
    .pluck()
    .get(MERGE_EVENT, kitId, head) as string | undefined;
  // Copies of it carried in a sibling's file (item 5), with the slip if one was given for it.
  const copies = (
    cached(
      db,
      "SELECT c.value FROM event e, json_each(e.payload, '$.carried') c WHERE e.type = ? AND json_extract(c.value, '$.kitId') = ? AND json_extract(c.value, '$.head') = ? ORDER BY e.seq",
    )
      .pluck()
      .all(MERGE_EVENT, kitId, head) as string[]
  ).map((v) => JSON.parse(v) as { by: string; proof?: { slip?: string; none?: string } });
  const slip = copies.find((c) => c.proof?.slip)?.proof?.slip;
  const own = row
    ? (JSON.parse(row) as { proof?: { slip?: string; none?: string } }).proof
    : undefined;
  if (own?.slip) return { kind: 'slip', head: own.slip };
  if (slip) return { kind: 'slip', head: slip };
  // Merges recorded before slips existed carry no proof: they were merged without one.
  if (row) return { kind: 'none', note: own?.none ?? '' };
  const none = copies.find((c) => c.proof?.none !== undefined)?.proof?.none;
  if (none !== undefined) return { kind: 'none', note: none };
  const by = copies[0]?.by;
  return by ? { kind: 'carried', by } : null;
}

/** The merge event's record of the proof. */
export function proofPayload(
  p: DeviceProof,
): { slip: string } | { none: string } | { carried: string } {
  return p.kind === 'slip'
    ? { slip: p.head }
    : p.kind === 'none'
      ? { none: p.note }
      : { carried: p.by };
}
