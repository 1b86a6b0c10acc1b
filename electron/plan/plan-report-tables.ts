// The plan report's tables, one section per category of the reconciliation (in the plan with
// the agreed amount, with another amount, agreed but missing, rejected but funded, in the plan
// without an agreement), then the matches a person undid and the plan file's notes. Split
// from plan-report.ts (issue 19: files under 400 lines), which draws the cover around them.
import type { PlanCheckOutput } from '../../shared/channels/plan';
import { formatSoles } from '../../shared/format';
import { t } from '../../shared/i18n';
import {
  clean,
  contentWidth,
  FONT,
  heading,
  label,
  type Doc,
  type Voice,
} from '../platform/pdf/document';
import { Table, type Column } from '../platform/pdf/table';

type Matched = PlanCheckOutput['report']['matched'][number];
type Rejected = PlanCheckOutput['report']['rejectedButFunded'][number];
type PlanRef = PlanCheckOutput['report']['notInMinutes'][number];
type Missing = PlanCheckOutput['report']['missingFromPlan'][number];

const STYLE = { fontSize: 8.5, headerSize: 8, padding: 3.5, minRowHeight: 17, maxRowHeight: 120 };
export const money = (c: number | null) => (c === null ? '—' : formatSoles(c));

function how(
  v: Voice,
  m: { by: string; confidence: number | null; confirmed: boolean; plan: PlanRef },
): string {
  const lines = m.plan.lines.join(', ');
  if (m.by !== 'name')
    return t(v.lang, m.by === 'cui' ? 'plan.report.byCui' : 'plan.report.byCode', { lines });
  return t(v.lang, m.confirmed ? 'plan.report.byNameConfirmed' : 'plan.report.byNamePending', {
    lines,
    confidence: m.confidence ?? 0,
  });
}

