import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../electron/platform/atomic';
import { claimedGeneration, generation } from '../stress/atomic-content';
import { tempDir } from '../helpers/tmp';

const KILLS = process.env['MINKA_STRESS'] ? 100 : 6;
const SIZE = 4_000_000;
const root = resolve(import.meta.dirname, '../..');

/** Start the writer, SIGKILL it after `ms` once it is ready; answer the last generation it reported written. */
function writeAndKill(target: string, ms: number): Promise<number> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/stress/atomic-child.ts'), target, String(SIZE)],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.startsWith('READY')) timer = setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`writer ended on its own: ${err}`));
      const wrote = [...out.matchAll(/^WROTE (\d+)$/gm)].map((m) => Number(m[1]));
      ok(wrote.length ? (wrote[wrote.length - 1] ?? 0) : 0);
    });
  });
}

describe('atomic file writes under SIGKILL', () => {
  const t = tempDir('minka-atomic-');
  afterAll(() => t.cleanup());

  it(`the target is always a whole old or new version over ${KILLS} kills`, async () => {
    const target = join(t.dir, 'acta.pdf');
    writeFileAtomic(target, generation(0, SIZE));
    let torn = 0;
    let old = 0;
    let fresh = 0;
    let writes = 0;
    let leftovers = 0;
    for (let k = 0; k < KILLS; k++) {
      const last = await writeAndKill(target, 20 + Math.floor(Math.random() * 500));
      writes += last;
      const bytes = readFileSync(target);
      const n = claimedGeneration(bytes);
      // Each run restarts at generation 1, so the file holds the run's last reported write,
      // the one after it (written but killed before it could report), or the previous run's.
      if (n === null || bytes.length !== SIZE || !bytes.equals(generation(n, SIZE))) torn++;
      else if (n === last) old++;
      else if (n === last + 1) fresh++;
      else if (last === 0) old++;
      else torn++;
      leftovers = readdirSync(t.dir).filter((f) => f.endsWith('.tmp')).length;
    }
    console.log(
      `atomic writes: ${KILLS} SIGKILLs during ${writes} rewrites of a ${SIZE / 1e6} MB file: ${old} left the last reported version, ${fresh} the next one, ${torn} torn; ${leftovers} stale temporary file(s) left after the last kill (swept by the next write)`,
    );
    expect(torn).toBe(0);
    expect(old + fresh).toBe(KILLS);
    // The next write sweeps temporary files left by killed writers.
    writeFileAtomic(target, generation(0, SIZE));
    expect(readdirSync(t.dir)).toEqual(['acta.pdf']);
  }, 600_000);
});
