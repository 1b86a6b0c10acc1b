// Bad input an operator can send through the web host (adversary, stop 26): each gets a clear,
// translated refusal naming what is wrong, and writes nothing — never "internal error", never
// a half-made file.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from './core';

describe('bad input through dispatch', () => {
  let core: Core;
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    const t = tempDir();
    dir = t.dir;
    cleanup = t.cleanup;
    core = testCore(t.dir);
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  const error = async (channel: string, input: unknown) => {
    const r = (await core.dispatch(channel, input)) as {
      ok: boolean;
      error?: { code: string; key?: string; message: string };
    };
    expect(r.ok).toBe(false);
    return r.error;
  };

  it('a venue date that is not a day of the calendar', async () => {
    const w = await core.call('workshop:openDemo', {});
    const setup = (await core.call('workshop:get', { workshopId: w.workshopId })).setup;
    for (const date of ['2026-02-30', '2026-13-45']) {
      const e = await error('workshop:saveSetup', {
        workshopId: w.workshopId,
        setup: { ...setup, venues: [{ ...setup.venues[0], date }] },
      });
      expect(e?.code).toBe('INVALID_INPUT');
      expect(e?.message).toContain(date);
    }
    const after = (await core.call('workshop:get', { workshopId: w.workshopId })).setup;
    expect(after.venues).toEqual(setup.venues);
  });

  it('a demo named like the lock file, or hidden, or without the extension', async () => {
    for (const file of ['.minka.lock', '.oculto.minka', 'demo.txt']) {
      const e = await error('workshop:createDemo', { file });
      expect(e?.code).toBe('INVALID_INPUT');
    }
    expect(readdirSync(dir).filter((f) => !f.startsWith('keys'))).toEqual([]);
  });

  it('a copy to a folder SQLite cannot write in: an input/output error, not an internal one', async () => {
    const w = await core.call('workshop:openDemo', {});
    const e = await error('backup:saveCopy', { workshopId: w.workshopId, folder: '/proc' });
    expect(e?.code).toBe('IO_ERROR');
  });

  it('two organisations under one key in an import: refused whole', async () => {
    const w = await core.call('workshop:openDemo', {});
    const before = (await core.call('registry:get', { workshopId: w.workshopId })).organizations
      .length;
    const org = (name: string) => ({
      key: 'a',
      name,
      type: 'comunidadCampesina',
      community: '',
      standingProof: 'publicRegistry',
      standingRef: '',
    });
    const e = await error('registry:import', {
      workshopId: w.workshopId,
      source: 'x.csv',
      organizations: [org('Comunidad Uno'), org('Comunidad Dos')],
      participants: [],
    });
    expect(e?.code).toBe('INVALID_INPUT');
    expect(e?.message).toContain('duplicateOrganizationKey');
    const after = (await core.call('registry:get', { workshopId: w.workshopId })).organizations;
    expect(after.length).toBe(before);
    expect(existsSync(join(dir, 'x.csv'))).toBe(false);
  });
});
