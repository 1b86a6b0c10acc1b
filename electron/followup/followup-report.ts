// The follow-up register on paper: "Historia de los acuerdos", what the oversight committee
// and the communities read to see what became of each agreement of earlier workshops. A4
// portrait, large plain type, black and white: every state has its mark (words.ts), never
// colour alone. A cover (the years held, each Acta's and plan's fingerprints, how many
// projects in each state), then one block per project with its history as a small table —
// worded by the same sentences as the screen and `minka followup` (shared/followup/words.ts).
// Every page's footer carries the register fingerprint: the first 16 hex digits of the
// SHA-256 of the register's canonical JSON, which rides along as minka-followup.json, so a
// page that travels alone can still be matched with its data. The blocks it draws are in
// followup-report-blocks.ts, the measuring and wrapping in followup-report-layout.ts.
import type { RegisterOutput } from '../../shared/channels/followup';
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import { fileSlug } from '../platform/slug';
import { formatDateTime } from '../../shared/format';
import { entryText, sourceText } from '../../shared/followup/words';
import { t, type Params } from '../../shared/i18n';
import { sha256Hex } from '../platform/crypto/sign';
import {
  clean,
  createDocument,
  fieldGrid,
  FONT,
  heading,
  hRule,
  label,
  paintPageFurniture,
  toBuffer,
  voice,
  type RenderOptions,
} from '../platform/pdf/document';
import { BODY, fitColumns, keepRoom, para } from './followup-report-layout';
import {
  minutesTable,
  projectBlock,
  stateBoxes,
  TIMELINE,
  type Entry,
} from './followup-report-blocks';

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
