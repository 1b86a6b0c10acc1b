// The install layouts Minka runs from (development tree, built dist-node/, a bundle moved
// elsewhere) and what happens when a runtime resource is missing: the person is told which
// file is missing (exit 3), and no verdict about the document is given (`minka verify` on the
// Acta, `minka check` on the sealed workshop, which redraws the Acta stored in it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MissingResourceError,
  RUNTIME_RESOURCES,
  rendererDir,
  resourcePath,
} from '../../electron/platform/resources';
import { runCli } from '../helpers/cli';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { tempDir } from '../helpers/tmp';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const { dir, cleanup } = tempDir('minka-layout-');
const workshop = join(dir, 'demo.minka');
const pdf = join(dir, 'acta.pdf');

/** Run the built CLI of an install rooted at `installRoot` as a person would (node bin/minka.mjs …). */
function minka(installRoot: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [join(installRoot, 'bin', 'minka.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, MINKA_LANG: 'en', MINKA_RESOURCES: '', ...env },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

beforeAll(async () => {
  const b = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs'), '--if-stale'], {
    encoding: 'utf8',
  });
  expect(b.status, b.stderr).toBe(0);
  expect((await runCli(['demo', '--out', workshop])).code).toBe(0);
  expect((await runCli(['seal', workshop, '--out', pdf, '--data', join(dir, 'data')])).code).toBe(
    0,
  );
}, 180_000);
afterAll(cleanup);

describe('resources are found by one function', () => {
  it('finds every runtime resource from the development tree', () => {
    for (const name of RUNTIME_RESOURCES) expect(existsSync(resourcePath(name))).toBe(true);
  });

  it('names the missing file and every folder it looked in', () => {
    const nowhere = join(dir, 'empty', 'dist-node');
    mkdirSync(nowhere, { recursive: true });
    let error: unknown;
    try {
      resourcePath('fonts/DejaVuSans.ttf', {}, nowhere);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MissingResourceError);
    expect((error as MissingResourceError).file).toBe('fonts/DejaVuSans.ttf');
    expect((error as MissingResourceError).searched).toContain(
      join(dir, 'empty', 'dist-node', 'resources'),
    );
    expect(() => rendererDir(nowhere)).toThrow(MissingResourceError);
  });

  it('MINKA_RESOURCES points a relocated install at its resources', () => {
    const p = resourcePath(
      'fonts/DejaVuSans.ttf',
      { MINKA_RESOURCES: join(root, 'resources') },
      join(dir, 'empty'),
    );
    expect(p).toBe(join(root, 'resources', 'fonts', 'DejaVuSans.ttf'));
  });
});

describe('the built CLI', () => {
  it('verifies the Acta from dist-node/ (no TypeScript at run time)', () => {
    const r = minka(root, ['verify', pdf]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('AUTHENTIC');
  });

  it('seals through the CommonJS build with its code cache, and the pages redraw as the app draws them', async () => {
    // bin/minka.mjs runs dist-node/cli.cjs (packages as CommonJS, V8's code cache) unless
    // MINKA_CODE_CACHE=0 (the ES module bundle): both seal, and the in-process verifier (ES
    // modules, as in the app) redraws each Acta byte for byte.
    for (const cache of ['1', '0']) {
      const copy = join(dir, `cache-${cache}.minka`);
      cpSync(workshop, copy);
      const out = join(dir, `cache-${cache}.pdf`);
      const r = minka(root, ['seal', copy, '--out', out, '--data', join(dir, 'data')], {
        MINKA_CODE_CACHE: cache,
      });
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const v = await verifyMinutesPdf(readFileSync(out), { timeoutMs: 120_000 });
      expect(v.verdict).toBe('authentic');
    }
    const index = JSON.parse(
      readFileSync(join(root, 'dist-node', 'code-cache', 'v8-tiered', 'cli.json'), 'utf8'),
    ) as { entries: [string][] };
    const files = index.entries.map((e) => e[0]);
    expect(files).toContain(join(root, 'dist-node', 'cli.cjs'));
    expect(files.some((f) => f.includes(join('node_modules', 'pdfkit')))).toBe(true);
  }, 240_000);

  it('a bundle moved without resources/ beside it says which font is missing (exit 3), never "tampered"', () => {
    const moved = join(dir, 'moved');
    cpSync(join(root, 'dist-node'), join(moved, 'dist-node'), { recursive: true });
    cpSync(join(root, 'bin'), join(moved, 'bin'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(moved, 'node_modules'), 'dir');
    const r = minka(moved, ['verify', pdf]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('fonts/DejaVuSans');
    expect(r.err).toContain('no document has been judged');
    expect(r.out + r.err).not.toMatch(/TAMPERED|altered|tampered/i);
    // `minka check` on the sealed workshop redraws its stored Acta: the same exit 3, no finding.
    const check = minka(moved, ['check', workshop]);
    expect(check.code).toBe(3);
    expect(check.err).toContain('fonts/DejaVuSans');
    expect(check.err).toContain("this computer's problem, not the Acta's");
    expect(check.out + check.err).not.toMatch(/TAMPERED|altered|tampered|does NOT/i);
    // The same bundle told where its resources are verifies the same file as authentic.
    const ok = minka(moved, ['verify', pdf], { MINKA_RESOURCES: join(root, 'resources') });
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('AUTHENTIC');
    const checked = minka(moved, ['check', workshop], { MINKA_RESOURCES: join(root, 'resources') });
    expect(checked.err).toBe('');
    expect(checked.code).toBe(0);
    expect(checked.out).toContain('intact (signatures, pages, chain and tables agree)');
  });
});
