// The digital signatures on the Acta's signature sheet (layout 4, issue 16): the standard PDF
// signature (PAdES) made when sealing — who, when, whose certificate — drawn from the signed
// payload, and a line saying where officials' later co-signatures are listed (they are added
// to the file after it was printed, so paper cannot show them; Verificar and `minka verify` do).
import { formatDateTime } from '../../shared/format';
import { t } from '../../shared/i18n';
import type { MinutesPayload } from '../../shared/minutes/payload';
import { clean, contentWidth, FONT, type Doc, type Voice } from './document';
import { both, room } from './minutes-blocks';
import { zoneOf } from './minutes-zone';

export function digitalSignatures(doc: Doc, p: MinutesPayload, v: Voice): void {
  const c = p.signer.certificate;
  room(doc, 80);
  const x = doc.page.margins.left;
  const w = contentWidth(doc);
  const y0 = doc.y + 6;
  doc
    .font(FONT.bold)
    .fontSize(9.5)
    .text(clean(both(v, 'signatures.pdf.title')), x + 6, y0 + 5, { width: w - 12 });
  doc.font(FONT.regular).fontSize(9);
  const line = c
    ? t(v.lang, 'signatures.pdf.seal', {
        subject: c.subject,
        organization: c.organization || '—',
        date: formatDateTime(p.sealedAt, zoneOf(p)),
        certificate: t(v.lang, `signatures.pdf.source.${c.source}`),
        hash: c.sha256
          .slice(0, 16)
          .toUpperCase()
          .replace(/(.{4})(?=.)/g, '$1-'),
      })
    : t(v.lang, 'signatures.pdf.none');
  doc.text(clean(`1. ${line}`), x + 6, doc.y + 3, { width: w - 12 });
  doc.text(clean(t(v.lang, 'signatures.pdf.later')), x + 6, doc.y + 3, { width: w - 12 });
  if (v.second) {
    doc.fontSize(7.5);
    doc.text(clean(t(v.second, 'signatures.pdf.later')), x + 6, doc.y + 1, { width: w - 12 });
  }
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
