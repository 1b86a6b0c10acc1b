// The follow-up register on paper: "Historia de los acuerdos", what the oversight committee
// and the communities read to see what became of each agreement of earlier workshops. A4
// portrait, large plain type, black and white: every state has its mark (words.ts), never
// colour alone. A cover (the years held, each Acta's and plan's fingerprints, how many
// projects in each state), then one block per project with its history as a small table —
// worded by the same sentences as the screen and `minka followup` (shared/followup/words.ts).
// Every page's footer carries the register fingerprint: the first 16 hex digits of the
// SHA-256 of the register's canonical JSON, which rides along as minka-followup.json, so a
// page that travels alone can still be matched with its data.
import type { RegisterOutput } from '../../shared/channels/followup';
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import { fileSlug } from '../platform/slug';
import { formatDateTime, formatDayOf, formatSoles } from '../../shared/format';
import { entryText, sourceText, STATE_MARK, STATES } from '../../shared/followup/words';
import { t, type Params } from '../../shared/i18n';
import { sha256Hex } from '../platform/crypto/sign';
import {
  bottomLimit,
  clean,
  contentWidth,
  createDocument,
  fieldGrid,
  FONT,
  heading,
  hRule,
  label,
  paintPageFurniture,
  RULE,
  toBuffer,
  voice,
  type Doc,
  type RenderOptions,
  type Voice,
} from '../platform/pdf/document';
import { Table, type Column, type TableStyle } from '../platform/pdf/table';

export const FOLLOWUP_REPORT_ATTACHMENT = 'minka-followup.json';

export interface FollowupReportModel {
  /** As `followup:get` answers it. */
  register: RegisterOutput;
  /** This workshop (the one that holds the register). */
  workshop: { title: string; municipality: string; fiscalYear: number };
  /** The workshop's event chain when printed (said on the cover, not the register fingerprint). */
  chain: { length: number; fingerprint: string };
  /** Signer's key fingerprint when the report is signed. */
  keyFingerprint: string | null;
}

type Project = RegisterOutput['projects'][number];
type Entry = Project['timeline'][number];
type Minutes = RegisterOutput['minutes'][number];

/** SHA-256 (hex) of the register's canonical JSON (RFC 8785): what the printed fingerprint shortens. */
export function registerSha256(register: RegisterOutput): string {
  return sha256Hex(canonicalize(register));
}

export function followupReportFileName(
  municipality: string,
  fiscalYear: number,
  register: RegisterOutput,
): string {
  return `historia-acuerdos-${fileSlug(municipality, 40)}-${fiscalYear}-${fingerprint(registerSha256(register))}.pdf`;
}

/** The years a register speaks of: each Acta's year and this workshop's (carried proposals). */
export function yearsCovered(register: RegisterOutput): string {
  return [...new Set([...register.minutes.map((m) => m.fiscalYear), register.fiscalYear])]
    .sort((a, b) => a - b)
    .join(', ');
}

/** Large enough to read on a photocopy; rows leave air between the lines of a history. */
const TIMELINE: TableStyle = {
  fontSize: 10,
  headerSize: 9.5,
  padding: 4,
  minRowHeight: 20,
  maxRowHeight: 400,
};
const YEARS: TableStyle = {
  fontSize: 9.5,
  headerSize: 9,
  padding: 4,
  minRowHeight: 20,
  maxRowHeight: 300,
};
const BODY = 11;
const GAP_AFTER_PROJECT = 16;

/** Height a Table with these columns would take (header, and each row), measured as table.ts draws it. */
function measureTable<R>(
  doc: Doc,
  cols: Column<R>[],
  style: TableStyle,
  rows: R[],
): { header: number; rows: number[] } {
  const total = cols.reduce((s, c) => s + c.weight, 0);
  const widths = cols.map((c) => (c.weight / total) * contentWidth(doc) - 2 * style.padding);
  let header = 0;
  cols.forEach((c, i) => {
    const width = widths[i] ?? 0;
    doc.font(FONT.bold).fontSize(style.headerSize);
    let h = doc.heightOfString(clean(c.header.main), { width, align: 'center' });
    if (c.header.second) {
      doc.font(FONT.regular).fontSize(style.headerSize * 0.8);
      h += doc.heightOfString(clean(c.header.second), { width, align: 'center' });
    }
    header = Math.max(header, h);
  });
  const heights = rows.map((r) => {
    let h = style.minRowHeight;
    cols.forEach((c, i) => {
      const text = c.text ? clean(c.text(r)) : '';
      if (!text) return;
      doc.font(c.bold ? FONT.bold : FONT.regular).fontSize(style.fontSize);
      h = Math.max(h, doc.heightOfString(text, { width: widths[i] ?? 0 }) + 2 * style.padding);
    });
    return Math.min(h, style.maxRowHeight);
  });
  return { header: header + 2 * style.padding, rows: heights };
}

