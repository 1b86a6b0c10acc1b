// What the Verify screen draws from a result, apart from React so that it can be tested
// without a DOM. Two rules: a passed page comparison is not a green tick beside a verdict
// that is not "authentic" (the pages Minka signed are identical, but the file is more than
// that: a tick there read as "all fine" beside "altered afterwards"); and officials'
// signatures are listed once, in the signatures panel, not again as later additions.
import type { Check, Revision, VerifyResult } from '../../../../shared/minutes/verify-result';

export type CheckTone = 'pass' | 'fail' | 'note';

export function checkTone(
  c: Pick<Check, 'id' | 'ok'>,
  verdict: VerifyResult['verdict'],
): CheckTone {
  if (!c.ok) return 'fail';
  if (c.id === 'rendering' && verdict !== 'authentic') return 'note';
  return 'pass';
}

export const TONE_MARK: Record<CheckTone, string> = { pass: '✓', fail: '✗', note: '○' };

/** Later additions other than the digital signatures the signatures panel already lists. */
export function revisionsShown(result: Pick<VerifyResult, 'revisions' | 'signatures'>): Revision[] {
  if (result.signatures.length === 0) return result.revisions;
  return result.revisions.filter((x) => x.kind !== 'signature');
}
