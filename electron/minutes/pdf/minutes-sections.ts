// The sections of the Acta, in reading order: title and seal, attendance by organisation,
// proposals, votes (table and bar chart), criteria matrix, the prioritised list with the
// envelope line, rejections with reasons, matters, agreements, committee, closing, the
// signature sheet and the attendees' slips. Each draws only what the payload says.
import { fingerprint as fingerprintOf } from '../../../shared/fingerprint';
import {
  formatDate,
  formatDateTime,
  formatDayOf,
  formatInteger,
  formatSoles,
} from '../../../shared/format';
import { zoneOf } from './minutes-zone';
import { t } from '../../../shared/i18n';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import {
  bottomLimit,
  clean,
  CM,
  contentWidth,
  fieldGrid,
  FONT,
  heading,
  label,
  type Doc,
  type Voice,
} from '../../platform/pdf/document';
import {
  both,
  numbered,
  para,
  room,
  section,
  table,
  tableStyle,
  totalsBoxes,
} from './minutes-blocks';
import { Table, type Column } from '../../platform/pdf/table';
import { digitalSignatures } from './minutes-digital';
import { drawsBasis, envelopeNote } from './minutes-basis';

const THUMB = 1.6 * CM;

export function titleBlock(doc: Doc, p: MinutesPayload, v: Voice, fingerprint: string): void {
  doc.font(FONT.regular).fontSize(10).text(clean(p.workshop.municipality));
  heading(doc, label(v, 'minutes.pdf.title'), { size: 17 });
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(10.5).text(clean(p.workshop.title));
  doc.moveDown(0.4);
  fieldGrid(
    doc,
    [
      { label: both(v, 'pdf.fiscalYear'), value: String(p.workshop.fiscalYear) },
      { label: both(v, 'minutes.pdf.ubigeo'), value: p.workshop.ubigeo },
      { label: both(v, 'minutes.pdf.envelope'), value: formatSoles(p.workshop.envelopeCents) },
      {
        label: both(v, 'minutes.pdf.sealedAt'),
        value: formatDateTime(p.sealedAt, zoneOf(p)),
      },
    ],
    { columns: 4, size: 10 },
  );
  doc.moveDown(0.5);
  if (drawsBasis(p)) envelopeNote(doc, p, v);
  // Attendees of each venue by sex, "sin dato" apart, as the attendance screens count them.
  type VRow = MinutesPayload['venues'][number];
  const bySex = venueSexCounts(p);
  const sexCol = (sex: 'F' | 'M' | 'X', key: string): Column<VRow> => ({
    header: label(v, key),
    weight: 42,
    align: 'right',
    text: (x) => formatInteger(bySex.get(x.id)?.[sex] ?? 0),
  });
  table<VRow>(
    doc,
    v,
    [
      { header: label(v, 'pdf.attendance.venue'), weight: 120, bold: true, text: (x) => x.name },
      { header: label(v, 'pdf.attendance.place'), weight: 100, text: (x) => x.place },
      {
        header: label(v, 'pdf.attendance.date'),
        weight: 94,
        text: (x) => formatDate(x.date),
      },
      {
        header: label(v, 'minutes.pdf.attendees'),
        weight: 54,
        align: 'right',
        text: (x) => formatInteger(x.attendees),
      },
      sexCol('F', 'attendance.sex.F'),
      sexCol('M', 'attendance.sex.M'),
      sexCol('X', 'attendance.sex.X'),
    ],
    p.venues,
  );
  // The seal in words: what the fingerprint on every page stands for.
  const box = { x: doc.page.margins.left, y: doc.y, w: contentWidth(doc) };
  doc.font(FONT.regular).fontSize(8.5);
  const lines = [
    t(v.lang, 'minutes.pdf.sealText', { fingerprint, key: p.signer.keyFingerprint }),
    t(v.lang, 'minutes.pdf.chainText', {
      length: formatInteger(p.chain.length),
      head: fingerprintOf(p.chain.head),
    }),
  ];
  const h = lines.reduce((s, l) => s + doc.heightOfString(l, { width: box.w - 12 }), 0) + 12;
  room(doc, h + 4);
  const y0 = doc.y;
  doc.save().lineWidth(1).rect(box.x, y0, box.w, h).stroke().restore();
  doc.y = y0 + 6;
  for (const l of lines) doc.text(l, box.x + 6, doc.y, { width: box.w - 12 });
  doc.y = y0 + h + 4;
  doc.x = doc.page.margins.left;
}

