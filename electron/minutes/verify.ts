// Verify a sealed minutes (or addendum) PDF. Authentic means all of:
//  1. the embedded payload is canonical JSON whose SHA-256 is the one recorded,
//  2. its Ed25519 signature holds for the public key it names,
//  3. the signature over the file's bytes (Minka's document signature) holds for the same key,
//  4. the pages drawn again from the verified payload — with the render settings signed in
//     it, nothing else — are byte for byte the signed revision. Without this redraw there is
//     no "authentic": a layout or font this build cannot draw gives `cannotCheck`.
// Then what follows Minka's signature (incremental updates: an official's digital signature,
// an annotation) is listed in words, and a file rewritten whole by another program is
// recognised as a re-save and its pages compared with the redraw (revisions.ts).
// The file is untrusted: size-limited, parsed by pdf-read.ts / pdf-objects.ts, time-limited.
import { MissingResourceError } from '../platform/resources';
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import {
  AddendumPayload,
  MinutesPayload,
  PAYLOAD_ATTACHMENT,
  SIGNATURE_ATTACHMENT,
  SignatureFile,
  type SignedPayload,
} from '../../shared/minutes/payload';
import type { Check, CheckId, Verdict, VerifyResult } from '../../shared/minutes/verify-result';
import { changedEntries } from '../../shared/minutes/check-tone';
import { keyFingerprintOf, publicKeyFromRaw } from '../platform/crypto/keys';
import { MAX_PDF_BYTES, PdfReadError, readAttachments } from './pdf-read';
import { compareResaved, listRevisions, pagesApart } from './revisions';
import { checkPdfSignatures } from './verify-signatures';
import { findDocumentSignature, sha256Hex, verifyBytes } from '../platform/crypto/sign';

export interface VerifyOptions {
  timeoutMs?: number;
  /** Re-draw the pages from the payload and compare (default true); without it, never authentic. */
  rerender?: boolean;
}

class Timeout extends Error {}

/** Time allowed to re-draw the pages once both signatures hold (a 375-page Acta takes ~10 s). */
const RENDER_BUDGET_MS = 180_000;

function result(
  verdict: Verdict,
  checks: Check[],
  extra: Partial<VerifyResult> = {},
): VerifyResult {
  return {
    ok: verdict === 'authentic' || verdict === 'resaved',
    verdict,
    kind: null,
    checks,
    payloadSha256: null,
    fingerprint: null,
    keyFingerprint: null,
    payload: null,
    revisions: [],
    changedPages: [],
    key: null,
    signatures: [],
    ...extra,
  };
}

const check = (
  id: CheckId,
  ok: boolean,
  key: string,
  params: Record<string, string | number> = {},
): Check => ({ id, ok, key, params });

