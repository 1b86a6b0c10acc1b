// MINUTES_LAYOUT 6 (fac26 field test): what the official result was computed from and what
// changed after its close, so that every figure of the printed list can be recomputed from
// what is printed. Drawn only for payloads of layout 6 or later; a layout-5 payload never
// reaches these functions, so it draws byte for byte as before.
import { formatDateTime, formatSoles } from '../../../shared/format';
import { tAsWritten as t } from '../../../shared/i18n';
import { say } from '../../platform/pdf/document';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import type { MinutesParams } from '../../../shared/minutes/payload-basis';
import { effectiveRule } from '../../../shared/results/sector-split';
import type { Doc, Voice } from '../../platform/pdf/document';
import { para, section } from './minutes-blocks';
import { zoneOf } from './minutes-zone';
import { nameText } from './minutes-layouts';
import { setupChangeLines } from './minutes-setup';

/** Whether this payload is drawn with the layout-6 additions. */
export const drawsBasis = (p: MinutesPayload): boolean => (p.render?.layout ?? 0) >= 6;

const ruleText = (lang: Voice['lang'], key: string, split: boolean) =>
  t(
    lang,
    `results.rule.${effectiveRule({ selectionRule: key.startsWith('mes') ? 'mes' : 'greedy', sectorSplit: split })}`,
  );

function paramText(lang: Voice['lang'], field: keyof MinutesParams, x: MinutesParams): string {
  switch (field) {
    case 'envelopeCents':
      return formatSoles(x.envelopeCents);
    case 'rule':
      // Under the sector split the split selects (as the list's method line says).
      return ruleText(lang, x.rule, x.sectorSplit);
    case 'tieBreak':
      return t(lang, `setup.tieBreak.${x.tieBreak}`);
    case 'sectorSplit':
      return t(lang, x.sectorSplit ? 'minutes.pdf.basis.yes' : 'minutes.pdf.basis.no');
    case 'votesWeight':
      return `${x.votesWeight} %`;
  }
}

const FIELDS: (keyof MinutesParams)[] = [
  'envelopeCents',
  'rule',
  'tieBreak',
  'sectorSplit',
  'votesWeight',
];

/** Page 1, under the ceiling: the official result used another one (the setup changed after its close). */
export function envelopeNote(doc: Doc, p: MinutesPayload, v: Voice): void {
  const b = p.basis;
  if (!b || b.atClose.envelopeCents === b.now.envelopeCents) return;
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.basis.envelopeNote', {
      title: b.title,
      atClose: formatSoles(b.atClose.envelopeCents),
      now: formatSoles(b.now.envelopeCents),
    }),
    9,
    true,
  );
  doc.moveDown(0.3);
}

/** The prioritised list: the parameters it was computed with, and the setup's changes since. */
export function basisLines(doc: Doc, p: MinutesPayload, v: Voice): void {
  const b = p.basis;
  if (!b) return;
  const at = (s: string) => formatDateTime(s, zoneOf(p));
  const a = b.atClose;
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.basis.lead', {
      title: b.title,
      at: at(b.closedAt),
      envelope: paramText(v.lang, 'envelopeCents', a),
      rule: paramText(v.lang, 'rule', a),
      tieBreak: paramText(v.lang, 'tieBreak', a),
      split: paramText(v.lang, 'sectorSplit', a),
      votesWeight: a.votesWeight,
    }),
    9.5,
    true,
  );
  const changes = FIELDS.filter((f) => paramText(v.lang, f, a) !== paramText(v.lang, f, b.now)).map(
    (f) =>
      say(v, v.lang, 'minutes.pdf.basis.change', {
        field: say(v, v.lang, `minutes.pdf.basis.field.${f}`),
        before: paramText(v.lang, f, a),
        now: paramText(v.lang, f, b.now),
      }),
  );
  if (changes.length)
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.basis.changed', {
        changes: changes.join('; '),
        who: b.reopenings.length
          ? b.reopenings
              .map((r) =>
                say(v, v.lang, 'minutes.pdf.basis.reopenedBy', {
                  by: r.by,
                  at: at(r.at),
                  reason: r.reason,
                }),
              )
              .join(' ')
          : say(v, v.lang, 'minutes.pdf.basis.noReopening'),
      }),
      9.5,
      true,
    );
  // Layout 8 (adv28): the setup's other saves after the close (time zone, fiscal year…).
  setupChangeLines(doc, p, v);
  if ((p.render?.layout ?? 0) >= 7) proposalChangeLines(doc, p, v);
  for (const l of p.lateRulings ?? [])
    if (l.roundId === b.roundId) para(doc, lateQuorumText(v, l), 9.5, true);
  doc.moveDown(0.3);
}

