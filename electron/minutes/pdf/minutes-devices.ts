// The Acta's page of venue devices (issue 20): every laptop whose events were merged (its
// venue, key fingerprint, chain head and number of events) and every conflict between them,
// side by side, with how a person settled it. Printed only when the workshop had devices.
import { formatDateTime, formatInteger } from '../../../shared/format';
import { fingerprint } from '../../../shared/fingerprint';
import { tAsWritten as t } from '../../../shared/i18n';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { label, type Doc, type Voice } from '../../platform/pdf/document';
import type { Column } from '../../platform/pdf/table';
import { numbered, para, section, table } from './minutes-blocks';
import { zoneOf } from './minutes-zone';
import { traitsOf, wordKey } from './minutes-layouts';

type D = NonNullable<MinutesPayload['devices']>[number];

/** Whether each head matched the closing slip signed at the venue (from layout 5). */
const proofColumn = (v: Voice): Column<D> => ({
  header: label(v, 'venues.pdf.col.proof'),
  weight: 120,
  text: (d) =>
    d.proof?.kind === 'slip'
      ? t(v.lang, 'venues.pdf.proofSlip')
      : t(v.lang, 'venues.pdf.proofNone', { note: d.proof?.note || '—' }),
});

export function devicesSection(doc: Doc, p: MinutesPayload, v: Voice): void {
  if (!p.devices?.length && !p.conflicts?.length) return;
  doc.addPage();
  section(doc, v, 'venues.pdf.devices');
  para(doc, t(v.lang, wordKey(p, 'venues.pdf.devicesLead')), 8.5);
  const proof = traitsOf(p).deviceProof;
  doc.moveDown(0.4);
  table<D>(
    doc,
    v,
    [
      // Layout 4 had no slip column: its four columns were wider.
      {
        header: label(v, 'venues.pdf.col.venue'),
        weight: proof ? 110 : 150,
        bold: true,
        text: (d) => d.venue,
      },
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
      ...(proof ? [proofColumn(v)] : []),
    ],
    p.devices ?? [],
  );
  section(doc, v, 'venues.pdf.conflicts');
  const zone = zoneOf(p);
  // Two laptops at one venue (door and desk) are told apart by their key.
  const keys = new Map((p.devices ?? []).map((d) => [d.kitId, d.keyFingerprint.slice(0, 9)]));
  const side = (venue: string, source = '') =>
    venue === 'main'
      ? t(v.lang, 'venues.pdf.main')
      : keys.has(source)
        ? `${venue} [${keys.get(source) ?? ''}]`
        : venue;
  numbered(
    doc,
    v,
    (p.conflicts ?? []).map((c) => ({
      text: `${t(v.lang, `venues.kind.${c.kind}`)}: ${c.label} — ${c.sides
        .map((x) =>
          // This workshop's side of a refused count has no time of its own.
          x.at
            ? `${side(x.venue, x.source)} (${formatDateTime(x.at, zone)})`
            : side(x.venue, x.source),
        )
        .join(' / ')}`,
      sub: c.settledAt
        ? t(v.lang, 'venues.pdf.settled', {
            choice: side(c.choiceVenue, c.choice),
            note: c.note,
            at: formatDateTime(c.settledAt, zone),
          })
        : t(v.lang, 'venues.pdf.open'),
    })),
    'venues.pdf.noConflicts',
  );
}