function parseJson(buf: Buffer | undefined): unknown {
  if (!buf) return undefined;
  try {
    return JSON.parse(buf.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

async function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const left = Math.max(1, deadline - Date.now());
  try {
    return await Promise.race([
      p,
      new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Timeout()), left))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

type Redraw =
  { kind: 'drawn'; pdf: Buffer } | { kind: 'obstacle'; check: Check; verdict: 'cannotCheck' };

/** Draw the pages again from the signed payload and its signed render settings. */
async function redraw(
  kind: 'minutes' | 'addendum',
  payload: SignedPayload,
  canonical: string,
  sig: SignatureFile,
  deadline: number,
): Promise<Redraw> {
  try {
    // The renderer (pdfkit, fonts, QR) loads on first use, not with the app.
    const { renderMinutes, renderAddendum, redrawObstacle } = await import('./pdf/minutes');
    const obstacle = redrawObstacle(payload.render);
    if (obstacle)
      return {
        kind: 'obstacle',
        verdict: 'cannotCheck',
        check: check('rendering', false, `minutes.check.cannotRedraw.${obstacle}`, {
          layout: payload.render?.layout ?? 1,
        }),
      };
    const fp = fingerprint(sha256Hex(canonical));
    const drawn = await withDeadline(
      kind === 'minutes'
        ? renderMinutes({
            payload: payload as MinutesPayload,
            canonical,
            signature: sig,
            fingerprint: fp,
          })
        : renderAddendum({
            payload: payload as AddendumPayload,
            canonical,
            signature: sig,
            fingerprint: fp,
          }),
      // Re-drawing a very long Acta on a slow laptop may take a while; slowness is not evidence.
      Math.max(deadline, Date.now() + RENDER_BUDGET_MS),
    );
    return {
      kind: 'drawn',
      pdf: drawn.at(-1) === 0x0a ? drawn : Buffer.concat([drawn, Buffer.from('\n')]),
    };
  } catch (e) {
    if (e instanceof Timeout)
      return {
        kind: 'obstacle',
        verdict: 'cannotCheck',
        check: check('rendering', false, 'minutes.check.renderSlow'),
      };
    // A font missing from this install is this computer's problem, not the document's: no
    // verdict at all (the CLI exits 3 naming the file, the app says which resource is missing).
    if (e instanceof MissingResourceError) throw e;
    return {
      kind: 'obstacle',
      verdict: 'cannotCheck',
      check: check('rendering', false, 'minutes.check.renderFailed', {
        message: e instanceof Error ? e.message.slice(0, 120) : '',
      }),
    };
  }
}

/** Check a PDF's bytes; never throws for anything the file contains. */
export async function verifyMinutesPdf(
  bytes: Uint8Array,
  opts: VerifyOptions = {},
): Promise<VerifyResult> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  const checks: Check[] = [];
  if (bytes.length > MAX_PDF_BYTES)
    return result('tooLarge', [
      check('size', false, 'minutes.check.tooLarge', { mb: Math.round(MAX_PDF_BYTES / 1048576) }),
    ]);
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (file.length < 16 || file.subarray(0, 5).toString('latin1') !== '%PDF-')
    return result('malformed', [check('structure', false, 'minutes.check.notPdf')]);

  const trailer = findDocumentSignature(file);
  const signedRevision = trailer ? trailer.body : file;
  let files: Map<string, Buffer>;
  try {
    files = readAttachments(signedRevision, deadline);
  } catch (e) {
    if (e instanceof PdfReadError && e.reason === 'timeout')
      return result('malformed', [check('structure', false, 'minutes.check.timeout')]);
    if (e instanceof PdfReadError && e.reason === 'noAttachments') {
      return trailer
        ? result('tampered', [check('attachments', false, 'minutes.check.noAttachments')])
        : result('notMinutes', [check('attachments', false, 'minutes.check.notMinutes')]);
    }
    return result(trailer ? 'tampered' : 'malformed', [
      check('attachments', false, 'minutes.check.badAttachment', {
        detail: e instanceof PdfReadError ? e.detail : '',
      }),
    ]);
  }

  const payloadBuf = files.get(PAYLOAD_ATTACHMENT);
  const sigFile = SignatureFile.safeParse(parseJson(files.get(SIGNATURE_ATTACHMENT)));
  if (!payloadBuf || !sigFile.success) {
    const notMinutes = !payloadBuf && !files.has(SIGNATURE_ATTACHMENT);
    return result(!trailer && notMinutes ? 'notMinutes' : 'tampered', [
      check(
        'attachments',
        false,
        notMinutes ? 'minutes.check.notMinutes' : 'minutes.check.badAttachment',
        {
          detail: payloadBuf ? SIGNATURE_ATTACHMENT : PAYLOAD_ATTACHMENT,
        },
      ),
    ]);
  }
  const sig = sigFile.data;
  const payloadText = payloadBuf.toString('utf8');
  const raw = parseJson(payloadBuf);
  const minutes = MinutesPayload.safeParse(raw);
  const addendum = minutes.success ? null : AddendumPayload.safeParse(raw);
  const payload: SignedPayload | null = minutes.success
    ? minutes.data
    : addendum?.success
      ? addendum.data
      : null;
  const kind: VerifyResult['kind'] = minutes.success
    ? 'minutes'
    : addendum?.success
      ? 'addendum'
      : null;
  checks.push(
    check(
      'attachments',
      payload !== null,
      payload ? 'minutes.check.attachmentsOk' : 'minutes.check.badPayload',
    ),
  );

  const payloadSha256 = sha256Hex(payloadBuf);
  const canonicalOk =
    raw !== undefined &&
    (() => {
      try {
        return canonicalize(raw) === payloadText;
      } catch {
        return false;
      }
    })();
  const hashOk = canonicalOk && payloadSha256 === sig.payloadSha256;
  checks.push(
    check('payloadHash', hashOk, hashOk ? 'minutes.check.hashOk' : 'minutes.check.hashBad'),
  );

  const pub = publicKeyFromRaw(sig.publicKey);
  const payloadSigOk =
    pub !== null &&
    payload !== null &&
    payload.signer.publicKey === sig.publicKey &&
    payload.signer.keyFingerprint === keyFingerprintOf(sig.publicKey) &&
    verifyBytes(payloadBuf, sig.signature, pub);
  checks.push(
    check(
      'payloadSignature',
      payloadSigOk,
      payloadSigOk ? 'minutes.check.payloadSigOk' : 'minutes.check.payloadSigBad',
    ),
  );

  const extra = {
    kind: payloadSigOk ? kind : null,
    payloadSha256,
    fingerprint: fingerprint(payloadSha256),
    keyFingerprint: pub ? keyFingerprintOf(sig.publicKey) : null,
    payload: payloadSigOk ? payload : null,
  };

  let docOk = false;
  if (!trailer) checks.push(check('documentSignature', false, 'minutes.check.noDocSig'));
  else {
    docOk = trailer.valid;
    checks.push(
      check(
        'documentSignature',
        docOk,
        docOk ? 'minutes.check.docSigOk' : 'minutes.check.docSigBad',
      ),
    );
    const same = trailer.publicKey === sig.publicKey;
    checks.push(
      check(
        'sameSigner',
        same,
        same ? 'minutes.check.sameSignerOk' : 'minutes.check.sameSignerBad',
      ),
    );
    docOk = docOk && same;
  }
  if (!payload || !kind || !hashOk || !payloadSigOk || (trailer && !docOk))
    return result('tampered', checks, extra);

  if (!trailer) {
    // What is left of Minka's own signature line, damaged, or a file cut short: not a re-save.
    const tail = file.subarray(Math.max(0, file.length - 2048)).toString('latin1');
    if (file.includes('%MINKA-SIGNATURE') || !/startxref\s+\d+\s+%%EOF\s*$/.test(tail)) {
      checks.push(check('structure', false, 'minutes.check.cutOrDamaged'));
      return result('tampered', checks, extra);
    }
  }
  // Both signatures hold (or the file was rewritten whole): the pages decide.
  if (opts.rerender === false) {
    checks.push(check('rendering', false, 'minutes.check.renderNotRun'));
    return result('cannotCheck', checks, extra);
  }
  const drawn = await redraw(kind, payload, payloadText, sig, deadline);
  if (drawn.kind === 'obstacle') {
    checks.push(drawn.check);
    return result(drawn.verdict, checks, extra);
  }

  if (trailer) {
    const same = Buffer.compare(drawn.pdf, Buffer.from(trailer.body)) === 0;
    const pages = same ? '' : pagesApart(trailer.body, drawn.pdf, deadline); // minka check names them
    const key = same ? 'minutes.check.renderOk' : 'minutes.check.renderBad';
    checks.push(check('rendering', same, key, same ? {} : { pages }));
    if (!same) return result('tampered', checks, extra);
    const pdfSigs = await checkPdfSignatures(file, trailer.body.length, payload, deadline);
    checks.push(...pdfSigs.checks);
    if (pdfSigs.broken) return result('tampered', checks, { ...extra, signatures: pdfSigs.list });
    if (trailer.after.length === 0) return result('authentic', checks, extra);
    const listed = listRevisions(file, trailer.body, deadline);
    // The seal's own PAdES signature is part of the seal, not something added later.
    const first = listed.revisions.findIndex((x) => x.kind === 'signature');
    const rev =
      pdfSigs.sealSeen && first >= 0
        ? { ...listed, revisions: listed.revisions.filter((_x, i) => i !== first) }
        : listed;
    // Only digital signatures keep the verdict: anything else added later, or bytes Minka cannot
    // name, means the file is no longer only what was signed.
    // Only the seal's own PAdES signature after Minka's: the file is as sealed.
    if (rev.revisions.length === 0 && rev.changedPages.length === 0)
      return result('authentic', checks, { ...extra, ...rev, signatures: pdfSigs.list });
    const altered =
      rev.changedPages.length > 0 || rev.revisions.some((r) => r.kind !== 'signature');
    // Bytes came after the seal: the document signature holds over what Minka sealed, not over
    // the file ("no byte changed" was false), and the pages compared are the sealed ones.
    for (const [i, c] of checks.entries())
      if (c.id === 'documentSignature' && c.ok)
        checks[i] = {
          ...c,
          key: altered ? 'minutes.check.docSigOkAltered' : 'minutes.check.docSigOkSigned',
          params: { count: rev.revisions.length },
        };
      else if (c.id === 'rendering' && c.ok)
        checks[i] = { ...c, key: 'minutes.check.renderOkSealed' };
    checks.push(
      check(
        'revisions',
        !altered,
        !altered
          ? 'minutes.check.revisionsHarmless'
          : rev.changedPages.length > 0
            ? 'minutes.check.revisionsAlter'
            : 'minutes.check.revisionsAlterDocument',
        {
          count: rev.revisions.length,
          pages: rev.changedPages.join(', '),
          what: changedEntries(rev.revisions),
        },
      ),
    );
    return result(altered ? 'alteredAfter' : 'authentic', checks, {
      ...extra,
      ...rev,
      signatures: pdfSigs.list,
    });
  }

  // No document signature. The same bytes as the redraw: the signature line was cut off.
  if (drawn.pdf.subarray(0, file.length).equals(file) && file.length >= drawn.pdf.length - 1) {
    checks.push(check('rendering', true, 'minutes.check.renderOk'));
    return result('unsigned', checks, extra);
  }
  // Rewritten whole by another program: compare what each page shows with the redraw.
  const cmp = compareResaved(file, drawn.pdf, deadline);
  if (!cmp) return result('unsigned', checks, extra);
  // A document-level change (document-changes.ts) counts as a difference as well.
  const intact = cmp.changedPages.length === 0 && cmp.revisions.length === 0;
  checks.push(
    check(
      'rendering',
      intact,
      intact
        ? 'minutes.check.resavedIntact'
        : cmp.changedPages.length > 0
          ? 'minutes.check.resavedDiffers'
          : 'minutes.check.resavedDiffersDocument',
      {
        pages: cmp.changedPages.join(', '),
        what: changedEntries(cmp.revisions),
      },
    ),
  );
  return result(intact ? 'resaved' : 'resavedDiffers', checks, {
    ...extra,
    changedPages: cmp.changedPages,
    revisions: cmp.revisions,
  });
}
