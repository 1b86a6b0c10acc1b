#!/usr/bin/env node
// `npm run web`: build the renderer and the Node side if they are missing or older than
// their sources, then start the web host from dist-node/ (plain JavaScript).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = join(root, 'dist/renderer/index.html');
const stale =
  !existsSync(built) ||
  Math.max(newest(join(root, 'renderer')), newest(join(root, 'shared'))) > statSync(built).mtimeMs;
if (stale) {
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const { buildNode, isStale } = await import('./build-node.mjs');
if (isStale()) await buildNode();
await import('../dist-node/web.mjs');
