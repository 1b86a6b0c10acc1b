import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { utimesSync } from 'node:fs';
import { formatDateTime } from '../../shared/format';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from './core';

describe('dispatch', () => {
  let core: Core;
  let cleanup: () => void;
  beforeEach(() => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = testCore(t.dir);
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  it('answers an unknown channel with a stable code', async () => {
    const r = await core.dispatch('workshop:drop', {});
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL', key: 'error.unknownChannel' },
    });
  });

  it('refuses invalid input, names the field, and writes nothing', async () => {
    const s = await core.call('workshop:create', {
      title: 'T',
      municipality: 'M',
      fiscalYear: 2027,
    });
    const bad = { ...s.setup, envelopeCents: -5 };
    const r = await core.dispatch('workshop:saveSetup', { workshopId: s.workshopId, setup: bad });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.params['field']).toBe('setup.envelopeCents');
    const after = await core.call('workshop:get', { workshopId: s.workshopId });
    expect(after.chain.length).toBe(1);
    expect(after.setup.envelopeCents).toBe(0);
  });

  it('refuses file names that leave the data folder', async () => {
    for (const file of ['../x.minka', '/etc/passwd', 'a/b.minka', 'x.txt']) {
      const r = await core.dispatch('workshop:open', { file });
      expect(r.ok, file).toBe(false);
    }
  });

  it('never throws, whatever the payload', async () => {
    for (const input of [null, undefined, 42, 'x', [], { workshopId: {} }, { setup: null }]) {
      const r = await core.dispatch('workshop:saveSetup', input);
      expect(r.ok).toBe(false);
    }
  });

  it('writes the demo workshop with four venues', async () => {
    const s = await core.call('workshop:openDemo', {});
    expect(s.setup.venues).toHaveLength(4);
    expect(s.setup.envelopeCents).toBe(385_000_000);
    const list = await core.call('workshop:list', {});
    expect(list.map((w) => w.file)).toContain(s.file);
  });

  it("lists each workshop's last change of its record (its last event), with its time zone", async () => {
    const s = await core.call('workshop:create', {
      title: 'Taller de Ocongate',
      municipality: 'Ocongate',
      fiscalYear: 2027,
    });
    await core.call('workshop:saveSetup', {
      workshopId: s.workshopId,
      setup: { ...s.setup, timeZone: 'America/Bogota', envelopeCents: 100_000 },
    });
    const w = core.get(s.workshopId);
    const last = w.db.prepare('SELECT at FROM event ORDER BY seq DESC LIMIT 1').pluck().get();
    // The file's time says nothing of the record: copied from a USB stick years ago.
    utimesSync(w.path, new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    const open = (await core.call('workshop:list', {})).find((x) => x.file === s.file);
    expect(open).toMatchObject({ modifiedAt: last, timeZone: 'America/Bogota' });
    await core.call('workshop:close', { workshopId: s.workshopId });
    utimesSync(w.path, new Date('2001-01-01T00:00:00Z'), new Date('2001-01-01T00:00:00Z'));
    const closed = (await core.call('workshop:list', {})).find((x) => x.file === s.file);
    expect(closed).toMatchObject({ modifiedAt: last, timeZone: 'America/Bogota' });
    // Shown as Home shows it: dd/mm/yyyy HH:mm in the workshop's zone (Bogotá, UTC-5).
    expect(formatDateTime(closed!.modifiedAt, closed!.timeZone)).toBe(
      formatDateTime(String(last), 'America/Bogota'),
    );
    expect(formatDateTime('2026-05-14T13:05:00.000Z', 'America/Bogota')).toBe('14/05/2026 08:05');
  });
});
