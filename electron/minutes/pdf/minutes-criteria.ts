// The Acta's criteria matrix: each criterion's weight and scale, the votes' share, and each
// admitted proposal's scores with its weighted total (* when not every criterion was scored).
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { label, type Doc, type Voice, say } from '../../platform/pdf/document';
import type { Column } from '../../platform/pdf/table';
import { para, section, table } from './minutes-blocks';
import { nameText, wordKey } from './minutes-layouts';

export function criteriaSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  const c = p.criteria;
  if (!c) return;
  section(doc, v, 'minutes.pdf.criteria');
  para(
    doc,
    c.criteria
      .map((x) =>
        say(v, v.lang, wordKey(p, 'minutes.pdf.criterion'), {
          name: nameText(p, v.lang, x.name),
          weight: x.weight,
          scale: x.scaleMax,
        }),
      )
      .join(' · ') +
      ` · ${say(v, v.lang, wordKey(p, 'minutes.pdf.votesWeight'), { weight: c.votesWeight })}`,
    8.5,
  );
  doc.moveDown(0.3);
  type Row = MinutesPayload extends { criteria: infer X }
    ? X extends { rows: (infer R)[] }
      ? R
      : never
    : never;
  const cols: Column<Row>[] = [
    { header: label(v, 'minutes.pdf.col.code'), weight: 40, bold: true, text: (x) => x.code },
    { header: label(v, 'minutes.pdf.col.project'), weight: 200, text: (x) => x.title },
    ...c.criteria.map((cr) => ({
      header: { main: `${nameText(p, v.lang, cr.name)} (${cr.weight}%)`, second: null },
      weight: 56,
      align: 'center' as const,
      text: (x: Row) =>
        x.scores[cr.id] === null || x.scores[cr.id] === undefined ? '—' : String(x.scores[cr.id]),
    })),
    {
      header: label(v, 'minutes.pdf.col.total'),
      weight: 50,
      align: 'right',
      bold: true,
      text: (x) => (x.complete ? x.display : `${x.display}*`),
    },
  ];
  table<Row>(doc, v, cols, c.rows);
}
