// The list of accredited participating agents, grouped by organisation, with totals first:
// it is read out and posted before voting, so who may vote for which organisation must be
// plain on paper. Portrait, because nobody signs on it.
import { formatInteger } from '../../shared/format';
import {
  clean,
  createDocument,
  FONT,
  heading,
  label,
  paintPageFurniture,
  toBuffer,
  voice,
  type Doc,
  type RenderOptions,
  type Voice,
} from '../platform/pdf/document';
import { Table, type Column } from '../platform/pdf/table';

export interface AccreditedParticipant {
  name: string;
  dni: string;
  role: string;
  voice: string;
  sex: string;
  language: string;
}

export interface AccreditedListModel {
  municipality: string;
  title: string;
  fiscalYear: number;
  fingerprint?: string;
  organizations: {
    name: string;
    /** Already translated label ("Comunidad campesina"). */
    type: string;
    community: string;
    participants: AccreditedParticipant[];
  }[];
  totals: { organizations: number; participants: number; women: number; men: number };
}

export type { RenderOptions } from '../platform/pdf/document';

interface ListRow extends AccreditedParticipant {
  n: number;
}

function columns(v: Voice): Column<ListRow>[] {
  return [
    { header: label(v, 'pdf.col.number'), weight: 24, align: 'right', text: (r) => String(r.n) },
    { header: label(v, 'pdf.col.name'), weight: 170, bold: true, text: (r) => r.name },
    { header: label(v, 'pdf.col.dni'), weight: 56, align: 'center', text: (r) => r.dni },
    { header: label(v, 'pdf.col.role'), weight: 62, text: (r) => r.role },
    { header: label(v, 'pdf.col.voice'), weight: 60, text: (r) => r.voice },
    { header: label(v, 'pdf.col.sex'), weight: 46, text: (r) => r.sex },
    { header: label(v, 'pdf.col.language'), weight: 56, text: (r) => r.language },
  ];
}

/** Four boxed figures in a row: organisations, participants, women, men. */
function totalsBlock(doc: Doc, model: AccreditedListModel, v: Voice): void {
  const items: [string, number][] = [
    ['pdf.accredited.totalOrganizations', model.totals.organizations],
    ['pdf.accredited.totalParticipants', model.totals.participants],
    ['pdf.accredited.totalWomen', model.totals.women],
    ['pdf.accredited.totalMen', model.totals.men],
  ];
  const left = doc.page.margins.left;
  const gap = 8;
  const w =
    (doc.page.width - left - doc.page.margins.right - gap * (items.length - 1)) / items.length;
  const top = doc.y;
  const h = v.second ? 48 : 40;
  items.forEach(([key, value], i) => {
    const x = left + i * (w + gap);
    doc.save().lineWidth(0.8).strokeColor('#000000').rect(x, top, w, h).stroke().restore();
    doc
      .font(FONT.bold)
      .fontSize(16)
      .text(formatInteger(value), x, top + 5, { width: w, align: 'center' });
    const l = label(v, key);
    doc
      .font(FONT.regular)
      .fontSize(8)
      .text(l.main, x + 2, doc.y, { width: w - 4, align: 'center' });
    if (l.second) doc.fontSize(7).text(l.second, x + 2, doc.y, { width: w - 4, align: 'center' });
  });
  doc.x = left;
  doc.y = top + h + 10;
}

function titleBlock(doc: Doc, model: AccreditedListModel, v: Voice): void {
  doc.font(FONT.regular).fontSize(10).text(clean(model.municipality));
  heading(doc, label(v, 'pdf.accredited.title'), { size: 15 });
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(10).text(clean(model.title));
  const fy = label(v, 'pdf.fiscalYear');
  doc
    .font(FONT.regular)
    .fontSize(9.5)
    .text(`${fy.second ? `${fy.main} / ${fy.second}` : fy.main}: ${model.fiscalYear}`);
  doc.moveDown(0.6);
  totalsBlock(doc, model, v);
}

export async function renderAccreditedList(
  model: AccreditedListModel,
  opts: RenderOptions,
): Promise<Buffer> {
  const v = voice(opts.lang, opts.bilingual ?? false);
  const title = label(v, 'pdf.accredited.title').main;
  const doc = createDocument({
    title: `${title} — ${model.title} ${model.fiscalYear}`,
    subject: model.municipality,
    lang: opts.lang,
    layout: 'portrait',
    createdAt: opts.createdAt,
  });
  titleBlock(doc, model, v);

  const table = new Table<ListRow>(
    doc,
    columns(v),
    { fontSize: 8.5, headerSize: 8, padding: 3.5, minRowHeight: 17, maxRowHeight: 60 },
    label(v, 'pdf.continued').main,
  );
  let n = 0;
  for (const org of model.organizations) {
    const params = { name: org.name, type: org.type, community: org.community };
    const head = label(
      v,
      org.community ? 'pdf.accredited.groupCommunity' : 'pdf.accredited.group',
      params,
    ).main;
    const n1 = org.participants.length === 1;
    const count = label(v, n1 ? 'pdf.accredited.groupCountOne' : 'pdf.accredited.groupCount', {
      n: org.participants.length,
    }).main;
    table.group(`${head} ${count}`);
    for (const p of org.participants) table.row({ n: ++n, ...p });
  }
  table.end();

  paintPageFurniture(doc, {
    voice: v,
    caption: [
      model.municipality,
      title,
      `${label(v, 'pdf.fiscalYear').main} ${model.fiscalYear}`,
    ].join(' · '),
    ...(model.fingerprint ? { fingerprint: model.fingerprint } : {}),
  });
  return toBuffer(doc);
}
