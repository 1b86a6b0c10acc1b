// After sealing, three codes were on show: the event chain's head on the header and the
// projector, the chain head printed on the Acta (taken before the seal event), and the Acta's
// own fingerprint — the one read aloud. Screens show this one first (field test "fac", item 9).
import { fingerprint } from '../../shared/fingerprint';
import type { Db } from '../platform/db';
import { hasMinutes } from './minutes';

/** The sealed Acta's fingerprint (of its signed payload), or null before sealing. */
export function actaFingerprint(db: Db): string | null {
  if (!hasMinutes(db)) return null;
  const sha = db.prepare('SELECT payload_sha256 FROM minutes WHERE id = 1').pluck().get() as
    string | undefined;
  return sha ? fingerprint(sha) : null;
}
