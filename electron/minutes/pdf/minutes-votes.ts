// The decision sections of the Acta: each vote with its table and a bar chart, the
// prioritised list cut at the envelope line (the criteria matrix is in minutes-criteria.ts).
import { formatDateTime, formatInteger, formatSoles } from '../../../shared/format';
import { zoneOf } from './minutes-zone';
import { basisLines, drawsBasis } from './minutes-basis';
import { tAsWritten as t } from '../../../shared/i18n';
import { rankedColumn, rankedFigure } from '../../../shared/voting/ranked';
import type { MinutesPayload, MinutesRound } from '../../../shared/minutes/payload';
import { effectiveRule } from '../../../shared/results/sector-split';
import {
  clean,
  contentWidth,
  FONT,
  hRule,
  label,
  RULE,
  type Doc,
  type Voice,
  say,
} from '../../platform/pdf/document';
import { para, room, section, table } from './minutes-blocks';
import type { Column } from '../../platform/pdf/table';
import { cofinancingColumn } from './minutes-setup';
import { splitTable } from './minutes-split';
import { ruleRanLine } from './minutes-rule';
import { dayText, nameText, traitsOf, wordKey } from './minutes-layouts';

/** One bar per item, black on white; the value is printed beside the bar so a photocopy still reads. */
function barChart(doc: Doc, r: MinutesRound): void {
  const items = r.items;
  if (items.length === 0) return;
  const max = Math.max(1, ...items.map(rankedFigure));
  const rowH = 12;
  room(doc, Math.min(items.length, 12) * rowH + 10);
  const left = doc.page.margins.left;
  const labelW = 150;
  const barMax = contentWidth(doc) - labelW - 60;
  for (const x of items) {
    room(doc, rowH);
    const y = doc.y;
    doc
      .font(FONT.regular)
      .fontSize(7.5)
      .text(clean(x.code || x.label), left, y + 2, {
        width: labelW - 6,
        height: rowH,
        ellipsis: true,
        lineBreak: false,
      });
    const w = (barMax * rankedFigure(x)) / max;
    doc
      .save()
      .lineWidth(0.5)
      .rect(left + labelW, y + 2, barMax, rowH - 4)
      .stroke(RULE.grey)
      .restore();
    if (w > 0)
      doc
        .save()
        .rect(left + labelW, y + 2, w, rowH - 4)
        .fill(RULE.black)
        .restore();
    doc
      .font(FONT.bold)
      .fontSize(7.5)
      .text(formatInteger(rankedFigure(x)), left + labelW + barMax + 4, y + 2, {
        width: 52,
        lineBreak: false,
        height: rowH,
      });
    doc.y = y + rowH;
  }
  doc.x = left;
  doc.y += 6;
}

