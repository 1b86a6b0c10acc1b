// A font missing from this install while `minka check` redraws the stored Acta: this computer's
// problem, reported as such (exit 3, the file named), never a finding about the Acta; the rest
// of the check still reports. The verifier is replaced at the OS edge only: it throws what the
// font loader throws when resources/ lacks the file (platform/resources.ts). The built CLI
// moved without resources/ does the same for real in install-layout.test.ts.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MissingResourceError } from '../../electron/platform/resources';

vi.mock('../../electron/minutes/verify', () => ({
  verifyMinutesPdf: () =>
    Promise.reject(
      new MissingResourceError('fonts/DejaVuSans.ttf', ['/nowhere/resources', '/also/resources']),
    ),
}));

const { checkWorkshopFile } = await import('../../electron/check/check');
const { runCli } = await import('../helpers/cli');
const { seal, votedDb } = await import('../helpers/minutes-fixture');
const { tempDir } = await import('../helpers/tmp');

const t = tempDir('minka-stored-env-');
afterAll(t.cleanup);
const file = join(t.dir, 'sealed.minka');

beforeAll(async () => {
  const db = votedDb(t.dir, 'sealed.minka');
  await seal(db, join(t.dir, 'key'));
  db.close();
}, 120_000);

describe('a font missing while check redraws the stored Acta', () => {
  it('is unchecked, not a finding: the rest of the check still reports', async () => {
    const c = await checkWorkshopFile(file);
    expect(c.minutes).toMatchObject({
      ok: false,
      problems: [],
      unchecked: {
        key: 'minutes.checkDb.pagesEnvironment',
        params: { file: 'fonts/DejaVuSans.ttf', searched: '/nowhere/resources, /also/resources' },
      },
    });
    expect(c).toMatchObject({ ok: false, environment: true });
    expect(c.chain?.ok && c.consistency?.ok && c.results?.ok).toBe(true);
  });

  it('minka check exits 3 naming the font, and never says tampered or intact', async () => {
    for (const lang of ['en', 'es', 'quz'] as const) {
      const r = await runCli(['check', file], lang);
      expect(r.code, lang).toBe(3);
      expect(r.err, lang).toContain('fonts/DejaVuSans.ttf');
      expect(r.out + r.err, lang).not.toMatch(/tamper|altered|alterad|NO muestra|does NOT/i);
      expect(r.out, lang).not.toMatch(/Sealed minutes|Acta sellada|Sellasqa acta/);
    }
    expect((await runCli(['check', file], 'en')).err).toContain(
      "this computer's problem, not the Acta's",
    );
    const json = JSON.parse((await runCli(['check', file, '--json'])).out) as {
      ok: boolean;
      environment?: boolean;
      minutes: { problems: unknown[]; unchecked: { message: string } };
    };
    expect(json).toMatchObject({ ok: false, environment: true, minutes: { problems: [] } });
    expect(json.minutes.unchecked.message).toContain('fonts/DejaVuSans.ttf');
  });
});
