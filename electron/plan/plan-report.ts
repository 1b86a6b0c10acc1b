// The printed reconciliation report: what the oversight committee takes to the municipality.
// Plain language first (how many agreements are in the plan, how much money went where),
// then one table per category. Spanish with Quechua headings; both fingerprints — the
// minutes' on every page's footer, the plan file's in every caption — so a page that
// travels alone still says what was compared with what. The report's own data rides along
// as an attachment (minka-plan-report.json).
import type { PlanCheckOutput } from '../../shared/channels/plan';
import { formatDayOf, formatSoles } from '../../shared/format';
import { t } from '../../shared/i18n';
import {
  clean,
  contentWidth,
  createDocument,
  fieldGrid,
  FONT,
  heading,
  hRule,
  label,
  paintPageFurniture,
  toBuffer,
  voice,
  type Doc,
  type RenderOptions,
  type Voice,
} from '../platform/pdf/document';
import { Table, type Column } from '../platform/pdf/table';

export const PLAN_REPORT_ATTACHMENT = 'minka-plan-report.json';

export interface PlanReportModel {
  check: PlanCheckOutput;
  /** Signer's key fingerprint when the report is signed. */
  keyFingerprint: string | null;
}

type Matched = PlanCheckOutput['report']['matched'][number];
type Rejected = PlanCheckOutput['report']['rejectedButFunded'][number];
type PlanRef = PlanCheckOutput['report']['notInMinutes'][number];
type Missing = PlanCheckOutput['report']['missingFromPlan'][number];

const STYLE = { fontSize: 8.5, headerSize: 8, padding: 3.5, minRowHeight: 17, maxRowHeight: 120 };
const money = (c: number | null) => (c === null ? '—' : formatSoles(c));

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

function boxes(doc: Doc, v: Voice, items: [string, number][]): void {
  const left = doc.page.margins.left;
  const gap = 6;
  const w = (contentWidth(doc) - gap * (items.length - 1)) / items.length;
  const top = doc.y;
  const h = v.second ? 54 : 44;
  items.forEach(([key, value], i) => {
    const x = left + i * (w + gap);
    doc
      .save()
      .lineWidth(i === 0 ? 0.8 : 1.4)
      .strokeColor('#000000')
      .rect(x, top, w, h)
      .stroke()
      .restore();
    doc
      .font(FONT.bold)
      .fontSize(17)
      .text(String(value), x, top + 4, { width: w, align: 'center' });
    const l = label(v, key);
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .text(l.main, x + 3, doc.y, { width: w - 6, align: 'center' });
    if (l.second) doc.fontSize(6.5).text(l.second, x + 3, doc.y, { width: w - 6, align: 'center' });
  });
  doc.x = left;
  doc.y = top + h + 10;
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

export async function renderPlanReport(
  model: PlanReportModel,
  opts: RenderOptions,
): Promise<Buffer> {
  const v = voice(opts.lang, opts.bilingual ?? true);
  const { check } = model;
  const r = check.report;
  const title = t(v.lang, 'plan.report.title');
  const doc = createDocument({
    title: `${title} — ${check.minutes.municipality} ${check.minutes.fiscalYear}`,
    subject: check.minutes.title,
    lang: opts.lang,
    layout: 'landscape',
    createdAt: opts.createdAt,
  });
  const json = Buffer.from(
    JSON.stringify({
      format: 'minka-plan-report',
      version: 1,
      ...check,
      keyFingerprint: model.keyFingerprint,
    }),
    'utf8',
  );
  doc.file(json, {
    name: PLAN_REPORT_ATTACHMENT,
    type: 'application/json',
    creationDate: opts.createdAt,
    modifiedDate: opts.createdAt,
    description: title,
  });

  doc.font(FONT.regular).fontSize(10).text(clean(check.minutes.municipality));
  heading(doc, label(v, 'plan.report.title'), { size: 16 });
  doc.moveDown(0.3);
  const facts: [string, string][] = [
    [
      'plan.report.minutesOf',
      t(v.lang, 'plan.report.minutesValue', {
        title: check.minutes.title,
        year: check.minutes.fiscalYear,
        date: formatDayOf(check.minutes.sealedAt),
      }),
    ],
    ['plan.report.minutesFingerprint', check.minutes.fingerprint],
    [
      'plan.report.planFile',
      check.plan.fileName + (check.plan.sheet ? ` (${check.plan.sheet})` : ''),
    ],
    ['plan.report.planFingerprint', check.plan.fingerprint],
  ];
  fieldGrid(
    doc,
    facts.map(([k, value]) => {
      const l = label(v, k);
      return { label: l.second ? `${l.main} / ${l.second}` : l.main, value };
    }),
    { columns: 2, size: 10 },
  );
  doc.moveDown(0.3);
  doc
    .font(FONT.regular)
    .fontSize(7)
    .text(
      t(v.lang, 'plan.report.hashes', {
        minutes: check.minutes.payloadSha256,
        plan: check.plan.sha256,
      }),
      { width: contentWidth(doc) },
    );
  doc.text(
    model.keyFingerprint
      ? t(v.lang, 'plan.report.signed', { key: model.keyFingerprint })
      : t(v.lang, 'plan.report.unsigned'),
    { width: contentWidth(doc) },
  );
  hRule(doc, doc.y + 4);
  doc.y += 10;

  boxes(doc, v, [
    ['plan.report.box.agreed', check.minutes.agreedCount],
    ['plan.report.box.matched', r.matched.length],
    ['plan.report.box.amountChanged', r.amountChanged.length],
    ['plan.report.box.missingFromPlan', r.missingFromPlan.length],
    ['plan.report.box.notInMinutes', r.notInMinutes.length],
    ['plan.report.box.rejectedButFunded', r.rejectedButFunded.length],
  ]);
  doc
    .font(FONT.bold)
    .fontSize(10)
    .text(
      clean(
        t(v.lang, 'plan.report.summary', {
          agreed: money(r.totals.agreedCents),
          plan: money(r.totals.planCents),
          inAgreed: money(r.totals.agreedInPlanCents),
          notAgreed: money(r.totals.notInMinutesCents + r.totals.rejectedButFundedCents),
        }),
      ),
      { width: contentWidth(doc) },
    );
  const pending = [...r.matched, ...r.amountChanged, ...r.rejectedButFunded].filter(
    (m) => m.by === 'name' && !m.confirmed,
  ).length;
  if (pending)
    doc
      .font(FONT.regular)
      .fontSize(9)
      .text(t(v.lang, 'plan.report.pendingNote', { count: pending }), { width: contentWidth(doc) });
  if (check.errors.length)
    doc
      .font(FONT.bold)
      .fontSize(9)
      .text(t(v.lang, 'plan.report.incomplete', { count: check.errors.length }), {
        width: contentWidth(doc),
      });
  const continued = label(v, 'pdf.continued').main;

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
  doc.moveDown(0.6);
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .text(t(v.lang, 'plan.report.howToCheck'), { width: contentWidth(doc) });

  paintPageFurniture(doc, {
    voice: v,
    caption: [
      check.minutes.municipality,
      title,
      t(v.lang, 'plan.report.captionPlan', { fingerprint: check.plan.fingerprint }),
    ].join(' · '),
    fingerprint: check.minutes.fingerprint,
  });
  return toBuffer(doc);
}
