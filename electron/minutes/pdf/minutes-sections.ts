// The sections of the Acta, in reading order: title and seal, attendance by organisation,
// proposals and rejections with reasons (the votes, criteria and prioritised list are in
// minutes-votes.ts; matters, agreements, committee, closing, the signature sheet and the
// attendees' slips in minutes-closing.ts). Each draws only what the payload says.
import { fingerprint as fingerprintOf } from '../../../shared/fingerprint';
import { formatDateTime, formatInteger, formatSoles } from '../../../shared/format';
import { zoneOf } from './minutes-zone';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import {
  clean,
  contentWidth,
  fieldGrid,
  FONT,
  heading,
  label,
  type Doc,
  type Voice,
  say,
} from '../../platform/pdf/document';
import { both, para, room, section, table, tableStyle, totalsBoxes } from './minutes-blocks';
import { Table, type Column } from '../../platform/pdf/table';
import { drawsBasis, envelopeNote } from './minutes-basis';
import { dayText, nameText, traitsOf, wordKey } from './minutes-layouts';
import { cofinancingColumn, zoneLine } from './minutes-setup';

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
  zoneLine(doc, p, v);
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
        text: (x) => dayText(p, x.date, v.lang),
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
    say(v, v.lang, 'minutes.pdf.sealText', { fingerprint, key: p.signer.keyFingerprint }),
    say(v, v.lang, 'minutes.pdf.chainText', {
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
  // Layout 8: who held a vote (one per organisation under that rule), not every member with one.
  const held = traitsOf(p).heldVote && a.voteHolders !== undefined;
  section(doc, v, 'minutes.pdf.attendance');
  totalsBoxes(doc, v, [
    ['minutes.pdf.totalPeople', a.people],
    ['minutes.pdf.totalOrganizations', a.organizations],
    ['pdf.accredited.totalWomen', a.women],
    ['pdf.accredited.totalMen', a.men],
    ['minutes.pdf.totalSexNotStated', a.other],
    held
      ? ['minutes.pdf.totalHeldVote', a.voteHolders ?? 0]
      : ['minutes.pdf.totalVote', a.voiceAndVote],
  ]);
  para(
    doc,
    say(v, v.lang, wordKey(p, 'minutes.pdf.convocation'), {
      invited: p.convocation.organizationsInvited,
      invitations: p.convocation.invitations,
      late: p.convocation.late,
      days: p.workshop.minNoticeDays,
    }),
  );
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.signMethods', { thumbprint: a.thumbprint, ruego: a.ruego }),
  );
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
    const name = o.id === null ? say(v, v.lang, 'attendance.noOrganization') : o.name;
    const type = say(v, v.lang, `attendance.orgType.${o.type}`);
    tb.group(`${name} — ${type}${o.community ? ` — ${o.community}` : ''} (${o.people.length})`);
    for (const x of o.people)
      tb.row({
        n: ++n,
        name: x.name,
        dni: x.dni,
        role: say(v, v.lang, `attendance.role.${x.role}`),
        sex: say(v, v.lang, `attendance.sexOne.${x.sex}`),
        voice:
          held && x.heldVote !== undefined
            ? say(v, v.lang, x.heldVote ? 'minutes.pdf.heldVote' : 'minutes.pdf.voiceNoVote')
            : say(v, v.lang, `attendance.voice.${x.voice}`),
        venues: x.venueIds.map((id) => venueName.get(id) ?? '?').join(', '),
        sign:
          x.signMethod === 'ruego'
            ? say(v, v.lang, 'minutes.pdf.sign.ruego', { witness: x.witness })
            : say(v, v.lang, `minutes.pdf.sign.${x.signMethod}`),
      });
  }
  tb.end();
}

