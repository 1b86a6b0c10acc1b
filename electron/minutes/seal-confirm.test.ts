// The seal's warnings are confirmed inside sealWorkshop itself: a caller that passes no
// confirmation (a test, the bench, a future host) is refused like the app and the CLI are.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { sealWarningIds, SEAL_OPTS } from '../../test/helpers/minutes-fixture';
import { sectorSplitWorkshop } from '../../test/helpers/sector-split-workshop';
import { checkRecord } from '../check/check';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { getSealed } from './minutes';
import { type SealOptions, sealWorkshop } from './seal';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('sealWorkshop refuses while a warning that applies is not confirmed, and seals once it is', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'minka-seal-confirm-'));
  dirs.push(dir);
  const { db, e, roundId } = sectorSplitWorkshop(join(dir, 'w.minka'), false);
  try {
    chooseOfficialRound(db, e, { roundId, confirmed: officialWarnings(db, roundId) });
    // No Comité de Vigilancia elected: a warning the person sealing must confirm.
    expect(sealWarningIds(db)).toContain('committeeEmpty');
    const at = new Date('2026-05-14T20:00:00Z');
    const data = join(dir, 'data');
    // A caller that passes no confirmations at all (as tests and the bench did) is refused too.
    const without = { ...SEAL_OPTS } as SealOptions;
    await expect(sealWorkshop(db, data, at, without, checkRecord)).rejects.toMatchObject({
      key: 'minutes.error.sealUnconfirmed',
    });
    await expect(
      sealWorkshop(db, data, at, { ...SEAL_OPTS, acknowledged: [] }, checkRecord),
    ).rejects.toMatchObject({ key: 'minutes.error.sealUnconfirmed' });
    await expect(
      sealWorkshop(db, data, at, { ...SEAL_OPTS, acknowledged: ['somethingElse'] }, checkRecord),
    ).rejects.toMatchObject({ key: 'minutes.error.sealUnconfirmed' });
    expect(getSealed(db)).toBeNull();
    await sealWorkshop(
      db,
      data,
      at,
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    );
    expect(getSealed(db)).not.toBeNull();
  } finally {
    db.close();
  }
}, 60_000);