/** Venue id → attendees there by sex, from the people listed (each person once per venue). */
function venueSexCounts(p: MinutesPayload): Map<string, Record<'F' | 'M' | 'X', number>> {
  const out = new Map<string, Record<'F' | 'M' | 'X', number>>();
  for (const o of p.attendance.organizations)
    for (const x of o.people)
      for (const id of new Set(x.venueIds)) {
        const c = out.get(id) ?? { F: 0, M: 0, X: 0 };
        c[x.sex] += 1;
        out.set(id, c);
      }
  return out;
}

interface PersonRow {
  n: number;
  name: string;
  dni: string;
  role: string;
  sex: string;
  voice: string;
  venues: string;
  sign: string;
}

export function attendanceSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  const a = p.attendance.totals;
  section(doc, v, 'minutes.pdf.attendance');
  totalsBoxes(doc, v, [
    ['minutes.pdf.totalPeople', a.people],
    ['minutes.pdf.totalOrganizations', a.organizations],
    ['pdf.accredited.totalWomen', a.women],
    ['pdf.accredited.totalMen', a.men],
    ['minutes.pdf.totalSexNotStated', a.other],
    ['minutes.pdf.totalVote', a.voiceAndVote],
  ]);
  para(
    doc,
    t(v.lang, 'minutes.pdf.convocation', {
      invited: p.convocation.organizationsInvited,
      invitations: p.convocation.invitations,
      late: p.convocation.late,
      days: p.workshop.minNoticeDays,
    }),
  );
  para(doc, t(v.lang, 'minutes.pdf.signMethods', { thumbprint: a.thumbprint, ruego: a.ruego }));
  doc.moveDown(0.4);
  const venueName = new Map(p.venues.map((x, i) => [x.id, String(i + 1)]));
  para(doc, p.venues.map((x, i) => `${i + 1} = ${x.name}`).join(' · '), 7.5);
  doc.moveDown(0.3);
  const tb = new Table<PersonRow>(
    doc,
    [
      { header: label(v, 'pdf.col.number'), weight: 24, align: 'right', text: (r) => String(r.n) },
      { header: label(v, 'pdf.col.name'), weight: 160, bold: true, text: (r) => r.name },
      { header: label(v, 'pdf.col.dni'), weight: 54, align: 'center', text: (r) => r.dni },
      { header: label(v, 'pdf.col.role'), weight: 56, text: (r) => r.role },
      { header: label(v, 'pdf.col.sex'), weight: 40, text: (r) => r.sex },
      { header: label(v, 'pdf.col.voice'), weight: 52, text: (r) => r.voice },
      {
        header: label(v, 'minutes.pdf.venuesCol'),
        weight: 40,
        align: 'center',
        text: (r) => r.venues,
      },
      { header: label(v, 'minutes.pdf.signCol'), weight: 58, text: (r) => r.sign },
    ],
    { ...tableStyle, minRowHeight: 15 },
    label(v, 'pdf.continued').main,
  );
  let n = 0;
  for (const o of p.attendance.organizations) {
    const name = o.id === null ? t(v.lang, 'attendance.noOrganization') : o.name;
    const type = t(v.lang, `attendance.orgType.${o.type}`);
    tb.group(`${name} — ${type}${o.community ? ` — ${o.community}` : ''} (${o.people.length})`);
    for (const x of o.people)
      tb.row({
        n: ++n,
        name: x.name,
        dni: x.dni,
        role: t(v.lang, `attendance.role.${x.role}`),
        sex: t(v.lang, `attendance.sexOne.${x.sex}`),
        voice: t(v.lang, `attendance.voice.${x.voice}`),
        venues: x.venueIds.map((id) => venueName.get(id) ?? '?').join(', '),
        sign:
          x.signMethod === 'ruego'
            ? t(v.lang, 'minutes.pdf.sign.ruego', { witness: x.witness })
            : t(v.lang, `minutes.pdf.sign.${x.signMethod}`),
      });
  }
  tb.end();
}