export function proposalsSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.proposals');
  const admitted = p.proposals.filter((x) => x.status === 'admitted').length;
  para(
    doc,
    say(v, v.lang, wordKey(p, 'minutes.pdf.proposalsSummary'), {
      total: p.proposals.length,
      admitted,
      rejected: p.rejected.length,
      pending: p.proposals.length - admitted - p.rejected.length,
    }),
  );
  doc.moveDown(0.3);
  type P = MinutesPayload['proposals'][number];
  // Layout 8 adds the co-financing column (adv28 F4), in points of the 535 between the margins
  // so that a 7-digit CUI, an amount in millions, "1,234 personas" and "Rechazada" keep one line.
  const l8 = traitsOf(p).cofinancing;
  table<P>(
    doc,
    v,
    [
      { header: label(v, 'minutes.pdf.col.code'), weight: 40, bold: true, text: (x) => x.code },
      {
        header: label(v, 'minutes.pdf.col.cui'),
        weight: l8 ? 46 : 48,
        align: 'center',
        text: (x) => x.cui,
      },
      { header: label(v, 'minutes.pdf.col.project'), weight: l8 ? 105 : 156, text: (x) => x.title },
      {
        header: label(v, 'minutes.pdf.col.sector'),
        weight: l8 ? 70 : 72,
        text: (x) => nameText(p, v.lang, x.sector),
      },
      {
        header: label(v, 'minutes.pdf.col.amount'),
        weight: 76,
        align: 'right',
        text: (x) => formatSoles(x.estimatedCostCents),
      },
      // Layout 8 (adv28 F4): the plan reconciliation reads it; the page shows it.
      ...(l8 ? [cofinancingColumn<P>(v, 68)] : []),
      {
        // As recorded: "320 familias", "45 estudiantes" (no unit in the payload = people).
        header: label(v, 'minutes.pdf.col.beneficiaries'),
        weight: l8 ? 74 : 76,
        align: 'right',
        text: (x) =>
          x.beneficiaries > 0
            ? say(
                v,
                v.lang,
                wordKey(p, `proposals.beneficiaries.${x.beneficiaryUnit ?? 'people'}`),
                {
                  n: formatInteger(x.beneficiaries),
                },
              )
            : '—',
      },
      {
        header: label(v, 'minutes.pdf.col.status'),
        weight: 56,
        text: (x) => say(v, v.lang, `minutes.pdf.status.${x.status}`),
      },
    ],
    p.proposals,
  );
}

export function rejectedSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.rejected');
  if (p.rejected.length === 0) {
    para(doc, say(v, v.lang, 'minutes.pdf.none'));
    return;
  }
  type R = MinutesPayload['rejected'][number];
  // Layout 8 adds the CUI (adv28 F4; in points, as the proposals table).
  const l8 = traitsOf(p).rejectedCui;
  table<R>(
    doc,
    v,
    [
      { header: label(v, 'minutes.pdf.col.code'), weight: 40, bold: true, text: (x) => x.code },
      ...(l8
        ? [
            {
              header: label(v, 'minutes.pdf.col.cui'),
              weight: 46,
              align: 'center' as const,
              text: (x: R) => x.cui,
            },
          ]
        : []),
      {
        header: label(v, 'minutes.pdf.col.project'),
        weight: l8 ? 105 : 150,
        text: (x) => x.title,
      },
      {
        header: label(v, 'minutes.pdf.col.amount'),
        weight: l8 ? 76 : 84,
        align: 'right',
        text: (x) => formatSoles(x.estimatedCostCents),
      },
      {
        header: label(v, 'minutes.pdf.col.reason'),
        weight: l8 ? 120 : 110,
        // Every reason, the main one first; one reason draws as it always did.
        text: (x) =>
          [x.reason, ...(x.alsoReasons ?? [])]
            .filter(Boolean)
            .map((r) => say(v, v.lang, `proposals.reason.${r}`))
            .join('; '),
      },
      {
        header: label(v, 'minutes.pdf.col.explanation'),
        weight: l8 ? 148 : 170,
        text: (x) => x.explanation,
      },
    ],
    p.rejected,
  );
}
