// MINUTES_LAYOUT 8 (adv28). F2: page 1 names the time zone every date and time of the Acta is
// printed in. F2, F3: the basis of the official list names each save of the setup after the
// round's close, field by field, before → after, with who and when (setup-changes.ts collects
// them): a zone, fiscal year or municipality changed after the room saw a result was signed
// unnamed. F4: the co-financing column (the plan reconciliation reads it). Nothing here is
// drawn for payloads of layout 7 and before (the traits say so).
import { formatDateTime, formatSoles } from '../../../shared/format';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { label, say, type Doc, type Voice } from '../../platform/pdf/document';
import type { Column } from '../../platform/pdf/table';
import { para } from './minutes-blocks';
import { traitsOf } from './minutes-layouts';
import { zoneOf } from './minutes-zone';

/** A field's value as printed: keys worded, text quoted, '—' when empty. */
function valueText(v: Voice, field: string, x: string): string {
  if (x === '') return '—';
  switch (field) {
    case 'voteRule':
      return say(v, v.lang, `setup.voteRule.${x}`);
    case 'representativesPublic':
      return say(v, v.lang, x === 'true' ? 'minutes.pdf.basis.yes' : 'minutes.pdf.basis.no');
    case 'quorum': {
      const [kind, n] = x.split(':');
      return kind === 'percent' || kind === 'minimum'
        ? say(v, v.lang, `minutes.pdf.setup.quorum.${kind}`, { n: n ?? '' })
        : say(v, v.lang, 'setup.quorum.none');
    }
    case 'fiscalYear':
    case 'minNoticeDays':
    case 'timeZone':
    case 'ubigeo':
      return x;
    default:
      return `«${x}»`;
  }
}

/** Page 1, layout 8: the zone every date and time is printed in. */
export function zoneLine(doc: Doc, p: MinutesPayload, v: Voice): void {
  if (!traitsOf(p).zoneLine) return;
  para(doc, say(v, v.lang, 'minutes.pdf.setup.zone', { zone: zoneOf(p) }), 9, true);
  doc.moveDown(0.3);
}

/** The basis, layout 8: each save of the setup after the official round's close. */
export function setupChangeLines(doc: Doc, p: MinutesPayload, v: Voice): void {
  const b = p.basis;
  if (!traitsOf(p).setupChanges || !b?.setupChanges?.length) return;
  const at = (iso: string) => formatDateTime(iso, zoneOf(p));
  para(doc, say(v, v.lang, 'minutes.pdf.setup.changed', { title: b.title }), 9.5, true);
  for (const x of b.setupChanges)
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.setup.save', {
        by: x.by,
        at: at(x.at),
        changes: x.changes
          .map((c) =>
            say(v, v.lang, 'minutes.pdf.basis.change', {
              field: say(v, v.lang, `minutes.pdf.setup.field.${c.field}`),
              before: valueText(v, c.field, c.before),
              now: valueText(v, c.field, c.after),
            }),
          )
          .join('; '),
      }),
      9,
    );
}

/** Layout 8: a proposal's co-financing (contrapartida), '—' when none. */
export function cofinancingColumn<X extends { cofinancingCents: number }>(
  v: Voice,
  weight: number,
): Column<X> {
  return {
    header: label(v, 'minutes.pdf.col.cofinancing'),
    weight,
    align: 'right',
    text: (x) => (x.cofinancingCents > 0 ? formatSoles(x.cofinancingCents) : '—'),
  };
}
