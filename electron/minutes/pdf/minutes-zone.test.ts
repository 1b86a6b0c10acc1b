// Issue 14, item 7: every date printed on the Acta is in the workshop's own time zone, the one
// signed in the payload, so an evening seal in Lima is dated that day, and a redraw agrees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MinutesPayload } from '../../../shared/minutes/payload';
import type { Db } from '../../platform/db';
import { getSetup, saveSetup } from '../../workshop/workshop';
import { tempDir } from '../../../test/helpers/tmp';
import { fixedEnv, seal, votedDb } from '../../../test/helpers/minutes-fixture';
import { verifyMinutesPdf } from '../verify';
import { flatText } from '../../platform/pdf/poppler';
import { join } from 'node:path';

const { dir, cleanup } = tempDir('minka-zone-');
const data = join(dir, 'data');
let lima: Db;
let tokyo: Db;
let limaPdf: Buffer;
let tokyoPdf: Buffer;
const AT = '2026-05-16T23:30:00Z';

beforeAll(async () => {
  lima = votedDb(dir, 'lima.minka');
  tokyo = votedDb(dir, 'tokyo.minka');
  saveSetup(tokyo, fixedEnv(), { ...getSetup(tokyo), timeZone: 'Asia/Tokyo' });
  limaPdf = await seal(lima, data, AT);
  tokyoPdf = await seal(tokyo, data, AT);
}, 60_000);

afterAll(() => {
  lima.close();
  tokyo.close();
  cleanup();
});

describe('the Acta prints dates in the workshop time zone', () => {
  it('an evening seal in Lima (23:30 UTC) is printed 16/05/2026 18:30, not the 17th', () => {
    const text = flatText(limaPdf);
    expect(text).toContain('16/05/2026 18:30');
    expect(text).not.toContain('17/05/2026');
    expect(text).not.toMatch(/17 de mayo/);
  });

  it('every date is dd/mm/yyyy: venue table, vote heading and deadlines spell no month', () => {
    const text = flatText(limaPdf);
    expect(text).not.toMatch(
      / de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|setiembre|octubre|noviembre|diciembre) de \d{4}/,
    );
    expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });

  it('another zone stored in the setup is signed and printed, and the Acta still verifies', async () => {
    const text = flatText(tokyoPdf);
    expect(text).toContain('17/05/2026 08:30');
    const r = await verifyMinutesPdf(tokyoPdf);
    expect(r.verdict).toBe('authentic');
    expect(MinutesPayload.parse(r.payload).render?.timeZone).toBe('Asia/Tokyo');
    expect(MinutesPayload.parse((await verifyMinutesPdf(limaPdf)).payload).render?.timeZone).toBe(
      'America/Lima',
    );
  });
});