export function roundsSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.rounds');
  if (p.rounds.length === 0) {
    para(doc, say(v, v.lang, 'minutes.pdf.noRounds'));
    return;
  }
  for (const round of p.rounds) {
    // A sector vote's items are sectors: a seeded name prints in the Acta's language (layout 8).
    const r = {
      ...round,
      items: round.items.map((x) => (x.code ? x : { ...x, label: nameText(p, v.lang, x.label) })),
    };
    room(doc, 90);
    doc.moveDown(0.4);
    para(doc, r.title, 10.5, true);
    const kind =
      say(v, v.lang, `minutes.pdf.roundKind.${r.kind}`) +
      (r.ballotType ? ` (${say(v, v.lang, `minutes.pdf.ballotType.${r.ballotType}`)})` : '');
    const venue = p.venues.find((x) => x.id === r.venueId)?.name ?? '';
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.roundLine', {
        kind,
        venue,
        day: r.day ? dayText(p, r.day, v.lang) : '',
        tieBreak: say(v, v.lang, wordKey(p, `setup.tieBreak.${r.tieBreak}`)),
      }),
      8.5,
    );
    if (r.state !== 'closed' || !r.entitled) {
      para(doc, say(v, v.lang, 'minutes.pdf.roundNotClosed', { state: r.state }), 8.5);
      continue;
    }
    para(
      doc,
      say(v, v.lang, wordKey(p, 'minutes.pdf.entitled'), {
        entitled: r.entitled.count,
        present: r.entitled.present,
        rule: say(v, v.lang, `minutes.pdf.voteRule.${r.entitled.voteRule}`),
        ballots: r.ballots ?? '—',
      }),
      8.5,
    );
    if (r.kind === 'ballot')
      para(
        doc,
        say(v, v.lang, 'minutes.pdf.blankBallots', { blank: formatInteger(r.blank ?? 0) }),
        8.5,
      );
    doc.moveDown(0.3);
    type I = MinutesRound['items'][number] & { n: number };
    const withPoints = rankedColumn(r.items) === 'points';
    const withShare = r.items.some((x) => x.shareCents !== null);
    const cols: Column<I>[] = [
      { header: label(v, 'pdf.col.number'), weight: 22, align: 'right', text: (x) => String(x.n) },
      { header: label(v, 'minutes.pdf.col.item'), weight: 260, text: (x) => x.label },
      {
        header: label(v, 'minutes.pdf.col.votes'),
        weight: 50,
        align: 'right',
        bold: true,
        text: (x) => formatInteger(x.votes),
      },
    ];
    if (withPoints)
      cols.push({
        header: label(v, 'minutes.pdf.col.points'),
        weight: 50,
        align: 'right',
        text: (x) => (x.points === null ? '' : formatInteger(x.points)),
      });
    if (withShare)
      cols.push({
        header: label(v, 'minutes.pdf.col.share'),
        weight: 80,
        align: 'right',
        text: (x) => (x.shareCents === null ? '' : formatSoles(x.shareCents)),
      });
    table<I>(
      doc,
      v,
      cols,
      r.items.map((x, i) => ({ ...x, n: i + 1 })),
    );
    barChart(doc, r);
    const holders = r.entitled.holders.map((h) =>
      h.organization ? `${h.organization}: ${h.name}` : h.name,
    );
    if (holders.length)
      para(doc, `${say(v, v.lang, 'minutes.pdf.holders')}: ${holders.join('; ')}`, 7);
  }
}

/**
 * "Round title · greedy" with the rule's name in the reader's language (the payload keeps the
 * engine's key). With the sector split on, the payload's key is the global order's "greedy",
 * but the split selected: the line names the split (MINUTES_LAYOUT 5).
 */
export function methodText(lang: Voice['lang'], method: string, split = false): string {
  const i = method.lastIndexOf(' · ');
  if (i < 0) return method;
  const key = method.slice(i + 3);
  const rule =
    split || key === 'greedy' || key.startsWith('mes')
      ? effectiveRule({
          selectionRule: key.startsWith('mes') ? 'mes' : 'greedy',
          sectorSplit: split,
        })
      : null;
  return rule ? `${method.slice(0, i)} · ${t(lang, `results.rule.${rule}`)}` : method;
}

/** Which round the list follows, as chosen before sealing, what was confirmed, and what it supersedes. */
function officialLines(doc: Doc, p: MinutesPayload, v: Voice): void {
  for (const r of p.reopenings ?? [])
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.reopening', {
        at: formatDateTime(r.at, zoneOf(p)),
        by: r.by,
        reason: r.reason,
        round: r.afterRound,
      }),
    );
  const o = p.official;
  if (!o) return;
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.official', {
      title: o.title,
      at: formatDateTime(o.chosenAt, zoneOf(p)),
    }),
    9.5,
    true,
  );
  for (const w of o.confirmed)
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.officialConfirmed', {
        warning: say(v, v.lang, wordKey(p, `results.official.warn.${w}`), {
          actual: o.quorum?.actual ?? 0,
          required: o.quorum?.required ?? 0,
        }),
      }),
    );
  // The quorum when the round closed, in the rule's unit, met too (the warning above says
  // when it was not), then the rule itself (the Acta did not say organisations or people).
  const rule = p.workshop.quorum;
  if (o.quorum && rule.kind !== 'none' && traitsOf(p).quorumLines) {
    const unit = rule.kind === 'percent' ? 'organizations' : 'people';
    if (o.quorum.met)
      para(
        doc,
        say(v, v.lang, `minutes.pdf.quorumMet.${unit}`, {
          actual: o.quorum.actual,
          required: o.quorum.required,
        }),
      );
    para(doc, say(v, v.lang, `minutes.pdf.quorumRule.${rule.kind}`, { ...rule }));
  }
  if (o.superseded.length)
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.officialSuperseded', {
        rounds: o.superseded
          .map((r) =>
            r.closedAt ? `«${r.title}» (${formatDateTime(r.closedAt, zoneOf(p))})` : `«${r.title}»`,
          )
          .join('; '),
      }),
    );
  if (drawsBasis(p)) basisLines(doc, p, v);
  doc.moveDown(0.3);
}

