import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { verifyChain } from '../../electron/platform/events';
import { t } from '../../shared/i18n';
import { tempDir, testCore } from '../helpers/tmp';

/** A 3 MB tmpfs: needs root (CI and this project's machines run as root); skipped elsewhere. */
function mountTiny(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const base = tempDir('minka-diskfull-');
const mnt = join(base.dir, 'mnt');
mkdirSync(mnt);
const mounted = mountTiny(mnt);

describe.skipIf(!mounted)('disk full', () => {
  let core: Core;
  let workshopId: string;
  let venueId: string;
  let day: string;
  let people: string[];
  beforeAll(async () => {
    core = testCore(mnt);
    const ws = await core.call('workshop:openDemo', {});
    workshopId = ws.workshopId;
    venueId = ws.setup.venues[2]?.id ?? '';
    day = ws.setup.venues[2]?.date ?? '';
    people = (await core.call('registry:get', { workshopId })).participants.map((p) => p.id);
  });
  afterAll(() => {
    core.closeAll();
    execFileSync('umount', [mnt]);
    base.cleanup();
  });

  it('refuses the write with a clear message, keeps the file whole, and resumes when space is freed', async () => {
    // Fill the disk, leaving a little room.
    const free = () => {
      const s = statfsSync(mnt);
      return s.bavail * s.bsize;
    };
    writeFileSync(join(mnt, 'filler'), Buffer.alloc(Math.max(free() - 24 * 1024, 0)));
    let okBefore = 0;
    let failure: { code: string; key: string } | null = null;
    for (const id of people) {
      const r = await core.dispatch('attendance:checkIn', {
        workshopId,
        participantId: id,
        venueId,
        day,
        signMethod: 'thumbprint',
        witness: '',
      });
      if (r.ok) okBefore++;
      else {
        failure = r.error;
        break;
      }
    }
    console.log(
      `disk full: ${okBefore} check-ins fitted before the disk filled; then ${failure?.code}`,
    );
    expect(failure).toMatchObject({ code: 'DISK_FULL', key: 'error.diskFull' });
    expect(t('es', 'error.diskFull')).toMatch(/disco está lleno/);
    const db = core.get(workshopId).db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyChain(db).ok).toBe(true);
    const rows = db
      .prepare('SELECT count(*) FROM attendance WHERE venue_id = ?')
      .pluck()
      .get(venueId) as number;
    expect(rows).toBe(okBefore);

    rmSync(join(mnt, 'filler'));
    const next = people[okBefore];
    const r = await core.dispatch('attendance:checkIn', {
      workshopId,
      participantId: next,
      venueId,
      day,
      signMethod: 'thumbprint',
      witness: '',
    });
    expect(r.ok).toBe(true);
    expect(verifyChain(db).ok).toBe(true);
  });
});

describe.skipIf(mounted)('disk full (not run)', () => {
  it.skip('needs root to mount a small tmpfs', () => undefined);
});
