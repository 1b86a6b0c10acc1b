// The Acta's sector split (setup option "el voto sectorial reparte el monto"): each sector's
// share, what it funded and what did not fit in it, then the remainder pass. Drawn from the
// signed payload alone (the list's items say each project's sector).
import { formatSoles } from '../../../shared/format';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { label, type Doc, type Voice, say } from '../../platform/pdf/document';
import { para, room, table } from './minutes-blocks';
import type { Column } from '../../platform/pdf/table';

type Split = NonNullable<NonNullable<MinutesPayload['prioritized']>['split']>;

/**
 * The sector split as decided (setup option): each sector's share, what it funded, then the
 * remainder. `items` null: layout 4's table, without the column of what did not fit.
 */
export function splitTable(
  doc: Doc,
  v: Voice,
  split: Split,
  items: readonly { code: string; sectorId: string }[] | null,
): void {
  doc.moveDown(0.4);
  room(doc, 80);
  para(doc, say(v, v.lang, 'minutes.pdf.split.heading'), 9.5, true);
  para(doc, say(v, v.lang, 'minutes.pdf.split.rule'), 8.5);
  doc.moveDown(0.2);
  type Row = Split['sectors'][number];
  const cols: Column<Row>[] = [
    {
      header: label(v, 'minutes.pdf.split.col.sector'),
      weight: items ? 95 : 110,
      text: (x) => x.name,
    },
    {
      header: label(v, 'minutes.pdf.split.col.share'),
      weight: 80,
      align: 'right',
      text: (x) => formatSoles(x.shareCents),
    },
    {
      header: label(v, 'minutes.pdf.split.col.selected'),
      weight: items ? 85 : 110,
      bold: true,
      text: (x) => (x.selected.length ? x.selected.join(', ') : '—'),
    },
    ...(items
      ? [
          {
            // What the sector's share could not fund (the screen's column; MINUTES_LAYOUT 5): the
            // reason a project with a high score is below the line under the split.
            header: label(v, 'minutes.pdf.split.col.skipped'),
            weight: 90,
            text: (x: Row) => {
              const out = items
                .filter((i) => i.sectorId === x.sectorId && !x.selected.includes(i.code))
                .map((i) => i.code);
              return out.length ? out.join(', ') : '—';
            },
          },
        ]
      : []),
    {
      header: label(v, 'minutes.pdf.split.col.spent'),
      weight: 80,
      align: 'right',
      text: (x) => formatSoles(x.spentCents),
    },
    {
      header: label(v, 'minutes.pdf.split.col.leftover'),
      weight: 80,
      align: 'right',
      text: (x) => formatSoles(x.leftoverCents),
    },
  ];
  table<Row>(doc, v, cols, split.sectors);
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.split.remainder', {
      pooled: formatSoles(split.pooledCents),
      codes: split.remainder.selected.length ? split.remainder.selected.join(', ') : '—',
      spent: formatSoles(split.remainder.spentCents),
      left: formatSoles(split.remainder.leftoverCents),
    }),
    9,
    true,
  );
}
