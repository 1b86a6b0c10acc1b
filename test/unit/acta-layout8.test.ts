// Layout 8 of the Acta: a typed reason that ends with its own full stop prints one stop, not
// "monto.." (the screens' `t`); the devices table names each laptop's role (door kit or voting
// desk) and its kit code, as the Sedes screen does. Layout 7's Actas keep their drawing
// (acta-older-layouts.test.ts), and `minka check` rebuilds a layout-7 payload without the role.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { eachMainWorkshop } from '../helpers/venues-each';
import type { MainFixture } from '../helpers/venues-fixture';
import { sealVenueActa, venueActaWorkshop } from '../helpers/venue-acta-fixture';
import { getSealed } from '../../electron/minutes/minutes';
import { checkSealed, rebuildAsSealed } from '../../electron/minutes/check';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { canonicalize } from '../../shared/canonical';
import { MINUTES_LAYOUT, MinutesPayload } from '../../shared/minutes/payload';
import type { Lang } from '../../shared/lang';

let dir: string;
let m: MainFixture;
eachMainWorkshop('acta8-', (d, f) => ((dir = d), (m = f)), 8);

/** The pages' text in drawing order (each table cell whole), spaces and line breaks as one space. */
const text = (pdf: Buffer, name: string): string => {
  const f = join(dir, name);
  writeFileSync(f, pdf);
  return execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
};

it.each<[Lang, string, string, string]>([
  ['es', 'monto. Las rondas', 'Solo puerta ·', 'Mesa de votación ·'],
  ['quz', 'monto.', 'Punkullapaq ·', 'Akllana mesa ·'],
  ['en', 'monto.', 'Door only ·', 'Voting desk ·'],
])(
  'layout 8 in %s: one stop after "monto.", the role and kit code of each laptop',
  async (lang, stop, door, desk) => {
    const { door: d, desk: k } = await venueActaWorkshop(m);
    const pdf = await sealVenueActa(m, { lang, bilingual: lang === 'es' });
    const payload = MinutesPayload.parse(JSON.parse(getSealed(m.db)?.payload ?? '{}'));
    expect(payload.render?.layout).toBe(MINUTES_LAYOUT);
    expect(MINUTES_LAYOUT).toBe(8);
    expect(payload.devices?.map((x) => [x.kitId, x.role])).toEqual(
      expect.arrayContaining([
        [d.kitId, 'door'],
        [k.kitId, 'desk'],
      ]),
    );
    const s = text(pdf, `acta-${lang}.pdf`);
    expect(s).toContain('Se corrigió el monto.');
    expect(s).toContain(stop);
    // No doubled full stop anywhere on the pages (an ellipsis "..." is not one).
    expect(s).not.toMatch(/[^.]\.\.(?!\.)/);
    expect(s).toContain(`${door} ${d.kitId.slice(0, 8)}`);
    expect(s).toContain(`${desk} ${k.kitId.slice(0, 8)}`);
    const r = await verifyMinutesPdf(pdf);
    expect(r.verdict).toBe('authentic');
    expect(checkSealed(m.db)).toMatchObject({ ok: true, problems: [] });
  },
);

it('check rebuilds a layout-7 payload without the role, a layout-8 one with it', async () => {
  await venueActaWorkshop(m);
  await sealVenueActa(m);
  const sealed = MinutesPayload.parse(JSON.parse(getSealed(m.db)?.payload ?? '{}'));
  const at = (layout: number) => ({ ...sealed, render: { ...sealed.render!, layout } });
  expect(canonicalize(rebuildAsSealed(m.db, at(8)))).toBe(canonicalize(sealed));
  const seven = rebuildAsSealed(m.db, at(7));
  expect(seven.devices?.length).toBe(3);
  expect(seven.devices?.some((x) => 'role' in x)).toBe(false);
  // The rest of a layout-7 payload is what layout 7 carried (its additions kept).
  expect(seven.unreturnedKits?.length).toBe(1);
  expect(seven.conflicts?.some((c) => c.reapplied)).toBe(true);
});
