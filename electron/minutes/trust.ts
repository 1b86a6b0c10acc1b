// Which keys this computer knows (issue 15). A valid signature only says "signed by this
// key"; whether that key is the municipality's is a question of who has seen it before. The
// known keys are: this computer's own key, the keys of minutes sealed or archived here, and
// keys trusted explicitly — imported from another Acta or typed from paper — kept in
// keys/trusted-keys.json in the data folder. Verify reports the status; `--key` and
// `--fingerprint` state what the person expects and make any difference an error.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fingerprint, typedMatch } from '../../shared/fingerprint';
import { type KeyStatus, TrustedKey, type VerifyResult } from '../../shared/minutes/verify-result';
import { MinkaError } from '../platform/errors';
import { writeFileAtomic } from '../platform/atomic';
import { keyInfo } from '../platform/crypto/keys';
import { listArchive, normalizeFingerprint } from './seal';

export const TRUST_FILE = 'trusted-keys.json';

const TrustFile = z.object({
  format: z.literal('minka-trusted-keys'),
  version: z.literal(1),
  keys: z.array(TrustedKey),
});

function trustPath(dataDir: string): string {
  return join(dataDir, 'keys', TRUST_FILE);
}

export function listTrusted(dataDir: string): TrustedKey[] {
  const p = trustPath(dataDir);
  if (!existsSync(p)) return [];
  try {
    return TrustFile.parse(JSON.parse(readFileSync(p, 'utf8'))).keys;
  } catch {
    throw new MinkaError('CORRUPT_FILE', 'minutes.error.badTrustFile', { file: TRUST_FILE });
  }
}

/** "3f2a 9c01-77b4 0E5D" → "3F2A-9C01-77B4-0E5D"; null unless 16 hex digits. */
export function groupedFingerprint(typed: string): string | null {
  const n = normalizeFingerprint(typed);
  return n.length === 16 ? fingerprint(n.toLowerCase()) : null;
}

/** Trust a key from now on. Adding one already known only keeps the first sighting. */
export function trustKey(
  dataDir: string,
  k: { keyFingerprint: string; municipality: string; label: string; firstSeen: string },
  now: Date,
): TrustedKey[] {
  const fp = groupedFingerprint(k.keyFingerprint);
  if (!fp)
    throw new MinkaError('INVALID_INPUT', 'minutes.error.badKeyFingerprint', {
      value: k.keyFingerprint.slice(0, 40),
    });
  const list = listTrusted(dataDir);
  if (list.some((x) => x.keyFingerprint === fp)) return list;
  const next = [
    ...list,
    {
      keyFingerprint: fp,
      municipality: k.municipality.normalize('NFC').trim().slice(0, 200),
      label: k.label.normalize('NFC').trim().slice(0, 200),
      firstSeen: k.firstSeen.slice(0, 200),
      addedAt: now.toISOString(),
    },
  ];
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  writeFileAtomic(
    trustPath(dataDir),
    JSON.stringify({ format: 'minka-trusted-keys', version: 1, keys: next }, null, 2) + '\n',
  );
  return next;
}

const sameMunicipality = (a: string, b: string) =>
  a.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim() ===
  b.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** Whether this computer knows the key, and which key it knows for the same municipality. */
export function keyStatus(
  dataDir: string,
  keyFingerprint: string,
  municipality: string,
): KeyStatus {
  const own = keyInfo(dataDir);
  if (own.fingerprint === keyFingerprint)
    return { status: 'own', firstSeen: null, seenAt: own.createdAt, label: '', otherKey: null };
  const trusted = listTrusted(dataDir).find((k) => k.keyFingerprint === keyFingerprint);
  if (trusted)
    return {
      status: 'known',
      firstSeen: trusted.firstSeen,
      seenAt: trusted.addedAt,
      label: trusted.label,
      otherKey: null,
    };
  const archived = listArchive(dataDir).find((e) => e.keyFingerprint === keyFingerprint);
  if (archived)
    return {
      status: 'known',
      firstSeen: archived.file,
      seenAt: archived.sealedAt,
      label: '',
      otherKey: null,
    };
  // A new key: is another one known for this municipality? Then it is a different key.
  const others = [
    ...listTrusted(dataDir)
      .filter((k) => sameMunicipality(k.municipality, municipality))
      .map((k) => k.keyFingerprint),
    ...listArchive(dataDir)
      .filter((e) => sameMunicipality(e.municipality, municipality))
      .map((e) => e.keyFingerprint),
  ];
  const other = others.find((fp) => fp !== keyFingerprint) ?? null;
  return {
    status: other ? 'different' : 'new',
    firstSeen: null,
    seenAt: null,
    label: '',
    otherKey: other,
  };
}

export interface Expectations {
  /** The key fingerprint the person expects (from the key card or a trusted list). */
  key?: string | undefined;
  /** The minutes fingerprint from the paper: all of it, or its first two groups. */
  fingerprint?: string | undefined;
}

/** Add the key status (when a data folder is known) and the person's expectations to a result. */
export function withKeyAndExpectations(
  r: VerifyResult,
  dataDir: string | null,
  expect: Expectations = {},
): VerifyResult {
  const checks = [...r.checks];
  let ok = r.ok;
  const municipality =
    r.payload?.format === 'minka-minutes'
      ? r.payload.workshop.municipality
      : (r.payload?.municipality ?? '');
  const key =
    dataDir && r.keyFingerprint ? keyStatus(dataDir, r.keyFingerprint, municipality) : null;
  // One rule for both (typedMatch): a match on fewer than 16 digits is weak, said so.
  if (expect.key !== undefined) {
    const m = typedMatch(expect.key, r.keyFingerprint);
    checks.push({
      id: 'expectedKey',
      ok: m.match !== 'no',
      key: `minutes.check.expectedKey${m.match === 'no' ? 'Bad' : m.match === 'weak' ? 'Short' : 'Ok'}`,
      params: {
        expected: expect.key.slice(0, 40),
        actual: r.keyFingerprint ?? '—',
        digits: m.digits,
      },
    });
    ok = ok && m.match !== 'no';
  }
  if (expect.fingerprint !== undefined) {
    const m = typedMatch(expect.fingerprint, r.fingerprint, r.payloadSha256);
    checks.push({
      id: 'expectedFingerprint',
      ok: m.match !== 'no',
      key: `minutes.check.expectedFingerprint${m.match === 'no' ? 'Bad' : m.match === 'weak' ? 'Short' : 'Ok'}`,
      params: {
        expected: expect.fingerprint.slice(0, 40),
        actual: r.fingerprint ?? '—',
        digits: m.digits,
      },
    });
    ok = ok && m.match !== 'no';
  }
  return { ...r, ok, checks, key };
}
