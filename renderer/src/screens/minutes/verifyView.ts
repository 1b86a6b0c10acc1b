// What the Verify screen draws from a result, apart from React so that it can be tested
// without a DOM. Two rules (the first shared with `minka verify`): a passed page comparison is not a green tick beside a verdict
// that is not "authentic" (the pages Minka signed are identical, but the file is more than
// that: a tick there read as "all fine" beside "altered afterwards"); and officials'
// signatures are listed once, in the signatures panel, not again as later additions.
import type { Revision, VerifyResult } from '../../../../shared/minutes/verify-result';

export {
  checkTone,
  layoutMessage,
  noteKey,
  revisionMessage,
  TONE_MARK,
  verdictLeadMessage,
  type CheckTone,
} from '../../../../shared/minutes/check-tone';

/** Later additions other than the digital signatures the signatures panel already lists. */
export function revisionsShown(result: Pick<VerifyResult, 'revisions' | 'signatures'>): Revision[] {
  if (result.signatures.length === 0) return result.revisions;
  return result.revisions.filter((x) => x.kind !== 'signature');
}