/** Layout 7 (adv27): each event on the list's proposals after the close, who, when, before → after. */
function proposalChangeLines(doc: Doc, p: MinutesPayload, v: Voice): void {
  const b = p.basis;
  if (!b?.proposalChanges?.length) return;
  const value = (field: string, x: string) =>
    field === 'estimatedCostCents' || field === 'cofinancingCents'
      ? formatSoles(Number(x) || 0)
      : field === 'status'
        ? say(v, v.lang, `proposals.status.${x}`)
        : x
          ? `«${x}»`
          : '—';
  para(doc, say(v, v.lang, 'minutes.pdf.basis.proposalsChanged', { title: b.title }), 9.5, true);
  for (const c of b.proposalChanges)
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.basis.proposalChange', {
        code: c.code,
        kind: say(v, v.lang, `minutes.pdf.basis.proposalKind.${c.kind}`),
        by: c.by,
        at: formatDateTime(c.at, zoneOf(p)),
        changes: c.changes
          .map((x) =>
            say(v, v.lang, 'minutes.pdf.basis.change', {
              field: say(v, v.lang, `minutes.pdf.basis.proposalField.${x.field}`),
              before: value(x.field, x.before),
              now: value(x.field, x.after),
            }),
          )
          .join('; '),
      }),
      9,
    );
}

/** Under the criteria matrix (which is the frozen one): what was changed after the close. */
export function criteriaBasisLines(doc: Doc, p: MinutesPayload, v: Voice): void {
  const b = p.basis;
  if (!b || !p.criteriaAtClose) return;
  doc.moveDown(0.2);
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.basis.criteriaAtClose', {
      title: b.title,
      at: formatDateTime(b.closedAt, zoneOf(p)),
    }),
    8.5,
  );
  const now = p.criteria;
  if (b.matrixChanged || b.atClose.votesWeight !== b.now.votesWeight)
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.basis.matrixChanged', {
        matrix: [
          ...(now?.criteria ?? []).map((x) =>
            say(v, v.lang, 'minutes.pdf.criterion', {
              name: nameText(p, v.lang, x.name),
              weight: x.weight,
              scale: x.scaleMax,
            }),
          ),
          say(v, v.lang, 'minutes.pdf.votesWeight', { weight: b.now.votesWeight }),
        ].join(' · '),
      }),
      8.5,
      true,
    );
  if (b.scoresChanged.length)
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.basis.scoresChanged', { codes: b.scoresChanged.join(', ') }),
      8.5,
      true,
    );
}

function lateQuorumText(v: Voice, l: NonNullable<MinutesPayload['lateRulings']>[number]): string {
  const q = l.quorum;
  if (!q) return say(v, v.lang, 'minutes.pdf.late.noQuorumRule', { title: l.title });
  return t(
    v.lang,
    `minutes.pdf.late.quorum.${q.met ? 'met' : 'notMet'}.${l.unit === 'people' ? 'people' : 'organizations'}`,
    {
      title: l.title,
      actual: q.actual,
      required: q.required,
    },
  );
}

/** Settlements after a round's close that ruled its voters absent from its venue. */
export function lateRulingsSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  const ls = p.lateRulings ?? [];
  if (!ls.length) return;
  section(doc, v, 'minutes.pdf.late.title');
  const at = (s: string) => formatDateTime(s, zoneOf(p));
  for (const l of ls) {
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.late.round', {
        title: l.title,
        venue: l.venue,
        at: at(l.closedAt),
      }),
      9.5,
      true,
    );
    for (const a of l.absent)
      para(
        doc,
        say(v, v.lang, 'minutes.pdf.late.absent', {
          name: a.name,
          organization: a.organization || '—',
          venue: l.venue,
          kept: a.keptAt,
          at: at(a.settledAt),
          note: a.note || '—',
        }),
      );
    para(doc, lateQuorumText(v, l), 9.5, true);
    doc.moveDown(0.3);
  }
}
