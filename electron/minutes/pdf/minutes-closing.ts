// The closing pages of the Acta, in reading order: matters raised, agreements, committee and
// closing remarks; the signature sheet (the digital signatures above the hand ones, a square
// for each thumbprint); the attendees' cut-out slips with the fingerprint. Each draws only what
// the payload says. Split from minutes-sections.ts (issue 19: files under 400 lines).
import { formatDayOf } from '../../../shared/format';
import { zoneOf } from './minutes-zone';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import {
  bottomLimit,
  clean,
  CM,
  contentWidth,
  FONT,
  heading,
  label,
  type Doc,
  type Voice,
  say,
} from '../../platform/pdf/document';
import { numbered, para, section, table } from './minutes-blocks';
import { Table } from '../../platform/pdf/table';
import { digitalSignatures } from './minutes-digital';
import { dayText } from './minutes-layouts';

const THUMB = 1.6 * CM;

export function closingSections(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.matters');
  numbered(
    doc,
    v,
    p.matters.map((m) => ({
      text: m.text,
      sub: m.raisedBy ? say(v, v.lang, 'minutes.pdf.raisedBy', { name: m.raisedBy }) : '',
    })),
    'minutes.pdf.none',
  );
  section(doc, v, 'minutes.pdf.agreements');
  numbered(
    doc,
    v,
    p.agreements.map((a) => ({
      text: a.text,
      sub: [
        a.responsible ? say(v, v.lang, 'minutes.pdf.responsible', { name: a.responsible }) : '',
        a.due ? say(v, v.lang, 'minutes.pdf.due', { date: dayText(p, a.due, v.lang) }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    'minutes.pdf.none',
  );
  section(doc, v, 'minutes.pdf.committee');
  if (p.committee.length === 0) para(doc, say(v, v.lang, 'minutes.pdf.none'));
  else {
    type M = MinutesPayload['committee'][number];
    table<M>(
      doc,
      v,
      [
        {
          header: label(v, 'pdf.col.number'),
          weight: 24,
          align: 'right',
          text: (x) => String(x.n),
        },
        { header: label(v, 'pdf.col.name'), weight: 170, bold: true, text: (x) => x.name },
        { header: label(v, 'pdf.col.dni'), weight: 60, align: 'center', text: (x) => x.dni },
        { header: label(v, 'pdf.col.organization'), weight: 170, text: (x) => x.organization },
        {
          header: label(v, 'pdf.col.role'),
          weight: 80,
          text: (x) => say(v, v.lang, `minutes.role.${x.role}`),
        },
      ],
      p.committee,
    );
  }
  if (p.closingRemarks) {
    section(doc, v, 'minutes.pdf.closing');
    para(doc, p.closingRemarks);
  }
}

interface SignRow {
  n: number;
  name: string;
  dni: string;
  organization: string;
}

export function signatureSheet(doc: Doc, p: MinutesPayload, v: Voice): void {
  doc.options.layout = 'landscape';
  doc.addPage();
  doc.y = doc.page.margins.top;
  heading(doc, label(v, 'minutes.pdf.signatures'), { size: 14 });
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.signaturesLead', {
      municipality: p.workshop.municipality,
      year: p.workshop.fiscalYear,
    }),
    8.5,
  );
  doc.moveDown(0.2);
  // Who signed the file digitally and when, above the hand signatures (layout 4).
  digitalSignatures(doc, p, v);
  const tb = new Table<SignRow>(
    doc,
    [
      { header: label(v, 'pdf.col.number'), weight: 26, align: 'right', text: (r) => String(r.n) },
      { header: label(v, 'pdf.col.name'), weight: 190, bold: true, text: (r) => r.name },
      { header: label(v, 'pdf.col.dni'), weight: 60, align: 'center', text: (r) => r.dni },
      { header: label(v, 'pdf.col.organization'), weight: 180, text: (r) => r.organization },
      { header: label(v, 'pdf.col.signature'), weight: 190 },
      { header: label(v, 'pdf.col.thumbprint'), weight: THUMB + 20, square: THUMB },
    ],
    { fontSize: 8.5, headerSize: 8.5, padding: 4, minRowHeight: THUMB + 8, maxRowHeight: 4 * CM },
    label(v, 'pdf.continued').main,
  );
  let n = 0;
  for (const o of p.attendance.organizations)
    for (const x of o.people)
      tb.row({ n: ++n, name: x.name, dni: x.dni, organization: o.id === null ? '' : o.name });
  tb.end(14, 40);
  para(doc, say(v, v.lang, 'minutes.pdf.signaturesClosing'), 9);
  doc.options.layout = 'portrait';
}

/** Cut-out receipts for attendees: the fingerprint to compare with any copy later. */
export function slips(doc: Doc, p: MinutesPayload, v: Voice, fp: string): void {
  doc.addPage();
  const cols = 2;
  const rows = 4;
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const w = contentWidth(doc) / cols;
  const h = (bottomLimit(doc) - top) / rows;
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = left + c * w;
      const y = top + r * h;
      doc.save().lineWidth(0.6).dash(4, { space: 3 }).rect(x, y, w, h).stroke().undash().restore();
      doc
        .font(FONT.regular)
        .fontSize(7.5)
        .text(clean(p.workshop.municipality), x + 8, y + 8, {
          width: w - 16,
          lineBreak: false,
          height: 10,
        });
      const st = label(v, 'minutes.pdf.slipTitle', { year: p.workshop.fiscalYear });
      doc
        .font(FONT.bold)
        .fontSize(9)
        .text(st.main, x + 8, doc.y + 1, { width: w - 16, height: 24 });
      if (st.second)
        doc
          .font(FONT.regular)
          .fontSize(7.5)
          .text(st.second, x + 8, doc.y, { width: w - 16, height: 20 });
      doc
        .font(FONT.bold)
        .fontSize(15)
        .text(fp, x + 8, doc.y + 3, { width: w - 16, lineBreak: false, height: 20 });
      doc
        .font(FONT.regular)
        .fontSize(7)
        .text(
          say(v, v.lang, 'minutes.pdf.slipKey', {
            key: p.signer.keyFingerprint,
            date: formatDayOf(p.sealedAt, zoneOf(p)),
          }),
          x + 8,
          doc.y + 2,
          { width: w - 16, height: 20 },
        );
      const how = label(v, 'minutes.pdf.slipHow');
      doc
        .font(FONT.regular)
        .fontSize(7)
        .text(how.main, x + 8, doc.y + 3, { width: w - 16, height: 30 });
      if (how.second)
        doc.fontSize(6.5).text(how.second, x + 8, doc.y + 1, { width: w - 16, height: 30 });
    }
}
