// Writing the seal (moved out of minutes.ts, stop 32): the signed minutes row, the seal's
// event and the workshop marked sealed, in one transaction.
import { fingerprint } from '../../shared/fingerprint';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { getSealed, type SealedRow } from './minutes';

/**
 * Seal: store the signed minutes and close the workshop, in one transaction. `expectedHead`
 * is the chain head the payload was built from: if anything was recorded since, refuse.
 * `confirmed`: the seal warnings that applied and were confirmed, kept in the seal's event as
 * the signed payload keeps them (`sealWarningsConfirmed`); left out, the event has none, as
 * builds before stop 32 wrote it.
 */
export function writeSeal(
  db: Db,
  row: SealedRow,
  expectedHead: string,
  confirmed?: readonly string[],
): void {
  db.transaction(() => {
    if (getSealed(db)) throw new MinkaError('SEALED', 'error.sealed');
    const head =
      (db.prepare('SELECT hash FROM event ORDER BY seq DESC LIMIT 1').pluck().get() as
        string | undefined) ?? '';
    if (head !== expectedHead)
      throw new MinkaError('CONFLICT', 'minutes.error.changedWhileSealing');
    db.prepare(
      `INSERT INTO minutes (id, sealed_at, payload, payload_sha256, signature, public_key, key_fingerprint, render, pdf, pdf_sha256, file_name)
       VALUES (1, @sealedAt, @payload, @payloadSha256, @signature, @publicKey, @keyFingerprint, @render, @pdf, @pdfSha256, @fileName)`,
    ).run(row);
    appendEvent(db, new Date(row.sealedAt), {
      type: 'minutes.sealed',
      payload: {
        payloadSha256: row.payloadSha256,
        fingerprint: fingerprint(row.payloadSha256),
        keyFingerprint: row.keyFingerprint,
        publicKey: row.publicKey,
        pdfSha256: row.pdfSha256,
        ...(confirmed ? { confirmed: [...confirmed] } : {}),
      },
    });
    // After the seal event: from here on the chain takes nothing but addenda.
    db.prepare('UPDATE workshop SET sealed_at = ? WHERE id = 1').run(row.sealedAt);
  }).immediate();
}
