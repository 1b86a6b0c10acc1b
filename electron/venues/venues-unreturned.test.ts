// adv27 (adversary, fac27), venfix: the facilitator prepares a kit for Sede Tinkiwasi, the venue works
// (check-ins, and it could be a round with its counts), and its file is simply never merged.
// The main workshop seals without a warning, and the Acta says nothing of the kit: no device
// page, Tinkiwasi with 0 attendance, while the main chain records that a kit was issued. A
// whole venue is dropped from the record without notice. Sealing should refuse, or ask to
// confirm (and print) that a kit issued for a venue never came back.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { handOver, type MainFixture, venueLaptop } from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { checkIn } from '../attendance/attendance';
import { getSealed } from '../minutes/minutes';
import { sealWorkshop } from '../minutes/seal';
import { requireSealWarnings, sealWarnings } from '../minutes/seal-warnings';
import { checkSealed } from '../minutes/check';
import { MinutesPayload } from '../../shared/minutes/payload';
import { checkRecord } from '../check/check';

let dir: string;
let m: MainFixture;
eachMainWorkshop('adv27-kit-', (d, f) => ((dir = d), (m = f)), 6);

it('a kit issued and never merged is not sealed over in silence (adv27)', async () => {
  const v = await venueLaptop(m, 1, 'tinkiwasi');
  const venue = m.venues[1]!;
  for (const [t] of m.people.slice(0, 3))
    checkIn(v.db, v.env, {
      participantId: t,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
  handOver(v);
  const warned = sealWarnings(m.db).some((w) => JSON.stringify(w).includes(v.kitId.slice(0, 8)));
  const sealed = await sealWorkshop(
    m.db,
    join(dir, 'main-data'),
    new Date('2026-05-16T22:00:00Z'),
    { lang: 'es', bilingual: false, slips: false, passphrase: null, acknowledged: [] },
    checkRecord,
  ).then(
    () => true,
    () => false,
  );
  const printed = (getSealed(m.db)?.payload ?? '').includes(v.kitId.slice(0, 8));
  expect({ sealed, warnedOrPrinted: warned || printed }).not.toEqual({
    sealed: true,
    warnedOrPrinted: false,
  });
});

it('the seal asks to confirm the kit never merged, and the Acta prints it on the devices page', async () => {
  const v = await venueLaptop(m, 1, 'tinkiwasi');
  const venue = m.venues[1]!;
  handOver(v);
  const id = `kitNotReturned:${v.kitId}`;
  const w = sealWarnings(m.db).find((x) => x.id === id);
  expect(w?.params).toEqual({ venue: venue.name, kit: v.kitId.slice(0, 8) });
  expect(() => requireSealWarnings(m.db, [])).toThrow('minutes.error.sealUnconfirmed');
  const { pdf } = await sealWorkshop(
    m.db,
    join(dir, 'main-data'),
    new Date('2026-05-16T22:00:00Z'),
    {
      lang: 'es',
      bilingual: false,
      slips: false,
      passphrase: null,
      acknowledged: sealWarnings(m.db).map((x) => x.id),
    },
    checkRecord,
  );
  const payload = MinutesPayload.parse(JSON.parse(getSealed(m.db)?.payload ?? '{}'));
  expect(payload.render?.layout).toBeGreaterThanOrEqual(7);
  expect(payload.unreturnedKits).toEqual([
    expect.objectContaining({ kitId: v.kitId, venue: venue.name }),
  ]);
  // The sealed record rebuilds from the tables (minka check).
  expect(checkSealed(m.db).problems).toEqual([]);
  const f = join(dir, 'acta.pdf');
  writeFileSync(f, pdf);
  if (process.env['VENFIX_OUT']) writeFileSync(`${process.env['VENFIX_OUT']}.unreturned.pdf`, pdf);
  const s = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
  expect(s).toContain('Sedes y dispositivos');
  expect(s).toContain(`${venue.name}: kit ${v.kitId.slice(0, 8)} preparado el`);
  expect(s).toContain('kit emitido, nunca devuelto');
});
