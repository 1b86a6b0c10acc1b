// Issue 18: the CLI runs with V8's tiering set for a short process (bin/v8-tiering.cjs) and zod
// jitless (electron/cli/zod-jitless.ts). Both choose how the code runs, never what it computes:
// the demo sealed at a fixed clock with one key gives the same bytes under V8's defaults with
// zod's compiled parsers, and under the CLI's flags jitless. Each seal is a fresh process, so
// the optimised code is the one the flags produce. No timing here: the figures are in the bench.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const root = resolve(import.meta.dirname, '../..');
const child = join(root, 'test/stress/seal-fixed-child.ts');
const { V8_TIERING_FLAGS } = createRequire(import.meta.url)(join(root, 'bin/v8-tiering.cjs')) as {
  V8_TIERING_FLAGS: string[];
};
const t = tempDir('minka-v8-tiering-');
afterAll(() => t.cleanup());

function sealHash(name: string, v8Flags: string[], zodMode: 'jit' | 'jitless'): string {
  return execFileSync(
    process.execPath,
    [...v8Flags, '--import', 'tsx', child, t.dir, join(t.dir, 'data'), name, zodMode],
    { cwd: root, encoding: 'utf8', timeout: 180_000 },
  ).trim();
}

describe("the CLI's V8 tiering and zod jitless", () => {
  it('leave the sealed Acta byte-identical at a fixed clock and key', () => {
    expect(V8_TIERING_FLAGS).toContain('--no-turbo-inlining');
    // The first seal also issues the facilitator's PAdES certificate (once per key, random);
    // the two compared seals reuse it, as a facilitator's later seals do.
    const first = sealHash('first.minka', [], 'jit');
    const defaults = sealHash('defaults.minka', [], 'jit');
    const cli = sealHash('cli.minka', V8_TIERING_FLAGS, 'jitless');
    expect(defaults).toMatch(/^[0-9a-f]{64}$/);
    expect(cli).toBe(defaults);
    expect(first).toBe(defaults);
  }, 400_000);
});
