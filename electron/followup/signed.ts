// A sealed minutes payload outside its PDF (kept in a follow-up register, or read from a
// workshop file): authentic when it is canonical JSON of the minutes format, its SHA-256 is
// the id it is stored under, and its Ed25519 signature holds for the key the payload names.
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import { MinutesPayload } from '../../shared/minutes/payload';
import { keyFingerprintOf, publicKeyFromRaw } from '../platform/crypto/keys';
import { sha256Hex, verifyBytes } from '../platform/crypto/sign';

export interface CheckedMinutes {
  payload: MinutesPayload;
  payloadSha256: string;
  fingerprint: string;
  keyFingerprint: string;
}

/** The verified payload, or null when any of the checks fails. Never throws. */
export function checkSignedMinutes(canonical: string, signature: string): CheckedMinutes | null {
  let raw: unknown;
  try {
    raw = JSON.parse(canonical) as unknown;
  } catch {
    return null;
  }
  const parsed = MinutesPayload.safeParse(raw);
  if (!parsed.success) return null;
  try {
    if (canonicalize(raw) !== canonical) return null;
  } catch {
    return null;
  }
  const key = publicKeyFromRaw(parsed.data.signer.publicKey);
  if (!key) return null;
  const bytes = Buffer.from(canonical, 'utf8');
  if (!verifyBytes(bytes, signature, key)) return null;
  const keyFingerprint = keyFingerprintOf(parsed.data.signer.publicKey);
  if (keyFingerprint !== parsed.data.signer.keyFingerprint) return null;
  const payloadSha256 = sha256Hex(bytes);
  return {
    payload: parsed.data,
    payloadSha256,
    fingerprint: fingerprint(payloadSha256),
    keyFingerprint,
  };
}
