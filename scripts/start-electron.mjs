#!/usr/bin/env node
// `npm start`: the desktop app. Builds the renderer and the Node side (scripts/build-node.mjs),
// then launches Electron. Where Electron's binary is not installed (it cannot be
// downloaded on every network), say so in one line and point to the web host.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let electronPath;
try {
  electronPath = require('electron');
} catch {
  electronPath = null;
}
if (typeof electronPath !== 'string') {
  const es = (process.env.LANG ?? 'es').startsWith('en')
    ? 'The Electron binary is not installed, so the desktop window cannot open: run `npm run electron:install` on a network that reaches the Electron downloads, or use Minka in the browser: npm run web'
    : 'El programa Electron no está instalado y la ventana de escritorio no puede abrirse: ejecute `npm run electron:install` con una red que llegue a las descargas de Electron, o use Minka en el navegador: npm run web';
  process.stderr.write(es + '\n');
  process.exit(1);
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['vite', 'build', '--logLevel', 'warn']);
const { buildNode } = await import('./build-node.mjs');
await buildNode();
const r = spawnSync(electronPath, [join(root, 'dist-electron/main.js')], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 0);
