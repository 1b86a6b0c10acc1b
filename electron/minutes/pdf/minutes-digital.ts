// The digital signatures on the Acta's signature sheet (layout 4, issue 16): the standard PDF
// signature (PAdES) made when sealing — who, when, whose certificate — drawn from the signed
// payload, and a line saying where officials' later co-signatures are listed (they are added
// to the file after it was printed, so paper cannot show them; Verificar and `minka verify` do).
import { formatDateTime } from '../../../shared/format';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { clean, contentWidth, FONT, type Doc, type Voice, say } from '../../platform/pdf/document';
import { both, room } from './minutes-blocks';
import { zoneOf } from './minutes-zone';

export function digitalSignatures(doc: Doc, p: MinutesPayload, v: Voice): void {
  const c = p.signer.certificate;
  const x = doc.page.margins.left;
  const w = contentWidth(doc);
  const inner = { width: w - 12 };
  const title = clean(both(v, 'signatures.pdf.title'));
  const line = clean(
    `1. ${
      c
        ? say(v, v.lang, 'signatures.pdf.seal', {
            subject: c.subject,
            organization: c.organization || '—',
            date: formatDateTime(p.sealedAt, zoneOf(p)),
            certificate: say(v, v.lang, `signatures.pdf.source.${c.source}`),
            hash: c.sha256
              .slice(0, 16)
              .toUpperCase()
              .replace(/(.{4})(?=.)/g, '$1-'),
          })
        : say(v, v.lang, 'signatures.pdf.none')
    }`,
  );
  const later = clean(say(v, v.lang, 'signatures.pdf.later'));
  const laterSecond = v.second ? clean(say(v, v.second, 'signatures.pdf.later')) : null;
  // Measured first: the box is kept whole on one page (the foot band lies below the margin).
  const height =
    doc.font(FONT.bold).fontSize(9.5).heightOfString(title, inner) +
    doc.font(FONT.regular).fontSize(9).heightOfString(line, inner) +
    doc.heightOfString(later, inner) +
    (laterSecond ? doc.fontSize(7.5).heightOfString(laterSecond, inner) + 1 : 0) +
    22;
  room(doc, height + 8);
  const y0 = doc.y + 6;
  doc
    .font(FONT.bold)
    .fontSize(9.5)
    .text(title, x + 6, y0 + 5, inner);
  doc.font(FONT.regular).fontSize(9);
  doc.text(line, x + 6, doc.y + 3, inner);
  doc.text(later, x + 6, doc.y + 3, inner);
  if (laterSecond) doc.fontSize(7.5).text(laterSecond, x + 6, doc.y + 1, inner);
  const y1 = doc.y + 5;
  doc
    .save()
    .lineWidth(1)
    .rect(x, y0, w, y1 - y0)
    .stroke()
    .restore();
  doc.y = y1 + 6;
  doc.x = x;
}