function section(doc: Doc, v: Voice, key: string, count: number, leadKey: string): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 90) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
  doc.moveDown(0.4);
  heading(doc, label(v, key, { count }), { size: 12 });
  doc
    .font(FONT.regular)
    .fontSize(8.5)
    .text(clean(t(v.lang, leadKey)), { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function none(doc: Doc, v: Voice): void {
  doc.font(FONT.regular).fontSize(9).text(t(v.lang, 'plan.report.none'));
  doc.moveDown(0.5);
}

/** Every category's section, in the order the committee reads them, then the notes. */
export function drawCategories(
  doc: Doc,
  v: Voice,
  check: PlanCheckOutput,
  continued: string,
): void {
  const r = check.report;
  const matchedCols = (changed: boolean): Column<Matched>[] => [
    { header: label(v, 'plan.col.code'), weight: 40, bold: true, text: (m) => m.code },
    {
      header: label(v, 'plan.col.project'),
      weight: 210,
      text: (m) =>
        `${m.title}${m.cui ? ` · CUI ${m.cui}` : ''}\n${t(v.lang, 'plan.report.inPlanAs', { name: m.plan.name })}`,
    },
    {
      header: label(v, 'plan.col.agreed'),
      weight: 72,
      align: 'right',
      text: (m) => money(m.agreedCents),
    },
    {
      header: label(v, 'plan.col.inPlan'),
      weight: 72,
      align: 'right',
      bold: true,
      text: (m) =>
        money(m.planCents) +
        (m.municipalShare ? `\n${t(v.lang, 'plan.report.municipalShare')}` : ''),
    },
    ...(changed
      ? [
          {
            header: label(v, 'plan.col.difference'),
            weight: 80,
            align: 'right' as const,
            bold: true,
            text: (m: Matched) =>
              `${m.differenceCents > 0 ? '+' : ''}${money(m.differenceCents)}\n${m.differencePercent ?? '—'}\u00a0%`,
          },
        ]
      : []),
    {
      header: label(v, 'plan.col.pim'),
      weight: 66,
      align: 'right',
      text: (m) => money(m.plan.pimCents),
    },
    {
      header: label(v, 'plan.col.devengado'),
      weight: 66,
      align: 'right',
      text: (m) => money(m.plan.devengadoCents),
    },
    { header: label(v, 'plan.col.how'), weight: 96, text: (m) => how(v, m) },
  ];

  section(doc, v, 'plan.report.matched', r.matched.length, 'plan.report.matchedLead');
  if (r.matched.length) {
    const tb = new Table<Matched>(doc, matchedCols(false), STYLE, continued);
    for (const m of r.matched) tb.row(m);
    tb.end();
  } else none(doc, v);

  section(
    doc,
    v,
    'plan.report.amountChanged',
    r.amountChanged.length,
    'plan.report.amountChangedLead',
  );
  if (r.amountChanged.length) {
    const tb = new Table<Matched>(doc, matchedCols(true), STYLE, continued);
    for (const m of r.amountChanged) tb.row(m);
    tb.end();
  } else none(doc, v);

  section(
    doc,
    v,
    'plan.report.missingFromPlan',
    r.missingFromPlan.length,
    'plan.report.missingFromPlanLead',
  );
  if (r.missingFromPlan.length) {
    const tb = new Table<Missing>(
      doc,
      [
        {
          header: label(v, 'plan.col.rank'),
          weight: 30,
          align: 'right',
          text: (m) => (m.rank === null ? '' : String(m.rank)),
        },
        { header: label(v, 'plan.col.code'), weight: 40, bold: true, text: (m) => m.code },
        {
          header: label(v, 'plan.col.project'),
          weight: 330,
          text: (m) => `${m.title}${m.cui ? ` · CUI ${m.cui}` : ''}`,
        },
        {
          header: label(v, 'plan.col.agreed'),
          weight: 90,
          align: 'right',
          bold: true,
          text: (m) => money(m.agreedCents),
        },
      ],
      STYLE,
      continued,
    );
    for (const m of r.missingFromPlan) tb.row(m);
    tb.end();
  } else none(doc, v);

  section(
    doc,
    v,
    'plan.report.rejectedButFunded',
    r.rejectedButFunded.length,
    'plan.report.rejectedButFundedLead',
  );
  if (r.rejectedButFunded.length) {
    const tb = new Table<Rejected>(
      doc,
      [
        { header: label(v, 'plan.col.code'), weight: 40, bold: true, text: (x) => x.code },
        {
          header: label(v, 'plan.col.project'),
          weight: 200,
          text: (x) => `${x.title}\n${t(v.lang, 'plan.report.inPlanAs', { name: x.plan.name })}`,
        },
        {
          header: label(v, 'plan.col.inPlan'),
          weight: 76,
          align: 'right',
          bold: true,
          text: (x) => money(x.plan.amountCents),
        },
        {
          header: label(v, 'plan.col.whyRejected'),
          weight: 200,
          text: (x) => `${t(v.lang, `proposals.reason.${x.reason}`)}: ${x.explanation}`,
        },
        { header: label(v, 'plan.col.how'), weight: 90, text: (x) => how(v, x) },
      ],
      STYLE,
      continued,
    );
    for (const x of r.rejectedButFunded) tb.row(x);
    tb.end();
  } else none(doc, v);

  section(
    doc,
    v,
    'plan.report.notInMinutes',
    r.notInMinutes.length,
    'plan.report.notInMinutesLead',
  );
  if (r.notInMinutes.length) {
    const tb = new Table<PlanRef>(
      doc,
      [
        {
          header: label(v, 'plan.col.line'),
          weight: 36,
          align: 'right',
          text: (l) => l.lines.join(', '),
        },
        { header: label(v, 'plan.col.cui'), weight: 48, text: (l) => l.cui },
        { header: label(v, 'plan.col.planName'), weight: 300, text: (l) => l.name },
        {
          header: label(v, 'plan.col.inPlan'),
          weight: 76,
          align: 'right',
          bold: true,
          text: (l) => money(l.amountCents),
        },
        {
          header: label(v, 'plan.col.pim'),
          weight: 66,
          align: 'right',
          text: (l) => money(l.pimCents),
        },
        {
          header: label(v, 'plan.col.devengado'),
          weight: 66,
          align: 'right',
          text: (l) => money(l.devengadoCents),
        },
      ],
      STYLE,
      continued,
    );
    for (const l of r.notInMinutes) tb.row(l);
    tb.end();
  } else none(doc, v);

  if (r.undone.length) {
    section(doc, v, 'plan.report.undone', r.undone.length, 'plan.report.undoneLead');
    for (const u of r.undone)
      doc
        .font(FONT.regular)
        .fontSize(8.5)
        .text(
          clean(
            `• ${u.code} ${u.title} ≠ ${t(v.lang, 'plan.report.line', { line: u.planLine })} ${u.planName}`,
          ),
          { width: contentWidth(doc) },
        );
  }
  if (check.errors.length || check.warnings.length) {
    section(
      doc,
      v,
      'plan.report.fileNotes',
      check.errors.length + check.warnings.length,
      'plan.report.fileNotesLead',
    );
    for (const e of [...check.errors, ...check.warnings])
      doc
        .font(FONT.regular)
        .fontSize(8)
        .text(clean(`• ${t(v.lang, e.key, e.params)}`), { width: contentWidth(doc) });
  }
}
