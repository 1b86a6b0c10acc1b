// `workshop:check` and `workshop:createDemo` (the channels `minka check` and `minka demo` go through): read-only, the same report as
// checking the file directly, a noted fingerprint located, an archived export compared, and
// the answer valid against its zod contract (dispatch parses every answer).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import { checkWorkshopFile } from './check';
import type { Core } from '../core/core';

describe('workshop:check through dispatch', () => {
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

  it('reports what the file check reports, and writes nothing', async () => {
    const s = await core.call('workshop:openDemo', {});
    const before = s.chain.length;
    const r = await core.call('workshop:check', { workshopId: s.workshopId });
    expect(r.ok).toBe(true);
    expect(r.integrity).toBe('ok');
    expect(r.chain).toMatchObject({ ok: true, length: before, fingerprint: s.chain.fingerprint });
    expect(r.export).toBeUndefined();
    // The same figures as the store's own check of the file.
    const direct = await checkWorkshopFile(core.get(s.workshopId).path);
    expect(r.consistency?.covered).toEqual(direct.consistency?.covered);
    expect((await core.call('workshop:get', { workshopId: s.workshopId })).chain.length).toBe(
      before,
    );
  });

  it('locates a noted fingerprint and compares an archived export', async () => {
    const s = await core.call('workshop:openDemo', {});
    const found = await core.call('workshop:check', {
      workshopId: s.workshopId,
      fingerprint: s.chain.fingerprint,
    });
    expect(found.anchor).toMatchObject({ matched: 'chain', seq: s.chain.length });
    const missing = await core.call('workshop:check', {
      workshopId: s.workshopId,
      fingerprint: '0000-1111-2222-3333',
    });
    expect(missing.anchor?.seq).toBeNull();
    expect(missing.ok).toBe(false);

    const { text } = await core.call('workshop:export', {
      workshopId: s.workshopId,
      openData: false,
    });
    const same = await core.call('workshop:check', {
      workshopId: s.workshopId,
      archivedExport: JSON.parse(text) as unknown,
    });
    expect(same.export).toMatchObject({ ok: true, differing: 0 });
    expect(same.ok).toBe(true);
    const doc = JSON.parse(text) as { workshop: { title: string } };
    doc.workshop.title = 'Otro taller';
    const edited = await core.call('workshop:check', {
      workshopId: s.workshopId,
      archivedExport: doc,
    });
    expect(edited.ok).toBe(false);
    expect(edited.export?.differences.map((d) => d.path)).toContain('workshop.title');
  });

  it('workshop:createDemo (minka demo) writes the demo under the name given, never over a file', async () => {
    const s = await core.call('workshop:createDemo', { file: 'qollqepata.minka' });
    expect(s.chain.length).toBeGreaterThan(100);
    expect(core.get(s.workshopId).path).toBe(core.pathInDataDir('qollqepata.minka'));
    core.closeAll();
    const again = await core.dispatch('workshop:createDemo', { file: 'qollqepata.minka' });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_EXISTS' } });
    const escape = await core.dispatch('workshop:createDemo', { file: '../fuera.minka' });
    expect(escape).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
