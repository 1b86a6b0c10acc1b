// Issue 14, item 7: one time zone. It is stored in the setup (default America/Lima), a bad one
// is refused with a named error, and no screen or PDF code cuts a timestamp to its UTC day.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../helpers/tmp';
import type { Core } from '../../electron/core/core';
import { MinkaError } from '../../electron/platform/classify-error';
import {
  formatDateTime,
  formatDayOf,
  formatTimeOf,
  localDay,
  setDisplayTimeZone,
} from '../../shared/format';

describe('the workshop time zone in the setup', () => {
  let dir: string;
  let cleanup: () => void;
  let core: Core;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    core = testCore(dir);
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  it('defaults to America/Lima, keeps another zone across reopen, and refuses an unknown one', async () => {
    const s = await core.call('workshop:create', {
      title: 'Taller',
      municipality: 'Qollqepata',
      fiscalYear: 2027,
    });
    const id = s.workshopId;
    expect(s.setup.timeZone).toBe('America/Lima');
    const created = await core.call('events:list', { workshopId: id });
    // The default zone is not written into the setup event: older chains stay as they were.
    expect(JSON.stringify(created)).not.toContain('timeZone');
    await core.call('workshop:saveSetup', {
      workshopId: id,
      setup: { ...s.setup, timeZone: 'America/Bogota' },
    });
    const err = await core
      .call('workshop:saveSetup', { workshopId: id, setup: { ...s.setup, timeZone: 'Lima/Peru' } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(err).toBeInstanceOf(MinkaError);
    expect(JSON.stringify(err)).toContain('timeZone');
    core.closeAll();
    const again = testCore(dir);
    const reopened = await again.call('workshop:open', { file: s.file });
    expect(reopened.setup.timeZone).toBe('America/Bogota');
    again.closeAll();
  });
});

describe('formatting an instant in a zone (dd/mm/yyyy, 24 h)', () => {
  it('an evening in Lima is still that day, whatever UTC says', () => {
    expect(formatDateTime('2026-05-17T02:30:00Z', 'America/Lima')).toBe('16/05/2026 21:30');
    expect(formatDayOf('2026-05-17T02:30:00Z', 'America/Lima')).toBe('16/05/2026');
    expect(formatTimeOf('2026-05-16T23:30:00Z', 'America/Lima')).toBe('18:30');
    expect(localDay('2026-05-17T02:30:00Z', 'America/Lima')).toBe('2026-05-16');
    expect(formatDateTime('2026-05-16T23:30:00Z', 'Asia/Tokyo')).toBe('17/05/2026 08:30');
    expect(formatDateTime('2026-05-16T00:05:00Z', 'UTC')).toBe('16/05/2026 00:05');
  });

  it('screens (no zone given) use the open workshop zone the app sets, Lima by default', () => {
    expect(formatDateTime('2026-05-16T23:30:00Z')).toBe('16/05/2026 18:30');
    setDisplayTimeZone('Asia/Tokyo');
    try {
      expect(formatDateTime('2026-05-16T23:30:00Z')).toBe('17/05/2026 08:30');
    } finally {
      setDisplayTimeZone(undefined);
    }
    expect(formatDayOf('2026-05-17T02:30:00Z')).toBe('16/05/2026');
  });
});

function files(root: string): string[] {
  return readdirSync(root).flatMap((n) => {
    const p = join(root, n);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(ts|tsx)$/.test(n) && !/\.test\.tsx?$/.test(n) ? [p] : [];
  });
}

describe('no screen or PDF code formats a timestamp without the zone', () => {
  it('finds no toISOString().slice, toLocale*String, or a timestamp cut to its UTC day', () => {
    // The Node side's PDF code is found by what it uses (pdfkit, the PDF kit's document
    // module), not by folder: each feature keeps its PDF parts beside its store (issue 19).
    const pdfCode = files('electron').filter((f) =>
      /from 'pdfkit'|\/document'/.test(readFileSync(f, 'utf8')),
    );
    const roots = ['renderer/src', 'shared/followup'];
    const bad: string[] = [];
    for (const f of [...roots.flatMap((r) => files(r)), ...pdfCode]) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (
            /toISOString\(\)\.slice|toLocale(Date|Time)?String\(|[a-z]At\.slice\(0, 10\)/.test(line)
          )
            bad.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(bad).toEqual([]);
  });
});
