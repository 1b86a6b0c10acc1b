// The Verify screen's two contradictions found in use: a green "pages identical" tick beside
// "altered afterwards", and each official's signature listed twice.
import { describe, expect, it } from 'vitest';
import type { DigitalSignature, Revision } from '../../../../shared/minutes/verify-result';
import {
  checkTone,
  layoutMessage,
  revisionMessage,
  revisionsShown,
  verdictLeadMessage,
} from './verifyView';
import { MINUTES_LAYOUT } from '../../../../shared/minutes/payload';
import { pageRanges } from '../../../../shared/minutes/check-tone';

const sig = (subject: string): DigitalSignature => ({
  subject,
  organization: '',
  signedAt: '',
  reason: '',
  subFilter: 'ETSI.CAdES.detached',
  valid: true,
  coversWholeFile: false,
  certSha256: '',
  certificate: 'external',
  identity: 'notCheckedOffline',
});
const rev = (kind: Revision['kind'], subject = '', page: number | null = null): Revision => ({
  kind,
  subject,
  page,
});

describe('checkTone', () => {
  it('the page comparison is a tick only beside an authentic verdict', () => {
    expect(checkTone({ id: 'rendering', ok: true }, 'authentic')).toBe('pass');
    for (const v of ['alteredAfter', 'unsigned', 'resaved'] as const)
      expect(checkTone({ id: 'rendering', ok: true }, v)).toBe('note');
    expect(checkTone({ id: 'rendering', ok: false }, 'tampered')).toBe('fail');
  });

  it('other passed checks stay ticks (the signatures did hold)', () => {
    expect(checkTone({ id: 'payloadHash', ok: true }, 'alteredAfter')).toBe('pass');
    expect(checkTone({ id: 'revisions', ok: false }, 'alteredAfter')).toBe('fail');
  });
});

describe('revisionsShown', () => {
  it("an official's signature is listed in the signatures panel, not again as a revision", () => {
    const result = {
      signatures: [sig('Rosa Quispe Mamani'), sig('JUAN PEREZ QUISPE')],
      revisions: [rev('signature', 'JUAN PEREZ QUISPE'), rev('annotation', '', 2)],
    };
    expect(revisionsShown(result)).toEqual([rev('annotation', '', 2)]);
  });

  it('with no signature listed, a signature revision still shows', () => {
    const result = { signatures: [], revisions: [rev('signature', 'X')] };
    expect(revisionsShown(result)).toEqual([rev('signature', 'X')]);
  });
});

describe('document-level changes (fixpdf)', () => {
  it('pages as runs, and a change with no page drawn otherwise says what changed', () => {
    expect(pageRanges([1, 2, 3, 5, 7, 8])).toBe('1–3, 5, 7, 8');
    const xfa = [rev('document', 'XFA'), rev('document', 'NeedsRendering')];
    expect(
      verdictLeadMessage({ verdict: 'alteredAfter', changedPages: [], revisions: xfa }),
    ).toEqual({
      key: 'minutes.verdictLead.alteredAfterDocument',
      params: { pages: '', what: 'XFA, NeedsRendering' },
    });
    expect(
      verdictLeadMessage({ verdict: 'alteredAfter', changedPages: [2], revisions: xfa }).key,
    ).toBe('minutes.verdictLead.alteredAfter');
    const crop: Revision = { kind: 'pageView', page: null, subject: 'CropBox', pages: [1, 2, 3] };
    expect(revisionMessage(crop).params['pages']).toBe('1–3');
  });
});

describe('layoutMessage (adv28 F1: the Verify screen names the layout, as minka verify does)', () => {
  const withLayout = (layout: number) =>
    ({ payload: { render: { layout } } }) as unknown as Parameters<typeof layoutMessage>[0];
  it("names this build's layout plainly, an older one with what it leaves out", () => {
    expect(layoutMessage(withLayout(MINUTES_LAYOUT))).toEqual({
      key: 'minutes.cli.layout.current',
      params: { layout: MINUTES_LAYOUT },
    });
    expect(layoutMessage(withLayout(MINUTES_LAYOUT - 2))).toEqual({
      key: 'minutes.cli.layout.older',
      params: { layout: MINUTES_LAYOUT - 2, current: MINUTES_LAYOUT },
    });
  });
  it('says nothing when no signed payload was read', () => {
    expect(layoutMessage({ payload: null })).toBeNull();
  });
});