/**
 * Break a cell's text into lines ourselves, at spaces only: pdfkit would also break inside a
 * fingerprint after a hyphen ("411A-DBFA-" / "D6AD-0C51") and between "S/" and its amount,
 * which a reader then copies wrong. Lines that fit are left alone by pdfkit.
 */
function wrapAtSpaces(doc: Doc, text: string, width: number, bold: boolean, size: number): string {
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
  return clean(text)
    .split('\n')
    .map((par) => {
      const tokens: string[] = [];
      for (const w of par.split(' ')) {
        const prev = tokens.at(-1);
        if (prev !== undefined && /S\/$/.test(prev)) tokens[tokens.length - 1] = `${prev} ${w}`;
        else tokens.push(w);
      }
      const lines: string[] = [];
      let line = '';
      for (const tok of tokens) {
        const candidate = line ? `${line} ${tok}` : tok;
        // pdfkit measures a line's last word with the line break after it (a "\n" is 0.6 em
        // wide in DejaVu): so do we, or it breaks our line once more.
        if (!line || doc.widthOfString(`${candidate}\n`) <= width - 0.5) line = candidate;
        else {
          lines.push(line);
          line = tok;
        }
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

/** Columns whose text is wrapped at spaces for the width table.ts will give them. */
function fitColumns<R>(doc: Doc, style: TableStyle, cols: Column<R>[]): Column<R>[] {
  const total = cols.reduce((s, c) => s + c.weight, 0);
  return cols.map((c) => {
    const text = c.text;
    if (!text) return c;
    const width = (c.weight / total) * contentWidth(doc) - 2 * style.padding;
    return {
      ...c,
      text: (r: R) => wrapAtSpaces(doc, text(r), width, c.bold ?? false, style.fontSize),
    };
  });
}

/** Start a section on a new page unless `need` points fit below. */
function keepRoom(doc: Doc, need: number): void {
  if (doc.y + need > bottomLimit(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

function para(doc: Doc, text: string, size = BODY, bold = false): void {
  const width = contentWidth(doc);
  doc
    .font(bold ? FONT.bold : FONT.regular)
    .fontSize(size)
    .text(wrapAtSpaces(doc, text, width, bold, size), doc.page.margins.left, doc.y, { width });
}

/** One box per state: its mark and count large, its word beneath — the legend of the marks as well. */
function stateBoxes(doc: Doc, v: Voice, counts: RegisterOutput['counts']): void {
  const left = doc.page.margins.left;
  const perRow = 4;
  const gap = 8;
  const w = (contentWidth(doc) - gap * (perRow - 1)) / perRow;
  const measure = (s: (typeof STATES)[number]) => {
    const l = label(v, `followup.state.${s}`);
    doc.font(FONT.bold).fontSize(10.5);
    let h = 8 + 26 + doc.heightOfString(clean(l.main), { width: w - 8, align: 'center' });
    if (l.second) {
      doc.font(FONT.regular).fontSize(8.5);
      h += doc.heightOfString(clean(l.second), { width: w - 8, align: 'center' });
    }
    return h + 6;
  };
  for (let start = 0; start < STATES.length; start += perRow) {
    const row = STATES.slice(start, start + perRow);
    const h = Math.max(...row.map(measure));
    keepRoom(doc, h + gap);
    const top = doc.y;
    row.forEach((s, i) => {
      const x = left + i * (w + gap);
      const n = counts[s] ?? 0;
      // A heavier frame where there are projects: found at a glance, with no fill to turn to mud.
      doc
        .save()
        .lineWidth(n > 0 ? 1.6 : RULE.thin)
        .strokeColor(RULE.black)
        .rect(x, top, w, h)
        .stroke()
        .restore();
      doc
        .font(FONT.bold)
        .fontSize(20)
        .text(`${STATE_MARK[s]} ${n}`, x, top + 6, { width: w, align: 'center', lineBreak: false });
      const l = label(v, `followup.state.${s}`);
      doc
        .font(FONT.bold)
        .fontSize(10.5)
        .text(clean(l.main), x + 4, top + 8 + 26, { width: w - 8, align: 'center' });
      if (l.second)
        doc
          .font(FONT.regular)
          .fontSize(8.5)
          .text(clean(l.second), x + 4, doc.y, { width: w - 8, align: 'center' });
    });
    doc.x = left;
    doc.y = top + h + gap;
  }
}

function minutesTable(doc: Doc, v: Voice, minutes: Minutes[], continued: string): void {
  const tt = (key: string, params?: Params) => t(v.lang, key, params);
  const counts = (m: Minutes) =>
    m.unfundedCount > 0
      ? tt('followup.years.countsUnfunded', {
          agreed: m.agreedCount,
          unfunded: m.unfundedCount,
          rejected: m.rejectedCount,
        })
      : tt('followup.years.counts', { agreed: m.agreedCount, rejected: m.rejectedCount });
  const cols: Column<Minutes>[] = [
    {
      header: label(v, 'followup.report.col.year'),
      weight: 42,
      bold: true,
      align: 'center',
      text: (m) => String(m.fiscalYear),
    },
    {
      header: label(v, 'followup.report.col.minutes'),
      weight: 205,
      text: (m) =>
        `${tt('followup.report.minutesValue', { title: m.title, date: formatDayOf(m.sealedAt), file: m.fileName })}\n${counts(m)}`,
    },
    {
      header: label(v, 'followup.report.col.fingerprints'),
      weight: 144,
      text: (m) =>
        `${tt('followup.report.minutesFp')}\n${m.fingerprint}\n${tt('followup.report.keyFp')}\n${m.keyFingerprint}`,
    },
    {
      header: label(v, 'followup.report.col.plan'),
      weight: 144,
      text: (m) =>
        m.plans.length === 0
          ? tt('followup.report.noPlan')
          : m.plans
              .map(
                (p, i) =>
                  tt('followup.report.planValue', {
                    file: p.fileName,
                    fingerprint: p.fingerprint,
                    date: formatDayOf(p.recordedAt),
                  }) +
                  (m.plans.length > 1 && i === m.plans.length - 1
                    ? `\n${tt('followup.report.planUsed')}`
                    : ''),
              )
              .join('\n\n'),
    },
  ];
  const fitted = fitColumns(doc, YEARS, cols);
  const size = measureTable(doc, fitted, YEARS, minutes.slice(0, 1));
  keepRoom(doc, size.header + (size.rows[0] ?? 0));
  const tb = new Table<Minutes>(doc, fitted, YEARS, continued);
  for (const m of minutes) tb.row(m);
  tb.end(10);
}

interface ProjectHead {
  title: string;
  meta: string;
  state: string;
  pending: string | null;
  links: string[];
}

function projectHead(v: Voice, p: Project): ProjectHead {
  const tt = (key: string, params?: Params) => t(v.lang, key, params);
  const meta = [
    p.cui ? tt('followup.timeline.cui', { cui: p.cui }) : tt('followup.timeline.noCui'),
    p.sector ? tt('followup.report.sector', { sector: p.sector }) : '',
    tt('followup.report.yearsOf', { years: p.years.join(', ') }),
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    title: `${STATE_MARK[p.state]}  ${p.title}`,
    meta,
    state: tt('followup.report.state', {
      mark: STATE_MARK[p.state],
      state: tt(`followup.state.${p.state}`),
    }),
    pending: p.carryable
      ? `${tt('followup.projects.pending')} — ${tt('followup.report.lastAgreed', { amount: formatSoles(p.lastAgreedCents) })}`
      : null,
    links: p.links
      .filter((l) => l.by === 'name')
      .map((l) => tt('followup.report.nameLink', { confidence: l.confidence ?? 0 })),
  };
}

const HEAD = { title: 13, meta: 10.5, state: 11.5, link: 9.5 } as const;

function headHeight(doc: Doc, h: ProjectHead): number {
  const width = contentWidth(doc);
  let y = 6;
  doc.font(FONT.bold).fontSize(HEAD.title);
  y += doc.heightOfString(clean(h.title), { width });
  doc.font(FONT.regular).fontSize(HEAD.meta);
  y += doc.heightOfString(clean(h.meta), { width }) + 2;
  doc.font(FONT.bold).fontSize(HEAD.state);
  y += doc.heightOfString(clean(h.state), { width });
  if (h.pending) y += doc.heightOfString(clean(h.pending), { width: width - 12 }) + 12;
  doc.font(FONT.regular).fontSize(HEAD.link);
  for (const l of h.links) y += doc.heightOfString(clean(l), { width });
  return y + 6;
}

function drawHead(doc: Doc, h: ProjectHead): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  // A heavy rule opens each project: blocks stay apart on a page without shading.
  hRule(doc, doc.y, RULE.heavy);
  doc.y += 6;
  doc.font(FONT.bold).fontSize(HEAD.title).text(clean(h.title), left, doc.y, { width });
  doc.font(FONT.regular).fontSize(HEAD.meta).text(clean(h.meta), left, doc.y, { width });
  doc.y += 2;
  doc.font(FONT.bold).fontSize(HEAD.state).text(clean(h.state), left, doc.y, { width });
  if (h.pending) {
    doc.y += 4;
    const top = doc.y;
    doc.font(FONT.bold).fontSize(HEAD.state);
    const textW = Math.min(doc.widthOfString(clean(h.pending)), width - 12);
    const th = doc.heightOfString(clean(h.pending), { width: width - 12 });
    // Framed twice over: the one thing to act on, visible without colour.
    doc
      .save()
      .lineWidth(1.6)
      .strokeColor(RULE.black)
      .rect(left, top, textW + 12, th + 6)
      .stroke()
      .restore();
    doc.text(clean(h.pending), left + 6, top + 3, { width: width - 12 });
    doc.y = top + th + 8;
  }
  doc.font(FONT.regular).fontSize(HEAD.link);
  for (const l of h.links) doc.text(clean(l), left, doc.y, { width });
  doc.y += 6;
}

function projectBlock(
  doc: Doc,
  v: Voice,
  p: Project,
  cols: Column<Entry>[],
  continued: string,
): void {
  const head = projectHead(v, p);
  const hh = headHeight(doc, head);
  const size = measureTable(doc, cols, TIMELINE, p.timeline);
  const whole = hh + size.header + size.rows.reduce((s, x) => s + x, 0) + GAP_AFTER_PROJECT;
  const usable = bottomLimit(doc) - doc.page.margins.top;
  // A project's history stays on one page when it can; a long one keeps at least its
  // heading with the table's head and first two entries (no heading alone at a page's foot).
  const least = hh + size.header + (size.rows[0] ?? 0) + (size.rows[1] ?? 0);
  keepRoom(doc, whole <= usable ? whole : least);
  drawHead(doc, head);
  const tb = new Table<Entry>(doc, cols, TIMELINE, continued);
  for (const e of p.timeline) tb.row(e);
  tb.end(GAP_AFTER_PROJECT);
}

export async function renderFollowupReport(
  model: FollowupReportModel,
  opts: RenderOptions,
): Promise<Buffer> {
  const v = voice(opts.lang, opts.bilingual ?? true);
  const tt = (key: string, params?: Params) => t(v.lang, key, params);
  const { register: reg, workshop } = model;
  const title = tt('followup.report.title');
  const years = yearsCovered(reg);
  const sha = registerSha256(reg);
  const fp = fingerprint(sha);
  const doc = createDocument({
    title: `${title} — ${workshop.municipality} ${workshop.fiscalYear}`,
    subject: tt('followup.report.subtitle', { own: workshop.fiscalYear, years }),
    lang: opts.lang,
    layout: 'portrait',
    createdAt: opts.createdAt,
  });
  const json = Buffer.from(
    JSON.stringify({
      format: 'minka-followup',
      version: 1,
      workshop,
      printedAt: opts.createdAt.toISOString(),
      registerSha256: sha,
      registerFingerprint: fp,
      chain: model.chain,
      keyFingerprint: model.keyFingerprint,
      register: reg,
    }),
    'utf8',
  );
  doc.file(json, {
    name: FOLLOWUP_REPORT_ATTACHMENT,
    type: 'application/json',
    creationDate: opts.createdAt,
    modifiedDate: opts.createdAt,
    description: title,
  });
  const continued = label(v, 'pdf.continued').main;
  const left = doc.page.margins.left;

  // Cover: what this is, for which years, and how to tell it is the same register.
  doc.font(FONT.regular).fontSize(BODY).text(clean(workshop.municipality));
  heading(doc, label(v, 'followup.report.title'), { size: 20 });
  doc.moveDown(0.2);
  para(doc, tt('followup.report.subtitle', { own: workshop.fiscalYear, years }), 12, true);
  doc.moveDown(0.4);
  para(doc, tt('followup.report.lead'));
  doc.moveDown(0.6);
  const field = (key: string, value: string) => {
    const l = label(v, key);
    return { label: l.second ? `${l.main} / ${l.second}` : l.main, value };
  };
  fieldGrid(
    doc,
    [
      field(
        'followup.report.workshop',
        tt('followup.report.workshopValue', { title: workshop.title, year: workshop.fiscalYear }),
      ),
      field('followup.report.years', years),
      field('followup.report.fingerprint', fp),
      field('followup.report.printed', formatDateTime(opts.createdAt.toISOString())),
    ],
    { columns: 2, size: 11.5 },
  );
  doc.moveDown(0.5);
  para(
    doc,
    tt('followup.report.fingerprintHow', { file: FOLLOWUP_REPORT_ATTACHMENT, sha256: sha }),
    8.5,
  );
  para(
    doc,
    tt('followup.report.chain', {
      length: model.chain.length,
      fingerprint: model.chain.fingerprint,
    }),
    8.5,
  );
  para(
    doc,
    model.keyFingerprint
      ? tt('followup.report.signed', { key: model.keyFingerprint })
      : tt('followup.report.unsigned'),
    8.5,
  );
  if (reg.broken.length) {
    doc.moveDown(0.4);
    para(doc, tt('followup.report.broken', { files: reg.broken.join(', ') }), 10.5, true);
  }
  hRule(doc, doc.y + 6);
  doc.y += 14;

  keepRoom(doc, 90);
  heading(doc, label(v, 'followup.report.yearsHeading'), { size: 14 });
  doc.moveDown(0.3);
  if (reg.minutes.length) minutesTable(doc, v, reg.minutes, continued);
  else {
    para(doc, tt('followup.report.noYears'));
    doc.moveDown(0.6);
  }

  keepRoom(doc, 150);
  heading(doc, label(v, 'followup.report.countsHeading'), { size: 14 });
  doc.moveDown(0.2);
  para(doc, tt('followup.report.countsLead', { count: reg.projects.length }), 10);
  doc.moveDown(0.4);
  stateBoxes(doc, v, reg.counts);
  const pending = reg.projects.filter((p) => p.carryable).length;
  if (pending) para(doc, tt('followup.report.pendingCount', { count: pending }), BODY, true);

  // The histories start on their own page: the cover can be handed round apart from them.
  if (reg.projects.length > 0) {
    doc.addPage();
    doc.y = doc.page.margins.top;
    heading(doc, label(v, 'followup.report.projectsHeading'), { size: 16 });
    doc.moveDown(0.2);
    para(doc, tt('followup.report.projectsLead'), 10.5);
    doc.moveDown(0.6);
  } else {
    doc.moveDown(0.6);
    para(doc, tt('followup.report.empty'), BODY, true);
  }
  const cols = fitColumns<Entry>(doc, TIMELINE, [
    {
      header: label(v, 'followup.report.col.year'),
      weight: 44,
      bold: true,
      align: 'center',
      text: (e) => String(e.fiscalYear),
    },
    { header: label(v, 'followup.report.col.what'), weight: 276, text: (e) => entryText(e, tt) },
    { header: label(v, 'followup.report.col.source'), weight: 215, text: (e) => sourceText(e, tt) },
  ]);
  for (const p of reg.projects) projectBlock(doc, v, p, cols, continued);

  keepRoom(doc, 50);
  doc.moveDown(0.4);
  para(doc, tt('followup.report.howToCheck', { file: FOLLOWUP_REPORT_ATTACHMENT }), 9);
  doc.x = left;

  paintPageFurniture(doc, {
    voice: v,
    caption: [
      workshop.municipality,
      title,
      tt('followup.report.caption', { own: workshop.fiscalYear, years }),
    ].join(' · '),
    fingerprint: fp,
  });
  return toBuffer(doc);
}
