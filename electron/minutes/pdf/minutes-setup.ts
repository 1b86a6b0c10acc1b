// MINUTES_LAYOUT 8 (adv28). F4: the co-financing column (the plan reconciliation reads it).
// F2, F3: page 1, under the fiscal year and the seal date: the time zone
// every date and time of the Acta is printed in, and each save of the setup after the first round
// closed, field by field, before → after, with who and when (setup-changes.ts collects them). A
// zone, fiscal year or municipality changed after the room saw a result was signed unnamed.
import { formatDateTime, formatSoles } from '../../../shared/format';
import { tAsWritten as t } from '../../../shared/i18n';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { label, type Doc, type Voice } from '../../platform/pdf/document';
import type { Column } from '../../platform/pdf/table';
import { para } from './minutes-blocks';
import { traitsOf } from './minutes-layouts';
import { zoneOf } from './minutes-zone';

/** A field's value as printed: keys worded, amounts in soles, text quoted. */
function valueText(lang: Voice['lang'], field: string, x: string): string {
  if (x === '') return '—';
  switch (field) {
    case 'envelopeCents':
      return formatSoles(Number(x) || 0);
    case 'tieBreak':
      return t(lang, `setup.tieBreak.${x}`);
    case 'voteRule':
      return t(lang, `setup.voteRule.${x}`);
    case 'selectionRule':
      return t(lang, `results.rule.${x}`);
    case 'sectorSplit':
    case 'representativesPublic':
      return t(lang, x === 'true' ? 'minutes.pdf.basis.yes' : 'minutes.pdf.basis.no');
    case 'quorum': {
      const [kind, n] = x.split(':');
      return kind === 'none'
        ? t(lang, 'setup.quorum.none')
        : t(lang, `minutes.pdf.setup.quorum.${kind === 'minimum' ? 'minimum' : 'percent'}`, {
            n: n ?? '',
          });
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

/** The zone line and the setup's changes after the first close; nothing before layout 8. */
export function zoneAndSetupLines(doc: Doc, p: MinutesPayload, v: Voice): void {
  const traits = traitsOf(p);
  if (traits.zoneLine)
    para(doc, t(v.lang, 'minutes.pdf.setup.zone', { zone: zoneOf(p) }), 9, true);
  const s = p.setupChanges;
  if (traits.setupChanges && s?.saves.length) {
    const at = (iso: string) => formatDateTime(iso, zoneOf(p));
    para(
      doc,
      t(v.lang, 'minutes.pdf.setup.changed', { title: s.roundTitle, at: at(s.closedAt) }),
      9,
      true,
    );
    for (const x of s.saves)
      para(
        doc,
        t(v.lang, 'minutes.pdf.setup.save', {
          by: x.by,
          at: at(x.at),
          changes: x.changes
            .map((c) =>
              t(v.lang, 'minutes.pdf.basis.change', {
                field: t(v.lang, `minutes.pdf.setup.field.${c.field}`),
                before: valueText(v.lang, c.field, c.before),
                now: valueText(v.lang, c.field, c.after),
              }),
            )
            .join('; '),
        }),
        9,
      );
  }
  if (traits.zoneLine || (traits.setupChanges && s?.saves.length)) doc.moveDown(0.3);
}

/** Layout 8: a proposal's community co-financing (contrapartida), '—' when none. */
export function cofinancingColumn<X extends { cofinancingCents: number }>(v: Voice): Column<X> {
  return {
    header: label(v, 'minutes.pdf.col.cofinancing'),
    weight: 70,
    align: 'right',
    text: (x) => (x.cofinancingCents > 0 ? formatSoles(x.cofinancingCents) : '—'),
  };
}