export function proposalsSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.proposals');
  const admitted = p.proposals.filter((x) => x.status === 'admitted').length;
  para(
    doc,
    t(v.lang, 'minutes.pdf.proposalsSummary', {
      total: p.proposals.length,
      admitted,
      rejected: p.rejected.length,
      pending: p.proposals.length - admitted - p.rejected.length,
    }),
  );
  doc.moveDown(0.3);
  type P = MinutesPayload['proposals'][number];
  table<P>(
    doc,
    v,
    [
      { header: label(v, 'minutes.pdf.col.code'), weight: 40, bold: true, text: (x) => x.code },
      { header: label(v, 'minutes.pdf.col.cui'), weight: 48, align: 'center', text: (x) => x.cui },
      { header: label(v, 'minutes.pdf.col.project'), weight: 156, text: (x) => x.title },
      { header: label(v, 'minutes.pdf.col.sector'), weight: 72, text: (x) => x.sector },
      {
        header: label(v, 'minutes.pdf.col.amount'),
        weight: 76,
        align: 'right',
        text: (x) => formatSoles(x.estimatedCostCents),
      },
      {
        // As recorded: "320 familias", "45 estudiantes" (no unit in the payload = people).
        header: label(v, 'minutes.pdf.col.beneficiaries'),
        weight: 76,
        align: 'right',
        text: (x) =>
          x.beneficiaries > 0
            ? t(v.lang, `proposals.beneficiaries.${x.beneficiaryUnit ?? 'people'}`, {
                n: formatInteger(x.beneficiaries),
              })
            : '—',
      },
      {
        header: label(v, 'minutes.pdf.col.status'),
        weight: 56,
        text: (x) => t(v.lang, `minutes.pdf.status.${x.status}`),
      },
    ],
    p.proposals,
  );
}

export function rejectedSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.rejected');
  if (p.rejected.length === 0) {
    para(doc, t(v.lang, 'minutes.pdf.none'));
    return;
  }
  type R = MinutesPayload['rejected'][number];
  table<R>(
    doc,
    v,
    [
      { header: label(v, 'minutes.pdf.col.code'), weight: 40, bold: true, text: (x) => x.code },
      { header: label(v, 'minutes.pdf.col.project'), weight: 150, text: (x) => x.title },
      {
        header: label(v, 'minutes.pdf.col.amount'),
        weight: 84,
        align: 'right',
        text: (x) => formatSoles(x.estimatedCostCents),
      },
      {
        header: label(v, 'minutes.pdf.col.reason'),
        weight: 110,
        // Every reason, the main one first; one reason draws as it always did.
        text: (x) =>
          [x.reason, ...(x.alsoReasons ?? [])]
            .filter(Boolean)
            .map((r) => t(v.lang, `proposals.reason.${r}`))
            .join('; '),
      },
      { header: label(v, 'minutes.pdf.col.explanation'), weight: 170, text: (x) => x.explanation },
    ],
    p.rejected,
  );
}

export function closingSections(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.matters');
  numbered(
    doc,
    v,
    p.matters.map((m) => ({
      text: m.text,
      sub: m.raisedBy ? t(v.lang, 'minutes.pdf.raisedBy', { name: m.raisedBy }) : '',
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
        a.responsible ? t(v.lang, 'minutes.pdf.responsible', { name: a.responsible }) : '',
        a.due ? t(v.lang, 'minutes.pdf.due', { date: formatDate(a.due) }) : '',
      ]
        .filter(Boolean)
        .join(' · '),
    })),
    'minutes.pdf.none',
  );
  section(doc, v, 'minutes.pdf.committee');
  if (p.committee.length === 0) para(doc, t(v.lang, 'minutes.pdf.none'));
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
          text: (x) => t(v.lang, `minutes.role.${x.role}`),
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
    t(v.lang, 'minutes.pdf.signaturesLead', {
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
  para(doc, t(v.lang, 'minutes.pdf.signaturesClosing'), 9);
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
          t(v.lang, 'minutes.pdf.slipKey', {
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
