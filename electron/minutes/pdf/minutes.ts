// The Acta de Acuerdos y Compromisos: drawn only from the signed payload, so that a
// verifier can draw it again from the attachment and compare. A4 portrait, black on
// white; every page carries the payload's short fingerprint (groups to read aloud), the
// key's fingerprint, "page x of y" and one QR code (hash + key fingerprint). The signature
// sheet turns landscape to leave room to sign and for a thumbprint. Same payload and
// options → the same bytes (dates fixed to the seal time).
import { devicesSection } from './minutes-devices';
// Only the symbol builder: qrcode's main entry also loads its PNG, SVG and terminal renderers.
import { create as createQr } from 'qrcode/lib/core/qrcode.js';
import type { QRCode } from 'qrcode';
import { isTimeZone } from '../../../shared/format';
import type { Lang } from '../../../shared/i18n';
import type {
  AddendumPayload,
  MinutesPayload,
  RenderSettings,
  SignatureFile,
} from '../../../shared/minutes/payload';
import {
  MINUTES_LAYOUT,
  MINUTES_TIME_ZONE,
  PAYLOAD_ATTACHMENT,
  SIGNATURE_ATTACHMENT,
} from '../../../shared/minutes/payload';
import {
  clean,
  createDocument,
  FONT,
  fontIdentity,
  heading,
  hRule,
  label,
  MARGIN,
  RULE,
  toBuffer,
  voice,
  type Doc,
  type Voice,
  say,
} from '../../platform/pdf/document';
import { para } from './minutes-blocks';
import {
  attendanceSection,
  proposalsSection,
  rejectedSection,
  titleBlock,
} from './minutes-sections';
import { closingSections, signatureSheet, slips } from './minutes-closing';
import { criteriaSection } from './minutes-criteria';
import { prioritizedSection, roundsSection } from './minutes-votes';
import { keyCard } from './minutes-keycard';
import { criteriaBasisLines, drawsBasis, lateRulingsSection } from './minutes-basis';
import { qrSquares, traitsOf } from './minutes-layouts';

export { MINUTES_LAYOUT } from '../../../shared/minutes/payload';

/**
 * Layouts this build draws: its own, 7, 6 and 5 (6 and 7 only add sections, each drawn only from
 * its layout on; 8's changes are switches in minutes-layouts.ts) and 4 (its differences named there).
 */
export const DRAWN_LAYOUTS: readonly number[] = [4, 5, 6, 7, MINUTES_LAYOUT];

/** Why this build cannot draw pages from these settings (the check names it), or null. */
export type RedrawObstacle = 'noSettings' | 'layout' | 'fonts' | 'timeZone';

/** The render settings this build of Minka writes when it seals. */
export function currentRenderSettings(
  opts: Pick<RenderSettings, 'lang' | 'bilingual' | 'slips'> & { timeZone?: string },
): RenderSettings {
  return {
    layout: MINUTES_LAYOUT,
    lang: opts.lang,
    bilingual: opts.bilingual,
    slips: opts.slips,
    fonts: fontIdentity(),
    // The workshop's own zone: every date printed is in it, and a redraw uses the signed one.
    timeZone: opts.timeZone ?? MINUTES_TIME_ZONE,
  };
}

/**
 * Whether this build draws exactly what these signed settings describe: its own layout, the
 * very same font files (by SHA-256) and time zone. Missing fonts throw PdfEnvironmentError.
 */
export function redrawObstacle(render: RenderSettings | undefined): RedrawObstacle | null {
  if (!render) return 'noSettings';
  if (!DRAWN_LAYOUTS.includes(render.layout)) return 'layout';
  if (!isTimeZone(render.timeZone)) return 'timeZone';
  const here = fontIdentity();
  const same =
    render.fonts.length === here.length &&
    render.fonts.every((f, i) => f.name === here[i]?.name && f.sha256 === here[i]?.sha256);
  return same ? null : 'fonts';
}

function settingsOf(render: RenderSettings | undefined): RenderSettings {
  const obstacle = redrawObstacle(render);
  if (obstacle || !render) throw new Error(`cannot draw these minutes: ${obstacle ?? ''}`);
  return render;
}

/** Room at the foot of every page for the fingerprint band and the QR code. */
const FOOT = 100;
/** About 0.65 mm per module with the standard 4-module quiet zone: phones read it off a print. */
const QR_SIZE = 78;

export interface MinutesRender {
  payload: MinutesPayload;
  canonical: string;
  signature: SignatureFile;
  fingerprint: string;
}

export interface AddendumRender {
  payload: AddendumPayload;
  canonical: string;
  signature: SignatureFile;
  fingerprint: string;
}

