// Verify a sealed minutes (or addendum) PDF. Authentic means all of:
//  1. the embedded payload is canonical JSON whose SHA-256 is the one recorded,
//  2. its Ed25519 signature holds for the public key it names,
//  3. the signature over the file's bytes (the trailer after %%EOF) holds for the same key
//     — any edit to a page, the attachment or the structure breaks it,
//  4. drawing the Acta again from the verified payload gives exactly the same bytes, so
//     what a reader sees on the pages is what the payload says (when the layout version
//     is this app's; older layouts rely on 3).
// The file is untrusted: size-limited, parsed by pdf-read.ts only, time-limited.
import { MissingResourceError } from '../resources';
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import {
  AddendumPayload,
  MinutesPayload,
  PAYLOAD_ATTACHMENT,
  SIGNATURE_ATTACHMENT,
  SignatureFile,
  type SignedPayload,
  MINUTES_LAYOUT,
} from '../../shared/minutes/payload';
import type { Check, CheckId, Verdict, VerifyResult } from '../../shared/minutes/verify-result';
import { keyFingerprintOf, publicKeyFromRaw } from './keys';
import { MAX_PDF_BYTES, PdfReadError, readAttachments } from './pdf-read';
import { sha256Hex, splitDocumentSignature, verifyBytes } from './sign';

export interface VerifyOptions {
  timeoutMs?: number;
  /** Re-draw the pages from the payload and compare (default true). */
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
    ok: verdict === 'authentic',
    verdict,
    kind: null,
    checks,
    payloadSha256: null,
    fingerprint: null,
    keyFingerprint: null,
    payload: null,
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
  if (bytes.length < 16 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-')
    return result('malformed', [check('structure', false, 'minutes.check.notPdf')]);

  const trailer = splitDocumentSignature(bytes);
  let files: Map<string, Buffer>;
  try {
    files = readAttachments(trailer ? trailer.body : bytes, deadline);
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
    const key =
      !payloadBuf && !files.has(SIGNATURE_ATTACHMENT)
        ? 'minutes.check.notMinutes'
        : 'minutes.check.badAttachment';
    return result(
      trailer ? 'tampered' : key === 'minutes.check.notMinutes' ? 'notMinutes' : 'tampered',
      [
        check('attachments', false, key, {
          detail: payloadBuf ? SIGNATURE_ATTACHMENT : PAYLOAD_ATTACHMENT,
        }),
      ],
    );
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

  let docOk = false;
  if (!trailer) checks.push(check('documentSignature', false, 'minutes.check.noDocSig'));
  else {
    const docPub = publicKeyFromRaw(trailer.publicKey);
    docOk = docPub !== null && verifyBytes(trailer.body, trailer.signature, docPub);
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

  const extraOf = () => ({
    kind: payloadSigOk ? kind : null,
    payloadSha256,
    fingerprint: fingerprint(payloadSha256),
    keyFingerprint: pub ? keyFingerprintOf(sig.publicKey) : null,
    payload: payloadSigOk ? payload : null,
  });

  let renderOk = true;
  // Re-drawing costs time: only worth it when everything else holds (a failure is final anyway).
  if (payloadSigOk && hashOk && docOk && payload && trailer && opts.rerender !== false) {
    if (sig.render.layout !== MINUTES_LAYOUT)
      checks.push(
        check('rendering', true, 'minutes.check.renderSkipped', { layout: sig.render.layout }),
      );
    else {
      try {
        const fp = fingerprint(payloadSha256);
        // The renderer (pdfkit, fonts, QR) loads on first use, not with the app.
        const { renderMinutes, renderAddendum } = await import('../pdf/minutes');
        const drawn = await withDeadline(
          kind === 'minutes'
            ? renderMinutes({
                payload: payload as MinutesPayload,
                canonical: payloadText,
                signature: sig,
                fingerprint: fp,
              })
            : renderAddendum({
                payload: payload as AddendumPayload,
                canonical: payloadText,
                signature: sig,
                fingerprint: fp,
              }),
          // Signed by the key that signed every byte: re-drawing a very long Acta on a slow
          // laptop may take a while, and slowness here is not evidence of tampering.
          Math.max(deadline, Date.now() + RENDER_BUDGET_MS),
        );
        const expected = drawn.at(-1) === 0x0a ? drawn : Buffer.concat([drawn, Buffer.from('\n')]);
        renderOk = Buffer.compare(expected, Buffer.from(trailer.body)) === 0;
        checks.push(
          check(
            'rendering',
            renderOk,
            renderOk ? 'minutes.check.renderOk' : 'minutes.check.renderBad',
          ),
        );
      } catch (e) {
        // A font missing from this install is this computer's problem, not the document's.
        if (e instanceof MissingResourceError) throw e;
        if (e instanceof Timeout) {
          // Not done in time: the document signature over every byte still stands.
          checks.push(check('rendering', true, 'minutes.check.renderSlow'));
          return result('authentic', checks, extraOf());
        }
        renderOk = false;
        checks.push(check('rendering', false, 'minutes.check.renderBad'));
      }
    }
  }

  const extra = extraOf();
  const allOk = payload !== null && hashOk && payloadSigOk && docOk && renderOk;
  const verdict: Verdict = allOk ? 'authentic' : !trailer && payloadSigOk ? 'unsigned' : 'tampered';
  return result(verdict, checks, extra);
}
