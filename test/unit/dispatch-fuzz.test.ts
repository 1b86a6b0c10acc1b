import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/api';
import type { Core } from '../../electron/core/core';
import { tempDir, testCore } from '../helpers/tmp';
import { arbitraryOf } from '../helpers/zod-arbitrary';
import type { z } from 'zod';

// The long run (MINKA_STRESS) on a loaded 2-core machine needs far more than the default timeouts.
vi.setConfig(
  process.env['MINKA_STRESS']
    ? { testTimeout: 1_800_000, hookTimeout: 600_000 }
    : { hookTimeout: 120_000 },
);

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

  const names = Object.keys(channels).filter(
    (c) => !c.includes('Dialog') && c !== 'workshop:close',
  );
  const payload = fc.oneof(
    fc.anything(),
    fc.record({ workshopId: fc.oneof(fc.constant('__W__'), fc.string()) }, { requiredKeys: [] }),
    fc
      .dictionary(
        fc.constantFrom(
          'workshopId',
          'participantId',
          'venueId',
          'day',
          'id',
          'setup',
          'participant',
          'organization',
          'file',
          'path',
          'reason',
          'status',
          'participantIds',
        ),
        fc.anything(),
      )
      .map((d) => ({ ...d, workshopId: '__W__' })),
  );

  it.each(names)('%s', async (channel) => {
    const length = async () => (await core.call('chain:status', { workshopId })).length;
    await fc.assert(
      fc.asyncProperty(payload, async (raw) => {
        const input = JSON.parse(
          JSON.stringify(raw ?? null, (_k, v: unknown) =>
            v === '__W__' ? workshopId : typeof v === 'bigint' ? String(v) : v,
          ),
        ) as unknown;
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

// Inputs shaped by each channel's own zod schema (most pass validation, so the handlers
// meet them): still an envelope, never INTERNAL, and a refused call writes nothing.
describe('dispatch under schema-shaped input', () => {
  let core: Core;
  let cleanup: () => void;
  let workshopId: string;
  let ids: string[] = [];
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = testCore(t.dir);
    workshopId = (await core.call('workshop:openDemo', {})).workshopId;
    const db = core.get(workshopId).db;
    // Real ids (participants, venues, proposals, rounds…) so that lookups sometimes succeed.
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[]
    ).filter((tb) =>
      (
        db.prepare(`PRAGMA table_info("${tb}")`).all() as {
          name: string;
          type: string;
          pk: number;
        }[]
      ).some((c) => c.name === 'id' && c.type === 'TEXT' && c.pk === 1),
    );
    ids = [
      workshopId,
      ...tables.flatMap(
        (tb) => db.prepare(`SELECT id FROM "${tb}" LIMIT 5`).pluck().all() as string[],
      ),
    ];
  });
  afterAll(() => {
    core.closeAll();
    cleanup();
  });

  // Excluded: native dialogs; closing or replacing the workshop under test; writing copies
  // to arbitrary folders (covered with real folders in electron/backup/backup.test.ts).
  const skip = new Set(['workshop:close', 'backup:restore', 'backup:saveCopy']);
  const names = Object.keys(channels).filter((c) => !c.includes('Dialog') && !skip.has(c));
  let accepted = 0;
  let refused = 0;
  let internal = 0;
  afterAll(() =>
    console.log(
      `schema-shaped fuzz: ${names.length} channels, ${accepted} calls answered ok, ${refused} refused with a coded error (${internal} INTERNAL)`,
    ),
  );

  it.each(names)('%s', async (channel) => {
    const schema = channels[channel as keyof typeof channels].input as unknown as z.ZodType;
    const length = async () => (await core.call('chain:status', { workshopId })).length;
    await fc.assert(
      fc.asyncProperty(arbitraryOf(schema, ids), async (raw) => {
        const input =
          typeof raw === 'object' && raw !== null && 'workshopId' in raw
            ? { ...raw, workshopId }
            : raw;
        const before = await length();
        const r = await core.dispatch(channel, input);
        if (r.ok) accepted++;
        else {
          refused++;
          if (r.error.code === 'INTERNAL') internal++;
          expect(r.error.code, JSON.stringify(r.error)).not.toBe('INTERNAL');
          expect(await length()).toBe(before);
        }
      }),
      { numRuns: process.env['MINKA_STRESS'] ? 300 : 40 },
    );
  });
});
