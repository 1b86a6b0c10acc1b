// The printed reconciliation report: what the oversight committee takes to the municipality.
// Plain language first (how many agreements are in the plan, how much money went where),
// then one table per category. Spanish with Quechua headings; both fingerprints — the
// minutes' on every page's footer, the plan file's in every caption — so a page that
// travels alone still says what was compared with what. The report's own data rides along
// as an attachment (minka-plan-report.json). The category tables are drawn by
// plan-report-tables.ts.
import type { PlanCheckOutput } from '../../shared/channels/plan';
import { formatDayOf } from '../../shared/format';
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
import { drawCategories, money } from './plan-report-tables';

export const PLAN_REPORT_ATTACHMENT = 'minka-plan-report.json';

export interface PlanReportModel {
  check: PlanCheckOutput;
  /** Signer's key fingerprint when the report is signed. */
  keyFingerprint: string | null;
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
  drawCategories(doc, v, check, continued);
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