/** The QR text: upper-case alphanumeric mode keeps the symbol small. */
export function qrText(payloadSha256: string, keyFingerprint: string): string {
  return `MINKA:${payloadSha256.toUpperCase()}:${keyFingerprint}`;
}

/** PDF number text: at most 4 decimals, no trailing zeros (same bytes every time). */
const num = (n: number) => String(Math.round(n * 1e4) / 1e4);

/**
 * The QR symbol as one Form XObject of the document: vector squares (sharp on any printer,
 * same bytes every time) written once and placed on every page, instead of the same ~500
 * squares written into each page's content (issue 18: a 400-page Acta drew, compressed and, on
 * verify, drew again 200,000 squares). Unit square, y up; the quiet zone is inside.
 */
function qrForm(doc: Doc, qr: QRCode): PDFKit.PDFKitReference {
  const n = qr.modules.size;
  const quiet = 4;
  const cell = 1 / (n + 2 * quiet);
  const ops: string[] = ['0 0 0 rg'];
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < n && qr.modules.get(r, end)) end++;
      const y = 1 - (quiet + r + 1) * cell;
      ops.push(`${num((quiet + c) * cell)} ${num(y)} ${num((end - c) * cell)} ${num(cell)} re`);
      c = end;
    }
  }
  ops.push('f');
  const form = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, 1, 1] });
  form.end(ops.join('\n'));
  return form;
}

/** Place the QR form on the current page, its top-left corner at (x, y), `size` wide. */
function placeQr(doc: Doc, form: PDFKit.PDFKitReference, x: number, y: number, size: number): void {
  const page = doc.page as unknown as { xobjects: Record<string, PDFKit.PDFKitReference> };
  page.xobjects[QR_NAME] = form;
  // pdfkit's user space runs y down: flip the unit square back up and scale it.
  doc.save();
  doc.addContent(`${num(size)} 0 0 ${num(-size)} ${num(x)} ${num(y + size)} cm`);
  doc.addContent(`/${QR_NAME} Do`);
  doc.restore();
}

const QR_NAME = 'MinkaQr';

interface Band {
  voice: Voice;
  /** Layout 4: the QR's squares in each page's content, not one form. */
  qrInPage: boolean;
  caption: string;
  fingerprint: string;
  keyFingerprint: string;
  qr: string;
}

/** The foot of every page: caption, fingerprints in large groups, page x of y, QR code. */
function paintBand(doc: Doc, b: Band): void {
  const range = doc.bufferedPageRange();
  // One symbol for every page: the same hash and key fingerprint.
  const symbol = createQr(b.qr, { errorCorrectionLevel: 'M' });
  const form = b.qrInPage ? null : qrForm(doc, symbol);
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const { left, right } = doc.page.margins;
    const width = doc.page.width - left - right;
    const top = doc.page.height - FOOT + 6;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    hRule(doc, top, RULE.thin, RULE.grey);
    if (form) placeQr(doc, form, left + width - QR_SIZE, top + 3, QR_SIZE);
    else qrSquares(doc, symbol, left + width - QR_SIZE, top + 3, QR_SIZE);
    const textW = width - QR_SIZE - 10;
    const fp = say(b.voice, b.voice.lang, 'minutes.pdf.fingerprint', {
      fingerprint: b.fingerprint,
    });
    doc
      .font(FONT.bold)
      .fontSize(12)
      .text(fp, left, top + 7, { width: textW, lineBreak: false, height: 16 });
    const key = say(b.voice, b.voice.lang, 'minutes.pdf.keyFingerprint', {
      fingerprint: b.keyFingerprint,
    });
    doc
      .font(FONT.regular)
      .fontSize(8)
      .text(key, left, top + 24, { width: textW, lineBreak: false, height: 11 });
    doc
      .font(FONT.regular)
      .fontSize(7)
      .text(clean(b.caption), left, top + 36, { width: textW, height: 18, ellipsis: true });
    const page = say(b.voice, b.voice.lang, 'minutes.pdf.page', {
      page: i + 1,
      pages: range.count,
    });
    doc
      .font(FONT.bold)
      .fontSize(10)
      .text(page, left, top + 56, { width: textW, lineBreak: false, height: 13 });
    doc.page.margins.bottom = saved;
  }
}

