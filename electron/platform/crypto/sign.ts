// Two Ed25519 signatures make a sealed PDF: one over the canonical payload (the data that
// the verifier and the plan check read), one over the final PDF bytes (what a reader
// sees). The second sits after the PDF's end as a comment line followed by %%EOF again,
// which PDF readers skip; changing any byte before it — a page's text, the attachment —
// breaks it.
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalize } from '../../../shared/canonical';
import { fingerprint } from '../../../shared/fingerprint';
import { publicKeyFromRaw } from './keys';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface SignedCanonical {
  canonical: string;
  payloadSha256: string;
  fingerprint: string;
  signature: string;
}

/** Canonical JSON (RFC 8785) of the payload, its SHA-256 and the Ed25519 signature over its UTF-8 bytes. */
export function signPayload(payload: unknown, key: KeyObject): SignedCanonical {
  const canonical = canonicalize(payload);
  const bytes = Buffer.from(canonical, 'utf8');
  const payloadSha256 = sha256Hex(bytes);
  return {
    canonical,
    payloadSha256,
    fingerprint: fingerprint(payloadSha256),
    signature: sign(null, bytes, key).toString('base64'),
  };
}

export function verifyBytes(data: Uint8Array, signatureB64: string, key: KeyObject): boolean {
  const sig = Buffer.from(signatureB64, 'base64');
  if (sig.length !== 64 || sig.toString('base64') !== signatureB64) return false;
  try {
    return verify(null, data, key, sig);
  } catch {
    return false;
  }
}

const TRAILER = '%MINKA-SIGNATURE Ed25519 ';
const TRAILER_RE =
  /\n%MINKA-SIGNATURE Ed25519 ([A-Za-z0-9+/]{43}=) ([A-Za-z0-9+/]{86}==)\n%%EOF\n$/;

/** Append the document signature: `%MINKA-SIGNATURE Ed25519 <public key> <signature>` and %%EOF. */
export function appendDocumentSignature(pdf: Buffer, key: KeyObject, publicKeyB64: string): Buffer {
  const body = pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from('\n')]);
  const sig = sign(null, body, key).toString('base64');
  return Buffer.concat([body, Buffer.from(`${TRAILER}${publicKeyB64} ${sig}\n%%EOF\n`, 'latin1')]);
}

/** Split a file into the signed body and its trailer; null when there is no well-formed trailer. */
export function splitDocumentSignature(
  file: Uint8Array,
): { body: Uint8Array; publicKey: string; signature: string } | null {
  const tailStart = Math.max(0, file.length - 300);
  const tail = Buffer.from(file.subarray(tailStart)).toString('latin1');
  const m = TRAILER_RE.exec(tail);
  if (!m?.[1] || !m[2]) return null;
  const bodyEnd = tailStart + m.index + 1;
  return { body: file.subarray(0, bodyEnd), publicKey: m[1], signature: m[2] };
}

const TRAILER_ANYWHERE =
  /\n%MINKA-SIGNATURE Ed25519 ([A-Za-z0-9+/]{43}=) ([A-Za-z0-9+/]{86}==)\r?\n%%EOF\r?\n/g;

export interface FoundSignature {
  /** The signed revision: every byte up to the signature line. */
  body: Buffer;
  publicKey: string;
  signature: string;
  /** Whether the signature holds over `body` for `publicKey`. */
  valid: boolean;
  /** Bytes appended after Minka's signature (incremental updates by other programs). */
  after: Buffer;
}

/**
 * Minka's document signature wherever it sits: at the end of the file as sealed, or followed
 * by incremental updates other programs appended (an official's digital signature). The
 * first line that verifies wins; otherwise the last one found, marked invalid.
 */
export function findDocumentSignature(file: Buffer): FoundSignature | null {
  const text = file.toString('latin1');
  let last: FoundSignature | null = null;
  TRAILER_ANYWHERE.lastIndex = 0;
  for (let m = TRAILER_ANYWHERE.exec(text); m; m = TRAILER_ANYWHERE.exec(text)) {
    const body = file.subarray(0, m.index + 1);
    const pub = publicKeyFromRaw(m[1] ?? '');
    const found: FoundSignature = {
      body,
      publicKey: m[1] ?? '',
      signature: m[2] ?? '',
      valid: pub !== null && verifyBytes(body, m[2] ?? '', pub),
      after: file.subarray(m.index + m[0].length),
    };
    if (found.valid) return found;
    last = found;
  }
  return last;
}
