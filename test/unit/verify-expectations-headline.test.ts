// Adversary finding adv27 (fac27): the person checking types the fingerprint printed on their paper
// copy (or the key from the key card), and the PDF is another Acta sealed with the same key (a
// re-seal after a restore, say). Minka marks the check ✗ and exits 1, but the headline still
// reads "ACTA.pdf: AUTÉNTICA — El documento es exactamente el que se selló" (the CLI's first
// lines; the Verify screen shows the same word in its verdict box). A key typed as its first
// two groups (8 digits, 2^32 tries to grind) is "la clave es la esperada" with no weak note,
// while a fingerprint typed the same way is said to be weak.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDb, SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';
import { sealWorkshop } from '../../electron/minutes/seal';
import { checkRecord } from '../../electron/check/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { withKeyAndExpectations } from '../../electron/minutes/trust';
import { verdictHeadline } from '../../electron/cli/commands/verify-devices';
import { t } from '../../shared/i18n';
import { checkTone } from '../../shared/minutes/check-tone';

let dir: string;
let pdf: Buffer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'adv27-verdict-'));
  const db = demoDb(dir);
  pdf = (
    await sealWorkshop(
      db,
      dir,
      new Date('2026-05-16T22:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    )
  ).pdf;
  db.close();
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tr = (k: string, p?: Record<string, string | number>) => t('es', k, p);

describe('what the person typed decides the headline (adv27)', () => {
  it('a fingerprint from another Acta: the headline is not AUTÉNTICA', async () => {
    const r = withKeyAndExpectations(await verifyMinutesPdf(pdf), null, {
      fingerprint: '1111-2222-3333-4444',
    });
    expect(r.ok).toBe(false);
    expect(verdictHeadline('acta.pdf', r, tr).join(' ')).not.toMatch(
      /AUTÉNTICA|exactamente el que se selló/,
    );
    expect(verdictHeadline('acta.pdf', r, tr)[0]).toBe('acta.pdf: NO ES EL ACTA DEL PAPEL');
  });
  it('another key expected: the headline is not AUTÉNTICA', async () => {
    const r = withKeyAndExpectations(await verifyMinutesPdf(pdf), null, {
      key: '1111-2222-3333-4444',
    });
    expect(r.ok).toBe(false);
    expect(verdictHeadline('acta.pdf', r, tr).join(' ')).not.toMatch(
      /AUTÉNTICA|exactamente el que se selló/,
    );
    expect(verdictHeadline('acta.pdf', r, tr)[0]).toBe('acta.pdf: OTRA CLAVE');
  });
  it('a key typed as 8 of its 16 digits is not a plain match', async () => {
    const v = await verifyMinutesPdf(pdf);
    const r = withKeyAndExpectations(v, null, { key: (v.keyFingerprint ?? '').slice(0, 9) });
    const c = r.checks.find((x) => x.id === 'expectedKey');
    expect(c?.key).not.toBe('minutes.check.expectedKeyOk');
    // Weak, exactly as a fingerprint typed the same way: a ○ note, not a ✓.
    expect(c?.key).toBe('minutes.check.expectedKeyShort');
    expect(c && checkTone(c, r.verdict)).toBe('note');
    expect(r.ok).toBe(true);
  });
  it('the whole key typed: a plain match, and the headline stays AUTÉNTICA', async () => {
    const v = await verifyMinutesPdf(pdf);
    const r = withKeyAndExpectations(v, null, { key: (v.keyFingerprint ?? '').toLowerCase() });
    expect(r.checks.find((x) => x.id === 'expectedKey')?.key).toBe('minutes.check.expectedKeyOk');
    expect(verdictHeadline('acta.pdf', r, tr)[0]).toBe('acta.pdf: AUTÉNTICA');
  });
});
