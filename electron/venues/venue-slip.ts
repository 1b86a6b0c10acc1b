// A venue's closing slip (issue 20): one page with the venue laptop's chain head, for those
// present to sign when the venue's work is done, carried to the main workshop apart from the
// file. Whoever holds the venue laptop can edit and re-sign its file; the head on this paper,
// seen on screen by the room, is what the merge compares (electron/venues/venues-slip.ts).
import { formatDateTime, formatInteger } from '../../shared/format';
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
  RULE,
  toBuffer,
  voice,
  type RenderOptions,
} from '../platform/pdf/document';

export interface VenueSlipModel {
  municipality: string;
  title: string;
  venue: string;
  kitCode: string;
  keyFingerprint: string;
  events: number;
  headFingerprint: string;
  /** When the slip was printed (ISO), shown in the workshop's time zone. */
  at: string;
  timeZone: string;
}

const SIGNATURE_LINES = 6;

export async function renderVenueSlip(m: VenueSlipModel, opts: RenderOptions): Promise<Buffer> {
  const v = voice(opts.lang, opts.bilingual ?? false);
  const title = label(v, 'venues.slipPdf.title').main;
  const doc = createDocument({
    title: `${title} — ${m.venue} — ${m.title}`,
    subject: m.municipality,
    lang: opts.lang,
    layout: 'portrait',
    createdAt: opts.createdAt,
  });
  const f = (key: string) => {
    const l = label(v, key);
    return l.second ? `${l.main} / ${l.second}` : l.main;
  };
  doc.font(FONT.regular).fontSize(10).text(clean(m.municipality));
  heading(doc, label(v, 'venues.slipPdf.title'), { size: 15 });
  doc.moveDown(0.2);
  doc.font(FONT.bold).fontSize(10).text(clean(m.title));
  doc.moveDown(0.5);
  fieldGrid(
    doc,
    [
      { label: f('venues.slipPdf.venue'), value: m.venue },
      { label: f('venues.slipPdf.kit'), value: m.kitCode },
      { label: f('venues.slipPdf.key'), value: m.keyFingerprint },
      { label: f('venues.slipPdf.events'), value: formatInteger(m.events) },
      { label: f('venues.slipPdf.at'), value: formatDateTime(m.at, m.timeZone) },
    ],
    { columns: 2, size: 10 },
  );
  doc.moveDown(0.8);
  // The head large, in a box: it is read aloud and typed at the main workshop.
  const x = doc.page.margins.left;
  const w = contentWidth(doc);
  const top = doc.y;
  doc.lineWidth(RULE.heavy).rect(x, top, w, 78).stroke();
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(f('venues.slipPdf.head'), x, top + 10, {
      width: w,
      align: 'center',
    });
  doc
    .font(FONT.bold)
    .fontSize(30)
    .text(m.headFingerprint, x, top + 30, { width: w, align: 'center' });
  doc.y = top + 92;
  doc.x = x;
  const lead = label(v, 'venues.slipPdf.lead');
  doc.font(FONT.regular).fontSize(9.5).text(lead.main, { width: w });
  if (lead.second) doc.fontSize(8.5).text(lead.second, { width: w });
  doc.moveDown(1);
  const sign = label(v, 'venues.slipPdf.sign').main;
  for (let i = 0; i < SIGNATURE_LINES; i++) {
    const y = doc.y + 34;
    hRule(doc, y, RULE.thin, RULE.black);
    doc
      .font(FONT.regular)
      .fontSize(8)
      .text(`${i + 1}. ${sign}`, x, y + 3, { width: w });
    doc.y = y + 16;
  }
  paintPageFurniture(doc, {
    voice: v,
    caption: [m.municipality, title, m.venue].join(' · '),
    fingerprint: m.headFingerprint,
  });
  return toBuffer(doc);
}
