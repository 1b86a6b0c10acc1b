// The Acta de Acuerdos y Compromisos: drawn only from the signed payload, so that a
// verifier can draw it again from the attachment and compare. A4 portrait, black on
// white; every page carries the payload's short fingerprint (groups to read aloud), the
// key's fingerprint, "page x of y" and one QR code (hash + key fingerprint). The signature
// sheet turns landscape to leave room to sign and for a thumbprint. Same payload and
// options → the same bytes (dates fixed to the seal time).
import QRCode from 'qrcode';
import { formatInteger, formatLongDate, formatSoles } from '../../shared/format';
import { t, type Lang } from '../../shared/i18n';
import type {
  AddendumPayload,
  MinutesPayload,
  MinutesRound,
  SignatureFile,
} from '../../shared/minutes/payload';
import { PAYLOAD_ATTACHMENT, SIGNATURE_ATTACHMENT } from '../../shared/minutes/payload';
import {
  bottomLimit,
  clean,
  CM,
  contentWidth,
  createDocument,
  fieldGrid,
  FONT,
  heading,
  hRule,
  label,
  MARGIN,
  RULE,
  toBuffer,
  voice,
  type Doc,
  type Voice,
} from './document';
import { Table, type Column } from './table';

/** Bumped whenever the drawing changes: a verifier re-draws only PDFs of its own layout. */
export const MINUTES_LAYOUT = 1;

/** Room at the foot of every page for the fingerprint band and the QR code. */
const FOOT = 92;
const QR_SIZE = 62;
const THUMB = 1.6 * CM;

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

const both = (v: Voice, key: string, params?: Record<string, string | number>) => {
  const l = label(v, key, params);
  return l.second ? `${l.main} / ${l.second}` : l.main;
};

/** The QR text: upper-case alphanumeric mode keeps the symbol small. */
export function qrText(payloadSha256: string, keyFingerprint: string): string {
  return `MINKA:${payloadSha256.toUpperCase()}:${keyFingerprint}`;
}

/** Draw a QR symbol as vector squares (sharp on any printer, same bytes every time). */
function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  doc.save().fillColor(RULE.black);
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < n && qr.modules.get(r, end)) end++;
      doc.rect(x + (quiet + c) * cell, y + (quiet + r) * cell, (end - c) * cell, cell);
      c = end;
    }
  }
  doc.fill();
  doc.restore();
}

interface Band {
  voice: Voice;
  caption: string;
  fingerprint: string;
  keyFingerprint: string;
  qr: string;
}

/** The foot of every page: caption, fingerprints in large groups, page x of y, QR code. */
function paintBand(doc: Doc, b: Band): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const { left, right } = doc.page.margins;
    const width = doc.page.width - left - right;
    const top = doc.page.height - FOOT + 6;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    hRule(doc, top, RULE.thin, RULE.grey);
    drawQr(doc, b.qr, left + width - QR_SIZE, top + 3, QR_SIZE);
    const textW = width - QR_SIZE - 10;
    const fp = t(b.voice.lang, 'minutes.pdf.fingerprint', { fingerprint: b.fingerprint });
    doc
      .font(FONT.bold)
      .fontSize(12)
      .text(fp, left, top + 7, { width: textW, lineBreak: false, height: 16 });
    const key = t(b.voice.lang, 'minutes.pdf.keyFingerprint', { fingerprint: b.keyFingerprint });
    doc
      .font(FONT.regular)
      .fontSize(8)
      .text(key, left, top + 24, { width: textW, lineBreak: false, height: 11 });
    doc
      .font(FONT.regular)
      .fontSize(7)
      .text(clean(b.caption), left, top + 36, { width: textW, height: 18, ellipsis: true });
    const page = t(b.voice.lang, 'minutes.pdf.page', { page: i + 1, pages: range.count });
    doc
      .font(FONT.bold)
      .fontSize(10)
      .text(page, left, top + 56, { width: textW, lineBreak: false, height: 13 });
    doc.page.margins.bottom = saved;
  }
}

/** Keep `height` points together: start a new page when less room is left. */
function room(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.x = doc.page.margins.left;
}