function attach(doc: Doc, canonical: string, signature: SignatureFile, at: Date): void {
  doc.file(Buffer.from(canonical, 'utf8'), {
    name: PAYLOAD_ATTACHMENT,
    type: 'application/json',
    description: 'Minka signed payload (RFC 8785 canonical JSON)',
    creationDate: at,
    modifiedDate: at,
  });
  doc.file(Buffer.from(JSON.stringify(signature, null, 2) + '\n', 'utf8'), {
    name: SIGNATURE_ATTACHMENT,
    type: 'application/json',
    description: 'Ed25519 signature of the payload',
    creationDate: at,
    modifiedDate: at,
  });
}

function newDoc(title: string, subject: string, lang: Lang, at: Date): Doc {
  const doc = createDocument({ title, subject, lang, layout: 'portrait', createdAt: at });
  doc.options.margins = { ...MARGIN, bottom: FOOT };
  doc.page.margins.bottom = FOOT;
  return doc;
}

/** Draw the Acta from the signed payload. The caller appends the document signature. */
export async function renderMinutes(r: MinutesRender): Promise<Buffer> {
  const p = r.payload;
  const render = settingsOf(p.render);
  const v = { ...voice(render.lang, render.bilingual), oneStop: traitsOf(p).oneStop };
  const at = new Date(p.sealedAt);
  const title = label(v, 'minutes.pdf.title').main;
  const doc = newDoc(
    `${title} — ${p.workshop.municipality} ${p.workshop.fiscalYear}`,
    p.workshop.title,
    v.lang,
    at,
  );
  titleBlock(doc, p, v, r.fingerprint);
  keyCard(doc, v, {
    municipality: p.workshop.municipality,
    signer: p.signer,
    timeZone: render.timeZone,
  });
  attendanceSection(doc, p, v);
  proposalsSection(doc, p, v);
  roundsSection(doc, p, v);
  if (drawsBasis(p)) {
    // Layout 6: the matrix and scores the official result used (frozen), then any change since.
    lateRulingsSection(doc, p, v);
    criteriaSection(doc, p.criteriaAtClose ? { ...p, criteria: p.criteriaAtClose } : p, v);
    criteriaBasisLines(doc, p, v);
  } else criteriaSection(doc, p, v);
  prioritizedSection(doc, p, v);
  rejectedSection(doc, p, v);
  closingSections(doc, p, v);
  devicesSection(doc, p, v);
  signatureSheet(doc, p, v);
  if (render.slips) slips(doc, p, v, r.fingerprint);
  paintBand(doc, {
    voice: v,
    qrInPage: traitsOf(p).qrInPage,
    caption: [
      p.workshop.municipality,
      title,
      `${label(v, 'pdf.fiscalYear').main} ${p.workshop.fiscalYear}`,
    ].join(' · '),
    fingerprint: r.fingerprint,
    keyFingerprint: p.signer.keyFingerprint,
    qr: qrText(r.signature.payloadSha256, p.signer.keyFingerprint),
  });
  attach(doc, r.canonical, r.signature, at);
  return toBuffer(doc);
}

/** A correction after sealing: one or two pages pointing at the original minutes. */
export async function renderAddendum(r: AddendumRender): Promise<Buffer> {
  const p = r.payload;
  const render = settingsOf(p.render);
  const v = { ...voice(render.lang, render.bilingual), oneStop: traitsOf(p).oneStop };
  const at = new Date(p.createdAt);
  const title = label(v, 'minutes.pdf.addendumTitle', { n: p.n }).main;
  const doc = newDoc(`${title} — ${p.title} ${p.fiscalYear}`, p.municipality, v.lang, at);
  doc.font(FONT.regular).fontSize(10).text(clean(p.municipality));
  heading(doc, label(v, 'minutes.pdf.addendumTitle', { n: p.n }), { size: 16 });
  doc.font(FONT.bold).fontSize(10.5).text(clean(p.title));
  doc.moveDown(0.5);
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.addendumRef', {
      fingerprint: p.originalFingerprint,
      hash: p.originalHash,
    }),
    9,
  );
  doc.moveDown(0.6);
  para(doc, p.text, 11);
  doc.moveDown(2);
  para(doc, say(v, v.lang, 'minutes.pdf.addendumSign'), 9);
  doc.moveDown(1);
  keyCard(doc, v, { municipality: p.municipality, signer: p.signer, timeZone: render.timeZone });
  paintBand(doc, {
    voice: v,
    qrInPage: traitsOf(p).qrInPage,
    caption: [p.municipality, title, `${label(v, 'pdf.fiscalYear').main} ${p.fiscalYear}`].join(
      ' · ',
    ),
    fingerprint: r.fingerprint,
    keyFingerprint: p.signer.keyFingerprint,
    qr: qrText(r.signature.payloadSha256, p.signer.keyFingerprint),
  });
  attach(doc, r.canonical, r.signature, at);
  return toBuffer(doc);
}
