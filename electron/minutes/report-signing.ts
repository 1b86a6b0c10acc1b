// Printed reports (the plan comparison, the follow-up register) are signed like the minutes
// when this computer has the facilitator's key and it can be opened with what was given; a
// report never creates a key. Unsigned, the report says so itself.
import { keyInfo, loadOrCreateKey, type SigningKey } from '../platform/crypto/keys';
import { appendDocumentSignature } from '../platform/crypto/sign';

export function reportKey(
  dataDir: string,
  now: Date,
  passphrase: string | null,
): SigningKey | null {
  const info = keyInfo(dataDir);
  return info.exists && (!info.protected || passphrase)
    ? loadOrCreateKey(dataDir, now, passphrase)
    : null;
}

/**
 * The report as a channel answers it: the drawn PDF, signed when there is a key — Minka's
 * Ed25519 signature over the bytes, then the standard PDF signature (PAdES) with the
 * facilitator's certificate, as on the Acta (issue 16).
 */
export async function signedReport(
  drawn: Buffer,
  key: SigningKey | null,
  fileName: string,
  pades: { dataDir: string; now: Date; passphrase: string | null; municipality: string },
) {
  let pdf = drawn;
  if (key) {
    const { facilitatorSigner, addPadesSignature } = await import('./pades');
    const signer = facilitatorSigner(
      pades.dataDir,
      key,
      { holder: '', municipality: pades.municipality },
      pades.now,
      pades.passphrase,
    );
    pdf = await addPadesSignature(
      appendDocumentSignature(drawn, key.privateKey, key.publicKeyB64),
      signer,
      { reason: 'Informe firmado con Minka', location: pades.municipality, signingTime: pades.now },
    );
  }
  return {
    fileName,
    base64: pdf.toString('base64'),
    signed: key !== null,
    keyFingerprint: key?.keyFingerprint ?? null,
  };
}
