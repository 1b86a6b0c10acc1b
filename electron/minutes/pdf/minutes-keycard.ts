// The key card: a boxed block on the first page saying which key signed these minutes, so
// that a reader with the paper can tell a key they know from a new one (issue 15). The
// municipality, who held the key, its fingerprint in groups, and when it was created.
import { formatDayOf } from '../../../shared/format';
import type { Signer } from '../../../shared/minutes/payload';
import {
  clean,
  contentWidth,
  fieldGrid,
  FONT,
  label,
  type Doc,
  type Voice,
} from '../../platform/pdf/document';
import { room } from './minutes-blocks';

export interface KeyCardInput {
  municipality: string;
  signer: Signer;
  /** The signed time zone the creation day is printed in. */
  timeZone: string;
}

export function keyCard(doc: Doc, v: Voice, k: KeyCardInput): void {
  const x = doc.page.margins.left;
  const w = contentWidth(doc);
  room(doc, 70);
  const y0 = doc.y + 4;
  const title = label(v, 'minutes.pdf.keyCard.title');
  doc.font(FONT.bold).fontSize(9.5);
  doc.text(clean(title.second ? `${title.main} / ${title.second}` : title.main), x + 6, y0 + 5, {
    width: w - 12,
  });
  doc.y += 2;
  const saved = doc.page.margins.left;
  doc.page.margins.left = x + 6;
  doc.page.margins.right += 6;
  const both = (key: string) => {
    const l = label(v, key);
    return l.second ? `${l.main} / ${l.second}` : l.main;
  };
  fieldGrid(
    doc,
    [
      { label: both('minutes.pdf.keyCard.municipality'), value: k.municipality },
      { label: both('minutes.pdf.keyCard.holder'), value: k.signer.holder ?? '' },
      { label: both('minutes.pdf.keyCard.fingerprint'), value: k.signer.keyFingerprint },
      {
        label: both('minutes.pdf.keyCard.created'),
        value: k.signer.keyCreatedAt ? formatDayOf(k.signer.keyCreatedAt, k.timeZone) : '',
      },
    ],
    // Two columns: a fingerprint in four groups must never wrap.
    { columns: 2, size: 10 },
  );
  doc.page.margins.left = saved;
  doc.page.margins.right -= 6;
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
