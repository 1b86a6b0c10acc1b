// The follow-up report's blocks: the state boxes and the table of Actas on the cover, and one
// block per project (its head: mark, title, CUI, state, what is pending; its history as a
// table kept on one page when it can). Split from followup-report.ts (issue 19).
import type { RegisterOutput } from '../../shared/channels/followup';
import { formatDayOf, formatSoles } from '../../shared/format';
import { STATE_MARK, STATES } from '../../shared/followup/words';
import { t, type Params } from '../../shared/i18n';
import {
  bottomLimit,
  clean,
  contentWidth,
  FONT,
  hRule,
  label,
  RULE,
  type Doc,
  type Voice,
} from '../platform/pdf/document';
import { Table, type Column, type TableStyle } from '../platform/pdf/table';
import { fitColumns, keepRoom, measureTable } from './followup-report-layout';

export type Project = RegisterOutput['projects'][number];
export type Entry = Project['timeline'][number];
export type Minutes = RegisterOutput['minutes'][number];

/** Large enough to read on a photocopy; rows leave air between the lines of a history. */
export const TIMELINE: TableStyle = {
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
const GAP_AFTER_PROJECT = 16;

/** One box per state: its mark and count large, its word beneath — the legend of the marks as well. */
export function stateBoxes(doc: Doc, v: Voice, counts: RegisterOutput['counts']): void {
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

export function minutesTable(doc: Doc, v: Voice, minutes: Minutes[], continued: string): void {
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

export function projectBlock(
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
