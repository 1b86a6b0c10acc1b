// The Acta's page of venue devices (issue 20): every laptop whose events were merged (its
// venue, key fingerprint, chain head and number of events) and every conflict between them,
// side by side, with how a person settled it. Printed only when the workshop had devices.
import { formatDateTime, formatInteger } from '../../../shared/format';
import { fingerprint } from '../../../shared/fingerprint';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { label, type Doc, type Voice, say } from '../../platform/pdf/document';
import type { Column } from '../../platform/pdf/table';
import { numbered, para, section, table } from './minutes-blocks';
import { zoneOf } from './minutes-zone';
import { traitsOf, wordKey } from './minutes-layouts';

type D = NonNullable<MinutesPayload['devices']>[number];

/** Whether each head matched the closing slip signed at the venue (from layout 5). */
const proofColumn = (v: Voice, role: boolean): Column<D> => ({
  header: label(v, 'venues.pdf.col.proof'),
  weight: role ? 95 : 120,
  text: (d) =>
    d.proof?.kind === 'slip'
      ? say(v, v.lang, 'venues.pdf.proofSlip')
      : say(v, v.lang, 'venues.pdf.proofNone', { note: d.proof?.note || '—' }),
});

/**
 * From layout 8: door kit or voting desk, and the kit's code, as the Sedes screen shows them
 * (two laptops at one venue were told apart only by their key before). The no-break space
 * keeps the dot with the role when the code wraps.
 */
const kitColumn = (v: Voice): Column<D> => ({
  header: label(v, 'venues.devices.col.kit'),
  weight: 85,
  text: (d) =>
    `${d.role ? `${say(v, v.lang, `venues.devices.role.${d.role}`)}\u00a0· ` : ''}${d.kitId.slice(0, 8)}`,
});

/** Layout 7 (adv27): kits issued for a venue of which no file came back. */
const unreturned = (p: MinutesPayload) =>
  (p.render?.layout ?? 0) >= 7 ? (p.unreturnedKits ?? []) : [];

export function devicesSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  if (!p.devices?.length && !p.conflicts?.length && !unreturned(p).length) return;
  doc.addPage();
  section(doc, v, 'venues.pdf.devices');
  para(doc, say(v, v.lang, wordKey(p, 'venues.pdf.devicesLead')), 8.5);
  const proof = traitsOf(p).deviceProof;
  const role = traitsOf(p).deviceRole;
  doc.moveDown(0.4);
  table<D>(
    doc,
    v,
    [
      // Layout 4 had no slip column: its four columns were wider.
      // From layout 8 the kit column takes its room from the venue and slip columns, so that
      // a key and a head still print on one line each.
      {
        header: label(v, 'venues.pdf.col.venue'),
        weight: role ? 80 : proof ? 110 : 150,
        bold: true,
        text: (d) => d.venue,
      },
      ...(role ? [kitColumn(v)] : []),
      {
        header: label(v, 'venues.pdf.col.key'),
        weight: proof ? 105 : 120,
        text: (d) => d.keyFingerprint,
      },
      {
        header: label(v, 'venues.pdf.col.head'),
        weight: proof ? 105 : 120,
        text: (d) => fingerprint(d.head),
      },
      {
        header: label(v, 'venues.pdf.col.events'),
        weight: proof ? 50 : 60,
        align: 'right',
        text: (d) => formatInteger(d.events),
      },
      ...(proof ? [proofColumn(v, role)] : []),
    ],
    p.devices ?? [],
  );
  const zone = zoneOf(p);
  unreturnedLines(doc, p, v, zone);
  section(doc, v, 'venues.pdf.conflicts');
  // Two laptops at one venue (door and desk) are told apart by their key.
  const keys = new Map((p.devices ?? []).map((d) => [d.kitId, d.keyFingerprint.slice(0, 9)]));
  const side = (venue: string, source = '') =>
    venue === 'main'
      ? say(v, v.lang, 'venues.pdf.main')
      : keys.has(source)
        ? `${venue} [${keys.get(source) ?? ''}]`
        : venue;
  numbered(
    doc,
    v,
    (p.conflicts ?? []).map((c) => ({
      text: `${say(v, v.lang, `venues.kind.${c.kind}`)}: ${c.label} — ${c.sides
        .map((x) =>
          // This workshop's side of a refused count has no time of its own.
          x.at
            ? `${side(x.venue, x.source)} (${formatDateTime(x.at, zone)})`
            : side(x.venue, x.source),
        )
        .join(' / ')}`,
      sub: c.settledAt
        ? say(v, v.lang, 'venues.pdf.settled', {
            choice: side(c.choiceVenue, c.choice),
            note: c.note,
            at: formatDateTime(c.settledAt, zone),
          }) + reappliedLine(p, c, v)
        : say(v, v.lang, 'venues.pdf.open'),
    })),
    'venues.pdf.noConflicts',
  );
}

function unreturnedLines(doc: Doc, p: MinutesPayload, v: Voice, zone: string): void {
  const ks = unreturned(p);
  if (!ks.length) return;
  doc.moveDown(0.4);
  for (const k of ks)
    para(
      doc,
      say(v, v.lang, 'venues.pdf.kitNotReturned', {
        venue: k.venue,
        kit: k.kitId.slice(0, 8),
        at: formatDateTime(k.createdAt, zone),
      }),
      9,
    );
}

/** Layout 7 (adv27): the settlement replaced the counts of a closed round with the chosen side's. */
function reappliedLine(
  p: MinutesPayload,
  c: NonNullable<MinutesPayload['conflicts']>[number],
  v: Voice,
): string {
  return (p.render?.layout ?? 0) >= 7 && c.reapplied
    ? ` ${say(v, v.lang, 'venues.pdf.countsRuled')}`
    : '';
}
