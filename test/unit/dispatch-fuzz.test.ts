import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../shared/api';
import type { Core } from '../../electron/core/core';
import { tempDir, testCore } from '../helpers/tmp';

// Every channel, arbitrary payloads: dispatch answers with an envelope, never throws, and a
// refused call leaves the record exactly as it was.
describe('dispatch under arbitrary input', () => {
  let core: Core;
  let cleanup: () => void;
  let workshopId: string;
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = testCore(t.dir);
    workshopId = (await core.call('workshop:openDemo', {})).workshopId;
  });
  afterAll(() => {
    core.closeAll();
    cleanup();
  });

  const names = Object.keys(channels).filter((c) => !c.includes('Dialog') && c !== 'workshop:close');
  const payload = fc.oneof(
    fc.anything(),
    fc.record({ workshopId: fc.oneof(fc.constant('__W__'), fc.string()) }, { requiredKeys: [] }),
    fc.dictionary(fc.constantFrom('workshopId', 'participantId', 'venueId', 'day', 'id', 'setup', 'participant', 'organization', 'file', 'path', 'reason', 'status', 'participantIds'), fc.anything()).map((d) => ({ ...d, workshopId: '__W__' })),
  );

  it.each(names)('%s', async (channel) => {
    const length = async () => (await core.call('chain:status', { workshopId })).length;
    await fc.assert(
      fc.asyncProperty(payload, async (raw) => {
        const input = JSON.parse(JSON.stringify(raw ?? null, (_k, v: unknown) => (v === '__W__' ? workshopId : typeof v === 'bigint' ? String(v) : v))) as unknown;
        const before = await length();
        const r = await core.dispatch(channel, input);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) {
          expect(r.error.code).toMatch(/^[A-Z_]+$/);
          expect(r.error.code).not.toBe('INTERNAL');
          expect(await length()).toBe(before);
        }
      }),
      { numRuns: 60 },
    );
  });
});