export function prioritizedSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  section(doc, v, 'minutes.pdf.prioritized');
  const pr = p.prioritized;
  if (!pr) {
    para(doc, say(v, v.lang, 'minutes.pdf.noPrioritized'));
    return;
  }
  officialLines(doc, p, v);
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.prioritizedLine', {
      method: methodText(v.lang, pr.method, pr.split !== undefined && traitsOf(p).splitReasons),
      envelope: formatSoles(pr.envelopeCents),
      funded: formatSoles(pr.fundedTotalCents),
      count: pr.items.filter((x) => x.funded).length,
    }),
  );
  if (traitsOf(p).ruleSteps && pr.ruleRan) ruleRanLine(doc, v, pr.ruleRan);
  doc.moveDown(0.3);
  type It = MinutesPayload extends { prioritized: infer X }
    ? X extends { items: (infer R)[] }
      ? R
      : never
    : never;
  // Layout 8 adds the co-financing column (adv28 F4), in points of the 535 between the margins:
  // "Orden" and a cumulative in tens of millions keep one line.
  const l8 = traitsOf(p).cofinancing;
  const cols: Column<It>[] = [
    {
      header: label(v, 'minutes.pdf.col.rank'),
      weight: l8 ? 32 : 24,
      align: 'right',
      text: (x) => String(x.rank),
    },
    { header: label(v, 'minutes.pdf.col.code'), weight: 38, bold: true, text: (x) => x.code },
    { header: label(v, 'minutes.pdf.col.cui'), weight: 46, align: 'center', text: (x) => x.cui },
    {
      header: label(v, 'minutes.pdf.col.project'),
      weight: l8 ? 135 : 156,
      text: (x) =>
        x.fromRemainder
          ? `${x.title} (${say(v, v.lang, 'minutes.pdf.split.fromRemainder')})`
          : x.title,
    },
    { header: label(v, 'minutes.pdf.col.score'), weight: 38, align: 'right', text: (x) => x.score },
    {
      header: label(v, 'minutes.pdf.col.amount'),
      weight: l8 ? 88 : 84,
      align: 'right',
      bold: true,
      text: (x) => formatSoles(x.amountCents),
    },
    // Layout 8 (adv28 F4): what the plan reconciliation subtracts for the municipal share.
    ...(l8 ? [cofinancingColumn<It>(v, 66)] : []),
    {
      header: label(v, 'minutes.pdf.col.cumulative'),
      weight: l8 ? 92 : 80,
      align: 'right',
      text: (x) => formatSoles(x.cumulativeCents),
    },
  ];
  const funded = pr.items.filter((x) => x.funded);
  const rest = pr.items.filter((x) => !x.funded);
  table<It>(doc, v, cols, funded);
  // The envelope line: a double rule with the ceiling written on it.
  room(doc, 40);
  const y = doc.y - 4;
  hRule(doc, y, 2);
  hRule(doc, y + 3, 0.8);
  doc.y = y + 6;
  para(
    doc,
    say(v, v.lang, 'minutes.pdf.envelopeLine', {
      envelope: formatSoles(pr.envelopeCents),
      funded: formatSoles(pr.fundedTotalCents),
      left: formatSoles(pr.envelopeCents - pr.fundedTotalCents),
    }),
    9.5,
    true,
  );
  doc.moveDown(0.4);
  if (rest.length) {
    // Under the split a project is left out by its sector's share, not by the envelope.
    para(
      doc,
      t(
        v.lang,
        pr.split && traitsOf(p).splitReasons
          ? 'minutes.pdf.belowLineSplit'
          : 'minutes.pdf.belowLine',
      ),
      9,
      true,
    );
    table<It>(doc, v, cols, rest);
  }
  if (pr.split)
    splitTable(
      doc,
      v,
      {
        ...pr.split,
        sectors: pr.split.sectors.map((x) => ({ ...x, name: nameText(p, v.lang, x.name) })),
      },
      traitsOf(p).splitReasons ? pr.items : null,
    );
}
