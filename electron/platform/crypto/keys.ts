// The facilitator's Ed25519 signing key: created on first use in the app's data folder,
// optionally encrypted with a passphrase (encrypted PKCS#8 PEM: PBKDF2 + AES-256-CBC, as
// Node's key export does it), written atomically. Only the public half ever leaves here.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprint } from '../../../shared/fingerprint';
import type { KeyInfo } from '../../../shared/schemas/minutes';
import { MinkaError } from '../errors';
import { writeFileAtomic } from '../atomic';

export const KEY_FILE = 'facilitator-key.json';

interface KeyFile {
  format: 'minka-signing-key';
  version: 1;
  algorithm: 'Ed25519';
  createdAt: string;
  /** base64 of the raw 32-byte public key. */
  publicKey: string;
  protected: boolean;
  /** PKCS#8 PEM, encrypted when `protected`. */
  privateKey: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyB64: string;
  keyFingerprint: string;
  /** When the key was created (ISO), printed on the Acta's key card. */
  createdAt: string;
}

/** Raw 32-byte Ed25519 public key from a KeyObject (the last 32 bytes of its SPKI DER). */
export function rawPublicKey(pub: KeyObject): Buffer {
  const der = pub.export({ format: 'der', type: 'spki' });
  return der.subarray(der.length - 32);
}

/** A KeyObject from a base64 raw public key; null if it is not 32 bytes. */
export function publicKeyFromRaw(b64: string): KeyObject | null {
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 32 || raw.toString('base64') !== b64) return null;
  const prefix = Buffer.from('302a300506032b6570032100', 'hex');
  try {
    return createPublicKey({ key: Buffer.concat([prefix, raw]), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

export function keyFingerprintOf(publicKeyB64: string): string {
  return fingerprint(
    createHash('sha256').update(Buffer.from(publicKeyB64, 'base64')).digest('hex'),
  );
}

function keyPath(dataDir: string): string {
  return join(dataDir, 'keys', KEY_FILE);
}

function readKeyFile(dataDir: string): KeyFile | null {
  const p = keyPath(dataDir);
  if (!existsSync(p)) return null;
  try {
    const k = JSON.parse(readFileSync(p, 'utf8')) as KeyFile;
    if (
      k.format !== 'minka-signing-key' ||
      typeof k.publicKey !== 'string' ||
      typeof k.privateKey !== 'string'
    )
      throw new Error('bad key file');
    return k;
  } catch {
    throw new MinkaError('CORRUPT_FILE', 'minutes.error.badKeyFile', { file: KEY_FILE });
  }
}

export function keyInfo(dataDir: string): KeyInfo {
  const k = readKeyFile(dataDir);
  if (!k) return { exists: false, fingerprint: null, protected: false, createdAt: null };
  return {
    exists: true,
    fingerprint: keyFingerprintOf(k.publicKey),
    protected: k.protected,
    createdAt: k.createdAt,
  };
}

/** Create the key; refuses if one exists (a second key would make earlier minutes look foreign). */
export function createKey(dataDir: string, now: Date, passphrase: string | null): KeyInfo {
  if (readKeyFile(dataDir)) throw new MinkaError('ALREADY_EXISTS', 'minutes.error.keyExists');
  if (passphrase !== null && passphrase.length < 8)
    throw new MinkaError('INVALID_INPUT', 'minutes.error.shortPassphrase');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = passphrase
    ? privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase })
    : privateKey.export({ format: 'pem', type: 'pkcs8' });
  const file: KeyFile = {
    format: 'minka-signing-key',
    version: 1,
    algorithm: 'Ed25519',
    createdAt: now.toISOString(),
    publicKey: rawPublicKey(publicKey).toString('base64'),
    protected: passphrase !== null,
    privateKey: pem.toString(),
  };
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  writeFileAtomic(keyPath(dataDir), JSON.stringify(file, null, 2) + '\n');
  return keyInfo(dataDir);
}

/**
 * The signing key, created on first use when none exists (unprotected unless a passphrase
 * is given). A protected key needs its passphrase.
 */
export function loadOrCreateKey(dataDir: string, now: Date, passphrase: string | null): SigningKey {
  if (!readKeyFile(dataDir)) createKey(dataDir, now, passphrase);
  const k = readKeyFile(dataDir) as KeyFile;
  if (k.protected && !passphrase)
    throw new MinkaError('INVALID_INPUT', 'minutes.error.passphraseNeeded');
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(
      k.protected
        ? { key: k.privateKey, format: 'pem', passphrase: passphrase ?? '' }
        : { key: k.privateKey, format: 'pem' },
    );
  } catch {
    throw new MinkaError(
      'INVALID_INPUT',
      k.protected ? 'minutes.error.wrongPassphrase' : 'minutes.error.badKeyFile',
      { file: KEY_FILE },
    );
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyB64 = rawPublicKey(publicKey).toString('base64');
  if (publicKeyB64 !== k.publicKey)
    throw new MinkaError('CORRUPT_FILE', 'minutes.error.badKeyFile', { file: KEY_FILE });
  return {
    privateKey,
    publicKey,
    publicKeyB64,
    keyFingerprint: keyFingerprintOf(publicKeyB64),
    createdAt: k.createdAt,
  };
}
