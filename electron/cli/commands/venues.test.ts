// minka kit / merge / check through the CLI, with the venue laptop driven through the core
// (as the app and the web host drive it): the kit is adopted on open and signed after each change.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { fingerprint } from '../../../shared/fingerprint';
import { runCli } from '../../../test/helpers/cli';
import { mainWorkshop, type MainFixture } from '../../../test/helpers/venues-fixture';
import { Core } from '../../core/core';

let dir: string;
let m: MainFixture;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minka-venues-cli-'));
  m = mainWorkshop(dir);
  m.db.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('kit, record at the venue, merge, check: every device listed, the venue counted', async () => {
  const mainData = join(dir, 'main-data');
  const kit = join(dir, 'tinkiwasi.minka');
  const made = await runCli([
    'kit',
    m.file,
    '--venue',
    'Sede Tinkiwasi',
    '--out',
    kit,
    '--data',
    mainData,
  ]);
  expect(made.err).toBe('');
  expect(made.out).toContain('Kit for Sede Tinkiwasi written');
  expect(made.out).toContain('1 round(s)');
  // Another laptop: its own data folder.
  const core = new Core({ dataDir: join(dir, 'laptop-2'), host: 'test' });
  const w = core.openPath(kit);
  const venue = m.venues[1]!;
  for (const [p] of m.people.slice(0, 5))
    await core.call('attendance:checkIn', {
      workshopId: w.id,
      participantId: p,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
  core.closeAll();

  // Without the venue's closing slip (or an explicit --no-slip with a reason) nothing is merged.
  const bare = await runCli(['merge', m.file, kit, '--data', mainData]);
  expect(bare.code).toBe(1);
  expect(bare.err).toContain('--expect "Sede Tinkiwasi=XXXX-XXXX-XXXX-XXXX"');
  const raw = new Database(kit, { readonly: true });
  const head = raw
    .prepare('SELECT hash FROM event ORDER BY seq DESC LIMIT 1')
    .pluck()
    .get() as string;
  raw.close();
  const wrong = await runCli([
    'merge',
    m.file,
    kit,
    '--expect',
    `sede tinkiwasi=${fingerprint('f'.repeat(64))}`,
    '--data',
    mainData,
  ]);
  expect(wrong.code).toBe(1);
  expect(wrong.err).toContain(
    `the slip of Sede Tinkiwasi reads FFFF-FFFF-FFFF-FFFF, but the file ends at ${fingerprint(head)}`,
  );
  const merged = await runCli([
    'merge',
    m.file,
    kit,
    '--expect',
    `Sede Tinkiwasi=${fingerprint(head)}`,
    '--data',
    mainData,
  ]);
  expect(merged.err).toBe('');
  expect(merged.out).toContain(`Closing slip: fingerprint ${fingerprint(head)} matches.`);
  expect(merged.out).toMatch(
    /tinkiwasi\.minka \(Sede Tinkiwasi, key [0-9A-F-]+\): 6 new events, 5 applied, 0 held/,
  );
  expect(merged.out).toContain('Conflicts: 0 open of 0.');
  const again = await runCli([
    'merge',
    m.file,
    kit,
    '--no-slip',
    'tinkiwasi=ya incorporado',
    '--data',
    mainData,
  ]);
  expect(again.out).toContain('already merged, nothing new');

  const check = await runCli(['check', m.file, '--json']);
  const r = JSON.parse(check.out) as {
    ok: boolean;
    venues: { devices: { venue: string; ok: boolean; events: number }[] };
  };
  expect(r.ok).toBe(true);
  expect(r.venues.devices).toEqual([
    expect.objectContaining({ venue: 'Sede Tinkiwasi', ok: true, events: 6 }),
  ]);
  const human = await runCli(['check', m.file], 'es');
  expect(human.out).toMatch(
    /Dispositivo de Sede Tinkiwasi \(clave [0-9A-F-]+\): cadena verificada, 6 eventos/,
  );
  expect(human.out).toContain(`Comprobante de cierre: huella ${fingerprint(head)}.`);

  // The kit file is not the workshop: no kit of a kit, no sealing there.
  const kit2 = await runCli([
    'kit',
    kit,
    '--venue',
    'Sede Tinkiwasi',
    '--out',
    join(dir, 'x.minka'),
    '--data',
    mainData,
  ]);
  expect(kit2.code).toBe(1);
  expect(kit2.err).toContain("venue's kit");
});

it('a file that is not a kit of this workshop is refused with what is wrong, the others merged', async () => {
  const mainData = join(dir, 'main-data');
  const res = await runCli([
    'merge',
    m.file,
    m.file,
    '--no-slip',
    'main.minka=prueba',
    '--data',
    mainData,
  ]);
  expect(res.code).toBe(1);
  expect(res.err).toContain('is not a venue kit');
});

it('minka merge with a kit as target: the door laptop taken in by the desk, no slip asked, the desk signs its head', async () => {
  const mainData = join(dir, 'main-data');
  const door = join(dir, 'puerta.minka');
  const desk = join(dir, 'mesa.minka');
  const kitArgs = ['--venue', 'Sede Tinkiwasi', '--data', mainData];
  const made = await runCli(['kit', m.file, ...kitArgs, '--out', door, '--no-rounds']);
  expect(made.out).toContain('0 round(s)');
  expect((await runCli(['kit', m.file, ...kitArgs, '--out', desk])).out).toContain('1 round(s)');
  const venue = m.venues[1]!;
  const doorCore = new Core({ dataDir: join(dir, 'door-data'), host: 'test' });
  const d = doorCore.openPath(door);
  for (const [p] of m.people.slice(0, 3))
    await doorCore.call('attendance:checkIn', {
      workshopId: d.id,
      participantId: p,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
  doorCore.closeAll();
  const deskData = join(dir, 'desk-data');
  // The desk laptop opened its kit once (its key made in its data folder).
  const deskCore = new Core({ dataDir: deskData, host: 'test' });
  deskCore.openPath(desk);
  deskCore.closeAll();
  const r = await runCli(['merge', desk, door, '--data', deskData, '--json']);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.out) as { merged: { added: number; applied: number }[] };
  expect(out.merged[0]?.applied).toBe(3);
  // The desk's file, signed by the desk's key over its new head, merges into main.
  const doorHead = fingerprint(
    new Database(door, { readonly: true })
      .prepare('SELECT hash FROM event ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get() as string,
  );
  const deskHead = fingerprint(
    new Database(desk, { readonly: true })
      .prepare('SELECT hash FROM event ORDER BY seq DESC LIMIT 1')
      .pluck()
      .get() as string,
  );
  const both = await runCli([
    'merge',
    m.file,
    desk,
    door,
    '--expect',
    `mesa=${deskHead}`,
    '--expect',
    `puerta=${doorHead}`,
    '--data',
    mainData,
  ]);
  expect(both.err).toBe('');
  expect(both.code).toBe(0);
  expect(both.out).toContain('Carries the copy of laptop');
  expect(both.out).toContain('Conflicts: 0 open of 0');
});

it('two kits of one venue never share a file name: the CLI default and the screen name each after its kit code', async () => {
  const mainData = join(dir, 'main-data');
  const before = new Set(readdirSync(dirname(m.file)));
  const desk = await runCli(['kit', m.file, '--venue', 'Sede Tinkiwasi', '--data', mainData]);
  expect(desk.err).toBe('');
  const door = await runCli([
    'kit',
    m.file,
    '--venue',
    'Sede Tinkiwasi',
    '--no-rounds',
    '--data',
    mainData,
  ]);
  expect(door.err).toBe('');
  const made = readdirSync(dirname(m.file))
    .filter((f) => !before.has(f) && f.endsWith('.minka'))
    .sort();
  expect(made).toHaveLength(2);
  const deskFile = made.find((f) => !f.includes('-puerta-'));
  const doorFile = made.find((f) => f.includes('-puerta-'));
  expect(deskFile).toMatch(/^sede-tinkiwasi-\d{4}-kit-[0-9a-z]{1,8}\.minka$/);
  expect(doorFile).toMatch(/^sede-tinkiwasi-\d{4}-puerta-kit-[0-9a-z]{1,8}\.minka$/);
  expect(desk.out).toContain(deskFile);
  expect(door.out).toContain(doorFile);
  // The screen's download: the same rule, two kits, two names.
  const core = new Core({ dataDir: mainData, host: 'test' });
  try {
    const w = core.openPath(m.file);
    const venueId = m.venues[1]!.id;
    const a = await core.call('venues:prepareKit', { workshopId: w.id, venueId, passphrase: '' });
    const b = await core.call('venues:prepareKit', {
      workshopId: w.id,
      venueId,
      passphrase: '',
      noRounds: true,
    });
    expect(a.value.fileName).toMatch(/^sede-tinkiwasi-\d{4}-kit-[0-9a-z]{1,8}\.minka$/);
    expect(b.value.fileName).toMatch(/^sede-tinkiwasi-\d{4}-puerta-kit-[0-9a-z]{1,8}\.minka$/);
    expect(a.value.fileName).not.toBe(b.value.fileName);
  } finally {
    core.closeAll();
  }
});
