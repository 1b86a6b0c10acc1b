// The venue channels through dispatch (issue 20): files cross as base64, a venue's copy says
// what it is, a refusal is an envelope with a translatable key, every input validated.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from '../core/core';

describe('venues through dispatch', () => {
  let main: Core;
  let venue: Core;
  let cleanups: (() => void)[];
  let workshopId: string;
  beforeEach(async () => {
    const a = tempDir('minka-dispatch-venues-a-');
    const b = tempDir('minka-dispatch-venues-b-');
    cleanups = [a.cleanup, b.cleanup];
    main = testCore(a.dir);
    venue = testCore(b.dir, new Date('2026-05-15T14:00:00Z'));
    workshopId = (await main.call('workshop:openDemo', {})).workshopId;
  });
  afterEach(() => {
    main.closeAll();
    venue.closeAll();
    for (const c of cleanups) c();
  });

  it('prepares a kit, opens it on another laptop, carries its file back and incorporates it once', async () => {
    const before = await main.call('venues:get', { workshopId });
    expect(before.isKit).toBe(false);
    expect(before.devices).toEqual([]);
    const target = before.venues[1];
    if (!target) throw new Error('the demo has venues');
    const length = (await main.call('workshop:get', { workshopId })).chain.length;
    const kit = await main.call('venues:prepareKit', { workshopId, venueId: target.id });
    expect(kit.value.venue).toBe(target.name);
    expect(kit.value.fileName).toMatch(/^sede-.*\.minka$/);
    // The kit is recorded in the main chain (one event), and its file starts from there.
    expect(kit.chain.length).toBe(length + 1);
    expect((await main.call('venues:get', { workshopId })).kits.map((k) => k.venue)).toEqual([
      target.name,
    ]);

    // The other laptop: the kit in its data folder, opened as a workshop of its own.
    writeFileSync(join(venue.dataDir, kit.value.fileName), Buffer.from(kit.value.base64, 'base64'));
    const opened = await venue.call('workshop:open', { file: kit.value.fileName });
    const own = await venue.call('venues:get', { workshopId: opened.workshopId });
    expect(own.isKit).toBe(true);
    const kitOfKit = await venue.dispatch('venues:prepareKit', {
      workshopId: opened.workshopId,
      venueId: target.id,
    });
    expect(kitOfKit).toMatchObject({ ok: false, error: { key: 'venues.error.kitOfKit' } });
    const back = await venue.call('venues:deviceFile', { workshopId: opened.workshopId });
    expect(back.events).toBeGreaterThan(0);
    // The closing slip the venue prints: its head, and a one-page PDF to sign.
    expect(own.closing).toMatchObject({ venue: target.name, events: 1 });
    const slip = await venue.call('venues:slip', { workshopId: opened.workshopId, lang: 'es' });
    expect(Buffer.from(slip.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(slip.fileName).toMatch(/^comprobante-sede-.*\.pdf$/);
    expect(await main.dispatch('venues:slip', { workshopId, lang: 'es' })).toMatchObject({
      ok: false,
      error: { key: 'venues.error.notVenueCopy' },
    });
    // The main workshop is not a venue's copy: no device file to hand over.
    expect(await main.dispatch('venues:deviceFile', { workshopId })).toMatchObject({
      ok: false,
      error: { key: 'venues.error.notVenueCopy' },
    });

    const file = { fileName: 'pacchanta.minka', base64: back.base64 };
    // A merge says what vouches for the head: neither the slip nor a reason is refused.
    expect(await main.dispatch('venues:merge', { workshopId, file })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    const slipHead = own.closing?.headFingerprint ?? '';
    const merged = await main.call('venues:merge', { workshopId, file, proof: { slipHead } });
    expect(merged.value).toMatchObject({ venue: target.name, file: 'pacchanta.minka' });
    expect(merged.value.proof).toMatchObject({ kind: 'slip' });
    expect(merged.value.added).toBeGreaterThan(0);
    const again = await main.call('venues:merge', {
      workshopId,
      file,
      proof: { withoutSlip: 'otra vez' },
    });
    expect(again.value.added).toBe(0);
    const after = await main.call('venues:get', { workshopId });
    expect(after.devices.map((d) => [d.venue, d.events])).toEqual([
      [target.name, merged.value.added],
    ]);
    expect(after.devices[0]?.headFingerprint).toBe(merged.value.headFingerprint);
    expect(after.devices[0]?.proof).toMatchObject({ kind: 'slip' });
  });

  it('refuses a file that is not a venue file, a path for a name, a settlement without reason', async () => {
    const junk = await main.dispatch('venues:merge', {
      workshopId,
      file: { fileName: 'sede.minka', base64: Buffer.from('no es un taller').toString('base64') },
      proof: { withoutSlip: 'prueba' },
    });
    expect(junk.ok).toBe(false);
    if (!junk.ok) expect(junk.error.key).not.toBe('error.internal');
    const path = await main.dispatch('venues:merge', {
      workshopId,
      file: { fileName: '../sede.minka', base64: 'AAAA' },
      proof: { withoutSlip: 'prueba' },
    });
    expect(path).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const dots = await main.dispatch('venues:merge', {
      workshopId,
      file: { fileName: '..', base64: 'AAAA' },
      proof: { withoutSlip: 'prueba' },
    });
    expect(dots).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const blank = await main.dispatch('venues:settle', {
      workshopId,
      id: 'c1',
      choice: 'main',
      note: '   ',
    });
    expect(blank).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const unknown = await main.dispatch('venues:settle', {
      workshopId,
      id: 'c1',
      choice: 'main',
      note: 'Firmó primero aquí',
    });
    expect(unknown).toMatchObject({ ok: false, error: { key: 'venues.error.noConflict' } });
  });
});
