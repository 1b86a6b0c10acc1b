// Issue 18: bin/minka.mjs loads the CommonJS CLI with V8's code cache (bin/code-cache.cjs).
// The cache is an optimisation only: a cache for another source, a damaged one or an
// unreadable folder must be ignored (the program's own code runs, nothing crashes), and a
// missing or stale cache is written again. Each case runs a child process, as the hook
// replaces how Node compiles CommonJS for the whole process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp';

const loader = resolve(import.meta.dirname, '../../bin/code-cache.cjs');
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('minka-code-cache-')));
afterEach(() => cleanup());

/** Run `mod` (a CommonJS file) through the cache in `cache`; stdout, stderr, status. */
function run(mod: string, cache: string) {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      `require(${JSON.stringify(loader)}).requireWithCodeCache(${JSON.stringify(mod)}, ${JSON.stringify(cache)})`,
    ],
    { encoding: 'utf8' },
  );
  return { out: r.stdout.trim(), err: r.stderr, status: r.status };
}

function program(text: string): string {
  const mod = join(dir, 'prog.cjs');
  // A required module too, so more than the entry goes through the cache; and a function
  // compiled lazily, which the cache written after the run holds.
  writeFileSync(join(dir, 'helper.cjs'), 'module.exports = (s) => s.toUpperCase();\n');
  writeFileSync(
    mod,
    `const up = require('./helper.cjs');\nconsole.log(up(${JSON.stringify(text)}));\n`,
  );
  return mod;
}

describe('the code cache of the command line', () => {
  it('is written after a first run, then used without being written again', () => {
    const mod = program('first');
    const cache = join(dir, 'cache');
    expect(run(mod, cache)).toMatchObject({ out: 'FIRST', status: 0 });
    const index = JSON.parse(readFileSync(join(cache, 'cli.json'), 'utf8')) as {
      entries: [string][];
    };
    expect(index.entries.map((e) => e[0]).sort()).toEqual([mod, join(dir, 'helper.cjs')].sort());
    const written = statSync(join(cache, 'cli.bin')).mtimeMs;
    expect(run(mod, cache)).toMatchObject({ out: 'FIRST', status: 0 });
    // Every file came from the cache and V8 took it: nothing to write.
    expect(statSync(join(cache, 'cli.bin')).mtimeMs).toBe(written);
  });

  it('ignores the cache of a source that changed, even at the same length', () => {
    const cache = join(dir, 'cache');
    expect(run(program('aaaa'), cache).out).toBe('AAAA');
    // V8 itself compares only a source's length: the cache's own hash must catch this.
    expect(run(program('bbbb'), cache)).toMatchObject({ out: 'BBBB', status: 0 });
    expect(run(program('bbbb'), cache).out).toBe('BBBB');
  });

  it('ignores a damaged cache and writes it again', () => {
    const mod = program('sound');
    const cache = join(dir, 'cache');
    run(mod, cache);
    const blob = readFileSync(join(cache, 'cli.bin'));
    for (let i = 0; i < blob.length; i += 97) blob[i] = (blob[i] ?? 0) ^ 0xff;
    writeFileSync(join(cache, 'cli.bin'), blob);
    const r = run(mod, cache);
    expect(r).toMatchObject({ out: 'SOUND', status: 0 });
    expect(r.err).toBe('');
    // Rewritten: the next run finds a whole cache and leaves it.
    const index = JSON.parse(readFileSync(join(cache, 'cli.json'), 'utf8')) as { entries: [] };
    expect(index.entries.length).toBe(2);
    expect(run(mod, cache).out).toBe('SOUND');
  });

  it('ignores an index that is not one, or from another Node', () => {
    const mod = program('index');
    const cache = join(dir, 'cache');
    run(mod, cache);
    const path = join(cache, 'cli.json');
    const good = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    for (const bad of [
      'not json',
      JSON.stringify({ ...good, node: 'v0.0.1' }),
      JSON.stringify({ ...good, entries: [['x', 'y', -5, 10]] }),
      JSON.stringify({ ...good, entries: [[mod, 'y', 0, 1e12]] }),
    ]) {
      writeFileSync(path, bad);
      expect(run(mod, cache)).toMatchObject({ out: 'INDEX', status: 0, err: '' });
    }
  });

  it('runs without a cache where it cannot write one', () => {
    const mod = program('read-only');
    const blocked = join(dir, 'file');
    writeFileSync(blocked, '');
    // The cache folder's parent is a file: mkdir fails, the program still runs.
    expect(run(mod, join(blocked, 'cache'))).toMatchObject({
      out: 'READ-ONLY',
      status: 0,
      err: '',
    });
    mkdirSync(join(dir, 'ok'));
  });
});
