#!/usr/bin/env node
// Compiles the Node side (CLI, web host, Electron main and preload) from TypeScript to plain
// JavaScript with esbuild, so nothing transpiles at run time: `bin/minka.mjs` and
// `npm run web` start from dist-node/, Electron from dist-electron/. npm packages stay
// external (they are installed beside the build, and pdfkit reads its own data files).
// Runs on `npm install` (postinstall), before `npm test`, `npm run web` and `npm start`;
// takes well under a second. `--if-stale` skips the work when no source is newer.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outputs = [
  join(root, 'dist-node', 'cli.mjs'),
  join(root, 'dist-node', 'cli.cjs'),
  join(root, 'dist-node', 'web.mjs'),
  join(root, 'dist-electron', 'main.js'),
];

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function isStale() {
  if (!outputs.every((f) => existsSync(f))) return true;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  return Math.max(newest(join(root, 'electron')), newest(join(root, 'shared'))) > built;
}

// JSON (the i18n catalogues, ~300 kB) as `JSON.parse('…')`: V8 reads a JSON string several
// times faster than the same data written as an object literal, and start-up is what it costs.
const jsonAsParse = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      return { contents: `export default JSON.parse(${JSON.stringify(text)});`, loader: 'js' };
    });
  },
};

export async function buildNode() {
  const esbuild = await import('esbuild');
  const { rmSync } = await import('node:fs');
  rmSync(join(root, 'dist-node'), { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    absWorkingDir: root,
    legalComments: 'none',
    plugins: [jsonAsParse],
  };
  // ESM with code splitting: `minka --help` loads the command list and the catalogues, and a
  // command's own code (the store, pdfkit, the tally engine) only when that command runs.
  await esbuild.build({
    ...common,
    entryPoints: { cli: 'electron/cli/entry.ts', web: 'electron/web/main.ts' },
    outdir: 'dist-node',
    format: 'esm',
    splitting: true,
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
  });
  // resources.ts reads __dirname in CommonJS and import.meta only in ESM: the warning is moot.
  const cjs = {
    ...common,
    format: 'cjs',
    packages: 'external',
    logOverride: { 'empty-import-meta': 'silent' },
  };
  // The CLI's CommonJS build takes in the packages that ship only as ES modules (pkijs, asn1js
  // and theirs), which Node would otherwise load through require(esm), compiled on every run
  // without the code cache (about 40 ms of a fresh seal, issue 18), and zod, whose ES build
  // lets esbuild leave out the 40 locales the CommonJS one loads (only English is used).
  // Every other package stays external, as above.
  const inlined = new Set(['pkijs', 'asn1js', 'zod']);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    .filter((name) => !inlined.has(name))
    .flatMap((name) => [name, `${name}/*`]);
  const cliCjs = { ...cjs, packages: undefined, external };
  // The CLI once more as one CommonJS file, which bin/minka.mjs loads with V8's code cache
  // (bin/code-cache.cjs; Node 20 caches no ES module): a fresh `minka seal` parsed and
  // compiled the same code on every run (issue 18). Its packages load as CommonJS too.
  await esbuild.build({
    ...cliCjs,
    entryPoints: ['electron/cli/main.ts'],
    outfile: 'dist-node/cli.cjs',
  });
  await esbuild.build({
    ...cjs,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist-electron/main.js',
  });
  await esbuild.build({
    ...cjs,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist-electron/preload.cjs',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--if-stale') && !isStale()) process.exit(0);
  try {
    await buildNode();
  } catch (e) {
    process.stderr.write(
      `Minka: compiling the Node side failed: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    process.exit(1);
  }
}
