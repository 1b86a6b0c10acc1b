// How a verification check is marked beside its verdict, one rule for the Verify screen and
// `minka verify`: a passed page comparison is not a tick beside a verdict that is not
// "authentic" (the pages Minka signed are identical, but the file is more than that: a tick
// there read as "all fine" beside "altered afterwards"). It is a neutral note instead. So is a
// valid signature over the bytes Minka sealed: beside "altered afterwards" or "cannot check the
// pages", a tick on "the document signature is valid" read as "all good".
import type { Check, Revision, VerifyResult } from './verify-result';
import { MINUTES_LAYOUT } from './payload';

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
  // A typed fingerprint or key that matches on fewer than 16 digits: consistent, not proof.
  if (
    c.key === 'minutes.check.expectedFingerprintShort' ||
    c.key === 'minutes.check.expectedKeyShort'
  )
    return 'note';
  return 'pass';
}

export const TONE_MARK: Record<CheckTone, string> = { pass: '✓', fail: '✗', note: '○' };

/** What a note adds after its line (i18n key), or null: it says what the passed check does not. */
export function noteKey(c: Pick<Check, 'id'>): string | null {
  if (c.id === 'rendering') return 'minutes.ui.checkNotVerdict';
  if (c.id === 'documentSignature') return 'minutes.ui.checkNotVerdictBytes';
  return null;
}

/** The PDF entries named by document-level changes ("OpenAction, XFA"), one list. */
export function changedEntries(revisions: readonly Revision[]): string {
  const kinds = new Set<Revision['kind']>(['document', 'info', 'pageTree', 'pageView']);
  return [...new Set(revisions.filter((r) => kinds.has(r.kind)).map((r) => r.subject))].join(', ');
}

/** Pages as runs: [1, 2, 3, 5] → "1–3, 5". */
export function pageRanges(pages: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < pages.length;) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === (pages[j] as number) + 1) j++;
    out.push(j > i + 1 ? `${pages[i]}–${pages[j]}` : pages.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return out.join(', ');
}

/** One line of the list of what was added or changed after Minka's signature (i18n key, params). */
export function revisionMessage(x: Revision): {
  key: string;
  params: Record<string, string | number>;
} {
  return {
    key: `minutes.revision.${x.kind}${x.kind === 'signature' && x.subject ? 'By' : ''}`,
    params: {
      subject: x.subject,
      page: x.page ?? '?',
      pages: x.pages ? pageRanges(x.pages) : (x.page ?? '?'),
    },
  };
}

/**
 * The sentence under the verdict. Altered (or re-saved and changed) with no page drawing
 * differently — a document-level change (XFA, OpenAction, the title…) — says what changed
 * instead of an empty list of pages.
 */
export function verdictLeadMessage(
  r: Pick<VerifyResult, 'verdict' | 'changedPages' | 'revisions'>,
): { key: string; params: Record<string, string | number> } {
  const pages = r.changedPages.join(', ');
  const what = changedEntries(r.revisions);
  if ((r.verdict === 'alteredAfter' || r.verdict === 'resavedDiffers') && pages === '' && what)
    return { key: `minutes.verdictLead.${r.verdict}Document`, params: { pages, what } };
  return { key: `minutes.verdictLead.${r.verdict}`, params: { pages, what } };
}

/**
 * The Acta's layout, and plainly when it is older than this build's (adv28 F1): an Acta sealed
 * as an older layout by the key's holder redraws byte for byte and leaves out what later layouts
 * print. Without the workshop file this cannot tell a downgrade from an Acta an older build
 * sealed, so it only names the layout (`minka check` on the workshop says what is left out).
 * One message for `minka verify` and the Verify screen.
 */
export function layoutMessage(
  r: Pick<VerifyResult, 'payload'>,
): { key: string; params: Record<string, number> } | null {
  const layout = r.payload?.render?.layout;
  if (layout === undefined) return null;
  return layout < MINUTES_LAYOUT
    ? { key: 'minutes.cli.layout.older', params: { layout, current: MINUTES_LAYOUT } }
    : { key: 'minutes.cli.layout.current', params: { layout } };
}
