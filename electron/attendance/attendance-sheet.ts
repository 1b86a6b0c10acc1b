// The sign-in sheet for one venue: pre-filled with the registered people, each row with a
// signature cell and a square for a thumbprint (many attendees cannot sign), then blank rows
// for walk-ins. Numbered rows and a closing line make later additions visible on paper.
import { formatDate } from '../../shared/format';
import {
  clean,
  CM,
  createDocument,
  fieldGrid,
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

export type { RenderOptions } from '../platform/pdf/document';
import { Table, type Column } from '../platform/pdf/table';

export interface AttendanceSheetModel {
  municipality: string;
  title: string;
  fiscalYear: number;
  venue: { name: string; place: string; /** ISO date */ date: string };
  fingerprint?: string;
  rows: { name: string; dni: string; organization: string; role: string }[];
  /** Empty numbered rows after the pre-filled ones, for people not on the list. */
  blankRows: number;
}

interface SheetRow {
  n: number;
  name: string;
  dni: string;
  organization: string;
  role: string;
}

/** A thumb pressed flat is about 1.5 cm wide: the square leaves a little margin around it. */
const THUMB = 1.6 * CM;

/**
 * Landscape: the signature cell gets ~6 cm (people who rarely write sign large) and names
 * and organisations stay on one or two lines; portrait would squeeze the signature to ~4 cm.
 */
function columns(v: Voice): Column<SheetRow>[] {
  return [
    { header: label(v, 'pdf.col.number'), weight: 26, align: 'right', text: (r) => String(r.n) },
    { header: label(v, 'pdf.col.name'), weight: 180, bold: true, text: (r) => r.name },
    { header: label(v, 'pdf.col.dni'), weight: 58, align: 'center', text: (r) => r.dni },
    { header: label(v, 'pdf.col.organization'), weight: 160, text: (r) => r.organization },
    { header: label(v, 'pdf.col.role'), weight: 62, text: (r) => r.role },
    { header: label(v, 'pdf.col.signature'), weight: 180 },
    { header: label(v, 'pdf.col.thumbprint'), weight: THUMB + 20, square: THUMB },
  ];
}

function titleBlock(doc: Doc, model: AttendanceSheetModel, v: Voice): void {
  doc.font(FONT.regular).fontSize(10).text(clean(model.municipality));
  heading(doc, label(v, 'pdf.attendance.title'), { size: 15 });
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(10).text(clean(model.title));
  doc.moveDown(0.4);
  const f = (key: string) => {
    const l = label(v, key);
    return l.second ? `${l.main} / ${l.second}` : l.main;
  };
  fieldGrid(
    doc,
    [
      { label: f('pdf.attendance.venue'), value: model.venue.name },
      { label: f('pdf.attendance.place'), value: model.venue.place },
      { label: f('pdf.attendance.date'), value: formatDate(model.venue.date) },
      { label: f('pdf.fiscalYear'), value: String(model.fiscalYear) },
    ],
    { columns: 4, size: 9.5 },
  );
  doc.moveDown(0.4);
  const instr = label(v, 'pdf.attendance.instructions');
  doc.font(FONT.regular).fontSize(8.5).text(instr.main);
  if (instr.second) doc.fontSize(8).text(instr.second);
  doc.moveDown(0.4);
}

export async function renderAttendanceSheet(
  model: AttendanceSheetModel,
  opts: RenderOptions,
): Promise<Buffer> {
  const v = voice(opts.lang, opts.bilingual ?? false);
  const title = label(v, 'pdf.attendance.title').main;
  const doc = createDocument({
    title: `${title} — ${model.venue.name} — ${model.title}`,
    subject: model.municipality,
    lang: opts.lang,
    layout: 'landscape',
    createdAt: opts.createdAt,
  });
  titleBlock(doc, model, v);

  const table = new Table<SheetRow>(
    doc,
    columns(v),
    { fontSize: 8.5, headerSize: 8.5, padding: 4, minRowHeight: THUMB + 8, maxRowHeight: 4 * CM },
    label(v, 'pdf.continued').main,
  );
  let n = 0;
  for (const r of model.rows) table.row({ n: ++n, ...r });
  for (let i = 0; i < model.blankRows; i++)
    table.row({ n: ++n, name: '', dni: '', organization: '', role: '' });

  const closing = label(v, 'pdf.attendance.closing');
  table.end(14, 40);
  doc.font(FONT.regular).fontSize(9).text(closing.main);
  if (closing.second) doc.fontSize(8).text(closing.second);

  paintPageFurniture(doc, {
    voice: v,
    caption: [model.municipality, title, model.venue.name, formatDate(model.venue.date)].join(
      ' · ',
    ),
    ...(model.fingerprint ? { fingerprint: model.fingerprint } : {}),
  });
  return toBuffer(doc);
}
