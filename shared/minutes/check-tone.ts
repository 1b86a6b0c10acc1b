// How a verification check is marked beside its verdict, one rule for the Verify screen and
// `minka verify`: a passed page comparison is not a tick beside a verdict that is not
// "authentic" (the pages Minka signed are identical, but the file is more than that: a tick
// there read as "all fine" beside "altered afterwards"). It is a neutral note instead. So is a
// valid signature over the bytes Minka sealed: beside "altered afterwards" or "cannot check the
// pages", a tick on "the document signature is valid" read as "all good".
import type { Check, VerifyResult } from './verify-result';

export type CheckTone = 'pass' | 'fail' | 'note';

export function checkTone(
  c: Pick<Check, 'id' | 'ok'> & { key?: string },
  verdict: VerifyResult['verdict'],
): CheckTone {
  if (!c.ok) return 'fail';
  if ((c.id === 'rendering' || c.id === 'documentSignature') && verdict !== 'authentic')
    return 'note';
  // "The chains are not in the PDF; check them with --workshop": said, not passed.
  if (c.id === 'workshopDevice' && c.key === 'venues.verify.hint') return 'note';
  // A typed fingerprint that matches on fewer than 16 digits: consistent, not proof.
  if (c.key === 'minutes.check.expectedFingerprintShort') return 'note';
  return 'pass';
}

export const TONE_MARK: Record<CheckTone, string> = { pass: '✓', fail: '✗', note: '○' };

/** What a note adds after its line (i18n key), or null: it says what the passed check does not. */
export function noteKey(c: Pick<Check, 'id'>): string | null {
  if (c.id === 'rendering') return 'minutes.ui.checkNotVerdict';
  if (c.id === 'documentSignature') return 'minutes.ui.checkNotVerdictBytes';
  return null;
}
