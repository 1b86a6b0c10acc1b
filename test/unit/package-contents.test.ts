// The desktop package ships everything the app reads at run time. electron-builder packs the
// app here for real (`--dir`), against a stand-in Electron folder because the Electron binary
// cannot be downloaded in CI: the app.asar it writes is the one an installer would carry.
// Then every runtime resource, the whole renderer build, the compiled main and preload, and
// every npm package the compiled main loads must be inside (native code unpacked).
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_RESOURCES } from '../../electron/platform/resources';
import { tempDir } from '../helpers/tmp';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(file: string, opts?: object): string[] };
const { dir, cleanup } = tempDir('minka-package-');
let listed: Set<string>;
let unpacked: string;

function files(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(d, e.name)) : [join(d, e.name)],
  );
}

beforeAll(() => {
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, {
      cwd: root,
      encoding: 'utf8',
      timeout: 280_000,
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    expect(r.status, `${cmd} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
  };
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html')))
    run('npx', ['vite', 'build', '--logLevel', 'warn']);
  run(process.execPath, ['scripts/build-node.mjs', '--if-stale']);
  const fakeElectron = join(dir, 'electron-dist');
  mkdirSync(fakeElectron);
  writeFileSync(join(fakeElectron, 'electron'), '#!/bin/sh\n');
  chmodSync(join(fakeElectron, 'electron'), 0o755);
  const out = join(dir, 'release');
  run('npx', [
    'electron-builder',
    '--linux',
    'dir',
    '--x64',
    `-c.electronDist=${fakeElectron}`,
    `-c.directories.output=${out}`,
    '-c.npmRebuild=false',
  ]);
  const resources = join(out, 'linux-unpacked', 'resources');
  listed = new Set(asar.listPackage(join(resources, 'app.asar')).map((p) => p.replace(/\\/g, '/')));
  unpacked = join(resources, 'app.asar.unpacked');
}, 300_000);
afterAll(cleanup);

describe('the packaged app (app.asar)', () => {
  it('holds every runtime resource', () => {
    for (const name of RUNTIME_RESOURCES) expect(listed.has(`/resources/${name}`), name).toBe(true);
  });

  it('holds the whole renderer build and the compiled main and preload', () => {
    const renderer = files(join(root, 'dist', 'renderer')).map((f) => '/' + relative(root, f));
    expect(renderer).toContain('/dist/renderer/index.html');
    for (const f of renderer) expect(listed.has(f), f).toBe(true);
    expect(listed.has('/dist-electron/main.js')).toBe(true);
    expect(listed.has('/dist-electron/preload.cjs')).toBe(true);
  });

  it('holds every package the compiled main loads, with better-sqlite3 native code unpacked', () => {
    const main = readFileSync(join(root, 'dist-electron', 'main.js'), 'utf8');
    const pkgs = new Set(
      [...main.matchAll(/(?:require|import)\("([^".][^"]*)"\)/g)]
        .map((m) => m[1] ?? '')
        .filter((p) => !p.startsWith('node:') && p !== 'electron')
        .map((p) =>
          p.startsWith('@') ? p.split('/').slice(0, 2).join('/') : (p.split('/')[0] ?? p),
        ),
    );
    expect([...pkgs].sort()).toEqual(expect.arrayContaining(['better-sqlite3', 'pdfkit', 'zod']));
    for (const p of pkgs) expect(listed.has(`/node_modules/${p}/package.json`), p).toBe(true);
    // pdfkit reads its metrics files at run time.
    expect(
      [...listed].some((f) => f.startsWith('/node_modules/pdfkit/js/data/') && f.endsWith('.afm')),
    ).toBe(true);
    expect(files(unpacked).some((f) => f.endsWith('better_sqlite3.node'))).toBe(true);
  });

  it('ships no tests and no TypeScript sources', () => {
    expect(
      [...listed].filter(
        (f) => !f.startsWith('/node_modules/') && (/\.test\./.test(f) || /\.tsx?$/.test(f)),
      ),
    ).toEqual([]);
  });
});
