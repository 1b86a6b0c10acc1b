// `minka check` on a sealed workshop: the Acta stored in the file (the PDF the app prints and
// exports) goes through the verifier `minka verify` uses — payload and document signatures,
// then the pages drawn again from the signed payload — and must carry the workshop's sealed
// payload. The key's holder can sign the true payload and store pages drawn from another
// (adv29 LOW 7): the payload checks in check.ts cannot see that, the redraw does.
// Not run by the seal (its own check is checkRecord, before the PDF exists, and the seal has
// just drawn these pages): only on a file already sealed. A font missing from this install or
// a redraw out of time is this computer's problem, reported apart (`unchecked`), never a
// finding about the Acta.
import { fingerprint } from '../../shared/fingerprint';
import { MINUTES_LAYOUT } from '../../shared/minutes/payload';
import type { VerifyResult } from '../../shared/minutes/verify-result';
import { MissingResourceError } from '../platform/resources';
import type { SealCheck, SealProblem } from './check';
import { verifyMinutesPdf } from './verify';

export interface StoredPagesCheck {
  /** Findings about the stored PDF (empty: authentic, and the workshop's own payload). */
  problems: SealProblem[];
  /** The pages could not be drawn again on this computer: no verdict about them either way. */
  unchecked?: SealProblem;
}

/** Parsing limit for the stored file (the redraw has its own, longer budget in verify.ts). */
const READ_MS = 60_000;

/** The stored PDF of a sealed workshop against its sealed payload (`payloadSha256`). */
export async function checkStoredPages(
  pdf: Uint8Array,
  payloadSha256: string,
  opts: { timeoutMs?: number } = {},
): Promise<StoredPagesCheck> {
  let v: VerifyResult;
  try {
    v = await verifyMinutesPdf(pdf, { timeoutMs: opts.timeoutMs ?? READ_MS });
  } catch (e) {
    if (!(e instanceof MissingResourceError)) throw e;
    return {
      problems: [],
      unchecked: {
        key: 'minutes.checkDb.pagesEnvironment',
        params: { file: e.file, searched: e.searched.join(', ') },
      },
    };
  }
  return judge(v, payloadSha256);
}

function judge(v: VerifyResult, payloadSha256: string): StoredPagesCheck {
  const failed = v.checks.filter((c) => !c.ok);
  const rendering = failed.find((c) => c.id === 'rendering');
  // Out of time reading the file or drawing its pages: a busy computer, not evidence.
  if (failed.some((c) => c.key === 'minutes.check.timeout' || c.key === 'minutes.check.renderSlow'))
    return { problems: [], unchecked: { key: 'minutes.checkDb.pagesSlow', params: {} } };
  const problems: SealProblem[] = [];
  // Another signed payload than the workshop's, whatever verify says of the file itself.
  if (v.payloadSha256 !== null && v.payloadSha256 !== payloadSha256)
    problems.push({
      key: 'minutes.checkDb.pdfOtherPayload',
      params: { pdf: fingerprint(v.payloadSha256), sealed: fingerprint(payloadSha256) },
    });
  if (v.verdict === 'authentic') return { problems };
  const layout = Number(rendering?.params['layout'] ?? 0);
  if (rendering?.key === 'minutes.check.renderBad')
    problems.push(
      rendering.params['pages']
        ? { key: 'minutes.checkDb.pagesDiffer', params: { pages: rendering.params['pages'] } }
        : { key: 'minutes.checkDb.pagesDifferUnnamed', params: {} },
    );
  else if (rendering?.key === 'minutes.check.cannotRedraw.layout' && layout > MINUTES_LAYOUT)
    problems.push({
      key: 'minutes.checkDb.pagesNewerLayout',
      params: { layout, current: MINUTES_LAYOUT },
    });
  else {
    // What verify found, in its own words, under one heading.
    problems.push({
      key:
        v.verdict === 'cannotCheck'
          ? 'minutes.checkDb.pagesUnchecked'
          : 'minutes.checkDb.pdfNotAuthentic',
      params: {},
    });
    for (const c of failed) problems.push({ key: c.key, params: c.params });
  }
  return { problems };
}

/** A sealed check with its stored PDF's verdict added (`ok` only when both hold). */
export function withStoredPages(c: SealCheck, pages: StoredPagesCheck): SealCheck {
  const problems = [...c.problems, ...pages.problems];
  return {
    ...c,
    ok: problems.length === 0 && !pages.unchecked,
    problems,
    ...(pages.unchecked ? { unchecked: pages.unchecked } : {}),
  };
}