function section(doc: Doc, v: Voice, key: string, params?: Record<string, string | number>): void {
  room(doc, 70);
  doc.moveDown(0.6);
  heading(doc, label(v, key, params), { size: 13 });
  hRule(doc, doc.y + 1, RULE.heavy);
  doc.y += 6;
}

function para(doc: Doc, text: string, size = 9.5, bold = false): void {
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(size)
    .text(clean(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
}

const tableStyle = {
  fontSize: 8.5,
  headerSize: 8,
  padding: 3.5,
  minRowHeight: 16,
  maxRowHeight: 120,
};

function table<R>(doc: Doc, v: Voice, cols: Column<R>[], rows: R[]): void {
  const tb = new Table<R>(doc, cols, tableStyle, label(v, 'pdf.continued').main);
  for (const r of rows) tb.row(r);
  tb.end();
}

function titleBlock(doc: Doc, p: MinutesPayload, v: Voice, r: MinutesRender): void {
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
        value: formatLongDate(p.sealedAt.slice(0, 10), v.lang),
      },
    ],
    { columns: 4, size: 10 },
  );
  doc.moveDown(0.5);
  type VRow = MinutesPayload['venues'][number];
  table<VRow>(
    doc,
    v,
    [
      { header: label(v, 'pdf.attendance.venue'), weight: 110, bold: true, text: (x) => x.name },
      { header: label(v, 'pdf.attendance.place'), weight: 170, text: (x) => x.place },
      {
        header: label(v, 'pdf.attendance.date'),
        weight: 120,
        text: (x) => formatLongDate(x.date, v.lang),
      },
      {
        header: label(v, 'minutes.pdf.attendees'),
        weight: 60,
        align: 'right',
        text: (x) => formatInteger(x.attendees),
      },
    ],
    p.venues,
  );
  // The seal in words: what the fingerprint on every page stands for.
  const box = { x: doc.page.margins.left, y: doc.y, w: contentWidth(doc) };
  doc.font(FONT.regular).fontSize(8.5);
  const lines = [
    t(v.lang, 'minutes.pdf.sealText', { fingerprint: r.fingerprint, key: p.signer.keyFingerprint }),
    t(v.lang, 'minutes.pdf.chainText', {
      length: formatInteger(p.chain.length),
      head: p.chain.head.slice(0, 16).toUpperCase(),
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

function totalsBoxes(doc: Doc, v: Voice, items: [string, number][]): void {
  room(doc, 56);
  const left = doc.page.margins.left;
  const gap = 6;
  const w = (contentWidth(doc) - gap * (items.length - 1)) / items.length;
  const top = doc.y;
  const h = v.second ? 46 : 38;
  items.forEach(([key, value], i) => {
    const x = left + i * (w + gap);
    doc.save().lineWidth(0.8).rect(x, top, w, h).stroke().restore();
    doc
      .font(FONT.bold)
      .fontSize(14)
      .text(formatInteger(value), x, top + 4, { width: w, align: 'center' });
    const l = label(v, key);
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .text(l.main, x + 2, doc.y, { width: w - 4, align: 'center' });
    if (l.second) doc.fontSize(6.5).text(l.second, x + 2, doc.y, { width: w - 4, align: 'center' });
  });
  doc.x = left;
  doc.y = top + h + 8;
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

function attendanceSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  const a = p.attendance.totals;
  section(doc, v, 'minutes.pdf.attendance');
  totalsBoxes(doc, v, [
    ['minutes.pdf.totalPeople', a.people],
    ['minutes.pdf.totalOrganizations', a.organizations],
    ['pdf.accredited.totalWomen', a.women],
    ['pdf.accredited.totalMen', a.men],
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

function proposalsSection(doc: Doc, p: MinutesPayload, v: Voice): void {
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
      { header: label(v, 'minutes.pdf.col.project'), weight: 200, text: (x) => x.title },
      { header: label(v, 'minutes.pdf.col.sector'), weight: 80, text: (x) => x.sector },
      {
        header: label(v, 'minutes.pdf.col.amount'),
        weight: 80,
        align: 'right',
        text: (x) => formatSoles(x.estimatedCostCents),
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

/** One bar per item, black on white; the value is printed beside the bar so a photocopy still reads. */
function barChart(doc: Doc, r: MinutesRound): void {
  const items = r.items;
  if (items.length === 0) return;
  const value = (x: MinutesRound['items'][number]) => x.points ?? x.votes;
  const max = Math.max(1, ...items.map(value));
  const rowH = 12;
  room(doc, Math.min(items.length, 12) * rowH + 10);
  const left = doc.page.margins.left;
  const labelW = 150;
  const barMax = contentWidth(doc) - labelW - 60;
  for (const x of items) {
    room(doc, rowH);
    const y = doc.y;
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .text(clean(x.code || x.label), left, y + 2, {
        width: labelW - 6,
        height: rowH,
        ellipsis: true,
        lineBreak: false,
      });
    const w = (barMax * value(x)) / max;
    doc
      .save()
      .lineWidth(0.5)
      .rect(left + labelW, y + 2, barMax, rowH - 4)
      .stroke(RULE.grey)
      .restore();
    if (w > 0)
      doc
        .save()
        .rect(left + labelW, y + 2, w, rowH - 4)
        .fill(RULE.black)
        .restore();
    doc
      .font(FONT.bold)
      .fontSize(7.5)
      .text(formatInteger(value(x)), left + labelW + barMax + 4, y + 2, {
        width: 52,
        lineBreak: false,
        height: rowH,
      });
    doc.y = y + rowH;
  }
  doc.x = left;
  doc.y += 6;
}

function roundsSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.rounds');
  if (p.rounds.length === 0) {
    para(doc, t(v.lang, 'minutes.pdf.noRounds'));
    return;
  }
  for (const r of p.rounds) {
    room(doc, 90);
    doc.moveDown(0.4);
    para(doc, r.title, 10.5, true);
    const kind =
      t(v.lang, `minutes.pdf.roundKind.${r.kind}`) +
      (r.ballotType ? ` (${t(v.lang, `minutes.pdf.ballotType.${r.ballotType}`)})` : '');
    const venue = p.venues.find((x) => x.id === r.venueId)?.name ?? '';
    para(
      doc,
      t(v.lang, 'minutes.pdf.roundLine', {
        kind,
        venue,
        day: r.day ? formatLongDate(r.day, v.lang) : '',
        tieBreak: t(v.lang, `minutes.pdf.tieBreak.${r.tieBreak}`),
      }),
      8.5,
    );
    if (r.state !== 'closed' || !r.entitled) {
      para(doc, t(v.lang, 'minutes.pdf.roundNotClosed', { state: r.state }), 8.5);
      continue;
    }
    para(
      doc,
      t(v.lang, 'minutes.pdf.entitled', {
        entitled: r.entitled.count,
        present: r.entitled.present,
        rule: t(v.lang, `minutes.pdf.voteRule.${r.entitled.voteRule}`),
        ballots: r.ballots ?? '—',
      }),
      8.5,
    );
    doc.moveDown(0.3);
    type I = MinutesRound['items'][number] & { n: number };
    const withPoints = r.items.some((x) => x.points !== null);
    const withShare = r.items.some((x) => x.shareCents !== null);
    const cols: Column<I>[] = [
      { header: label(v, 'pdf.col.number'), weight: 22, align: 'right', text: (x) => String(x.n) },
      { header: label(v, 'minutes.pdf.col.item'), weight: 260, text: (x) => x.label },
      {
        header: label(v, 'minutes.pdf.col.votes'),
        weight: 50,
        align: 'right',
        bold: true,
        text: (x) => formatInteger(x.votes),
      },
    ];
    if (withPoints)
      cols.push({
        header: label(v, 'minutes.pdf.col.points'),
        weight: 50,
        align: 'right',
        text: (x) => (x.points === null ? '' : formatInteger(x.points)),
      });
    if (withShare)
      cols.push({
        header: label(v, 'minutes.pdf.col.share'),
        weight: 80,
        align: 'right',
        text: (x) => (x.shareCents === null ? '' : formatSoles(x.shareCents)),
      });
    table<I>(
      doc,
      v,
      cols,
      r.items.map((x, i) => ({ ...x, n: i + 1 })),
    );
    barChart(doc, r);
    const holders = r.entitled.holders.map((h) =>
      h.organization ? `${h.organization}: ${h.name}` : h.name,
    );
    if (holders.length) para(doc, `${t(v.lang, 'minutes.pdf.holders')}: ${holders.join('; ')}`, 7);
  }
}

function criteriaSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  const c = p.criteria;
  if (!c) return;
  section(doc, v, 'minutes.pdf.criteria');
  para(
    doc,
    c.criteria
      .map((x) =>
        t(v.lang, 'minutes.pdf.criterion', { name: x.name, weight: x.weight, scale: x.scaleMax }),
      )
      .join(' · ') + ` · ${t(v.lang, 'minutes.pdf.votesWeight', { weight: c.votesWeight })}`,
    8.5,
  );
  doc.moveDown(0.3);
  type Row = MinutesPayload extends { criteria: infer X }
    ? X extends { rows: (infer R)[] }
      ? R
      : never
    : never;
  const cols: Column<Row>[] = [
    { header: label(v, 'minutes.pdf.col.code'), weight: 40, bold: true, text: (x) => x.code },
    { header: label(v, 'minutes.pdf.col.project'), weight: 200, text: (x) => x.title },
    ...c.criteria.map((cr) => ({
      header: { main: `${cr.name} (${cr.weight}%)`, second: null },
      weight: 56,
      align: 'center' as const,
      text: (x: Row) =>
        x.scores[cr.id] === null || x.scores[cr.id] === undefined ? '—' : String(x.scores[cr.id]),
    })),
    {
      header: label(v, 'minutes.pdf.col.total'),
      weight: 50,
      align: 'right',
      bold: true,
      text: (x) => (x.complete ? x.display : `${x.display}*`),
    },
  ];
  table<Row>(doc, v, cols, c.rows);
}

function prioritizedSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.prioritized');
  const pr = p.prioritized;
  if (!pr) {
    para(doc, t(v.lang, 'minutes.pdf.noPrioritized'));
    return;
  }
  para(
    doc,
    t(v.lang, 'minutes.pdf.prioritizedLine', {
      method: pr.method,
      envelope: formatSoles(pr.envelopeCents),
      funded: formatSoles(pr.fundedTotalCents),
      count: pr.items.filter((x) => x.funded).length,
    }),
  );
  doc.moveDown(0.3);
  type It = MinutesPayload extends { prioritized: infer X }
    ? X extends { items: (infer R)[] }
      ? R
      : never
    : never;
  const cols: Column<It>[] = [
    {
      header: label(v, 'minutes.pdf.col.rank'),
      weight: 24,
      align: 'right',
      text: (x) => String(x.rank),
    },
    { header: label(v, 'minutes.pdf.col.code'), weight: 38, bold: true, text: (x) => x.code },
    { header: label(v, 'minutes.pdf.col.cui'), weight: 46, align: 'center', text: (x) => x.cui },
    { header: label(v, 'minutes.pdf.col.project'), weight: 170, text: (x) => x.title },
    { header: label(v, 'minutes.pdf.col.score'), weight: 38, align: 'right', text: (x) => x.score },
    {
      header: label(v, 'minutes.pdf.col.amount'),
      weight: 70,
      align: 'right',
      bold: true,
      text: (x) => formatSoles(x.amountCents),
    },
    {
      header: label(v, 'minutes.pdf.col.cumulative'),
      weight: 72,
      align: 'right',
      text: (x) => formatSoles(x.cumulativeCents),
    },
  ];
  const funded = pr.items.filter((x) => x.funded);
  const rest = pr.items.filter((x) => !x.funded);
  table<It>(doc, v, cols, funded);
  // The envelope line: a double rule with the ceiling written on it.
  room(doc, 40);
  const y = doc.y - 4;
  hRule(doc, y, 2);
  hRule(doc, y + 3, 0.8);
  doc.y = y + 6;
  para(
    doc,
    t(v.lang, 'minutes.pdf.envelopeLine', {
      envelope: formatSoles(pr.envelopeCents),
      funded: formatSoles(pr.fundedTotalCents),
      left: formatSoles(pr.envelopeCents - pr.fundedTotalCents),
    }),
    9.5,
    true,
  );
  doc.moveDown(0.4);
  if (rest.length) {
    para(doc, t(v.lang, 'minutes.pdf.belowLine'), 9, true);
    table<It>(doc, v, cols, rest);
  }
}

function rejectedSection(doc: Doc, p: MinutesPayload, v: Voice): void {
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
        text: (x) => (x.reason ? t(v.lang, `proposals.reason.${x.reason}`) : ''),
      },
      { header: label(v, 'minutes.pdf.col.explanation'), weight: 170, text: (x) => x.explanation },
    ],
    p.rejected,
  );
}

function numbered(
  doc: Doc,
  v: Voice,
  items: { text: string; sub: string }[],
  emptyKey: string,
): void {
  if (items.length === 0) {
    para(doc, t(v.lang, emptyKey));
    return;
  }
  items.forEach((x, i) => {
    room(doc, 30);
    doc
      .font(FONT.bold)
      .fontSize(9.5)
      .text(`${i + 1}.`, doc.page.margins.left, doc.y, { continued: false, width: 18 });
    doc.moveUp();
    doc
      .font(FONT.regular)
      .fontSize(9.5)
      .text(clean(x.text), doc.page.margins.left + 18, doc.y, { width: contentWidth(doc) - 18 });
    if (x.sub)
      doc
        .font(FONT.regular)
        .fontSize(8)
        .text(clean(x.sub), doc.page.margins.left + 18, doc.y, { width: contentWidth(doc) - 18 });
    doc.moveDown(0.3);
  });
}

function closingSections(doc: Doc, p: MinutesPayload, v: Voice): void {
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
        a.due ? t(v.lang, 'minutes.pdf.due', { date: formatLongDate(a.due, v.lang) }) : '',
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

function signatureSheet(doc: Doc, p: MinutesPayload, v: Voice): void {
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
  doc.moveDown(0.4);
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
function slips(doc: Doc, p: MinutesPayload, v: Voice, fp: string): void {
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
            date: formatLongDate(p.sealedAt.slice(0, 10), v.lang),
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
  const v = voice(r.signature.render.lang, r.signature.render.bilingual);
  const at = new Date(p.sealedAt);
  const title = label(v, 'minutes.pdf.title').main;
  const doc = newDoc(
    `${title} — ${p.workshop.municipality} ${p.workshop.fiscalYear}`,
    p.workshop.title,
    v.lang,
    at,
  );
  titleBlock(doc, p, v, r);
  attendanceSection(doc, p, v);
  proposalsSection(doc, p, v);
  roundsSection(doc, p, v);
  criteriaSection(doc, p, v);
  prioritizedSection(doc, p, v);
  rejectedSection(doc, p, v);
  closingSections(doc, p, v);
  signatureSheet(doc, p, v);
  if (r.signature.render.slips) slips(doc, p, v, r.fingerprint);
  paintBand(doc, {
    voice: v,
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
  const v = voice(r.signature.render.lang, r.signature.render.bilingual);
  const at = new Date(p.createdAt);
  const title = label(v, 'minutes.pdf.addendumTitle', { n: p.n }).main;
  const doc = newDoc(`${title} — ${p.title} ${p.fiscalYear}`, p.municipality, v.lang, at);
  doc.font(FONT.regular).fontSize(10).text(clean(p.municipality));
  heading(doc, label(v, 'minutes.pdf.addendumTitle', { n: p.n }), { size: 16 });
  doc.font(FONT.bold).fontSize(10.5).text(clean(p.title));
  doc.moveDown(0.5);
  para(
    doc,
    t(v.lang, 'minutes.pdf.addendumRef', {
      fingerprint: p.originalFingerprint,
      hash: p.originalHash,
    }),
    9,
  );
  doc.moveDown(0.6);
  para(doc, p.text, 11);
  doc.moveDown(2);
  para(doc, t(v.lang, 'minutes.pdf.addendumSign'), 9);
  paintBand(doc, {
    voice: v,
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
