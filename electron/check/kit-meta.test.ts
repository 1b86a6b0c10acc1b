// `checkConsistency` on a venue kit: its meta key device_kit (written by prepareKit) is a key
// Minka writes there; on a main workshop it names no kit of the file and is reported.
import { expect, it } from 'vitest';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { type MainFixture, venueLaptop } from '../../test/helpers/venues-fixture';
import { checkConsistency } from './consistency';

let m: MainFixture;
eachMainWorkshop('minka-kit-meta-', (_dir, main) => {
  m = main;
});

it('a venue kit: device_kit is known, the kit is consistent', async () => {
  const v = await venueLaptop(m, 1, 'kit');
  try {
    expect(checkConsistency(v.db).problems).toEqual([]);
    // A kit whose device_kit is changed to another id is reported.
    v.db.prepare("UPDATE meta SET value = 'other' WHERE key = 'device_kit'").run();
    expect(checkConsistency(v.db).problems.map((p) => `${p.table} ${p.key}`)).toContain(
      'meta device_kit',
    );
  } finally {
    v.db.close();
  }
});

it('a main workshop: a device_kit key (even naming a kit it issued) is reported', async () => {
  const v = await venueLaptop(m, 1, 'kit');
  v.db.close();
  expect(checkConsistency(m.db).problems).toEqual([]);
  m.db.prepare("INSERT INTO meta (key, value) VALUES ('device_kit', ?)").run(v.kitId);
  expect(checkConsistency(m.db).problems.map((p) => `${p.table} ${p.key}`)).toContain(
    'meta device_kit',
  );
});
