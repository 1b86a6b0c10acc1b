#!/usr/bin/env node
// Runs after `npm install` / `npm ci` in this folder. Never fails the install:
//  1. compiles the Node side to dist-node/ and dist-electron/ (scripts/build-node.mjs);
//  2. fetches the Electron binary for the desktop window where the network allows it.
// npm itself is told not to run Electron's own download (package.json "allowScripts"),
// because a failed download there rolls back the whole install; here a failure is one line
// and `npm run web` still works. ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the download.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

try {
  const { buildNode } = await import('./build-node.mjs');
  await buildNode();
} catch (e) {
  process.stderr.write(
    `Minka: could not compile the Node side (${e instanceof Error ? e.message : String(e)}); run \`npm run build:node\`.\n`,
  );
}

const electronDir = join(root, 'node_modules', 'electron');
if (existsSync(join(electronDir, 'install.js')) && !existsSync(join(electronDir, 'path.txt'))) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
    process.stdout.write(
      'Minka: Electron download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD); `npm run web` runs Minka in the browser, `npm run electron:install` fetches the desktop window later.\n',
    );
  } else {
    const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 10 * 60_000,
    });
    if (r.status === 0 && existsSync(join(electronDir, 'path.txt')))
      process.stdout.write('Minka: Electron installed; `npm start` opens the desktop app.\n');
    else {
      const why =
        (r.stderr?.toString() ?? '').split('\n').find((l) => l.trim()) ??
        (r.error?.message || 'no network');
      process.stdout.write(
        `Minka: Electron could not be downloaded (${why.trim().slice(0, 160)}). The install is complete; \`npm run web\` runs Minka in the browser, and \`npm run electron:install\` fetches the desktop window when a network is available.\n`,
      );
    }
  }
}
