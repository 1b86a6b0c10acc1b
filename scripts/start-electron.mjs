#!/usr/bin/env node
// `npm start`: the desktop app. Builds the renderer and the Electron main/preload bundles,
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
    ? 'The Electron binary is not installed on this computer, so the desktop window cannot open. Run Minka in the browser instead: npm run web'
    : 'El programa Electron no está instalado en esta computadora, así que la ventana de escritorio no puede abrirse. Use Minka en el navegador: npm run web';
  process.stderr.write(es + '\n');
  process.exit(1);
}

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['vite', 'build', '--logLevel', 'warn']);
const common = ['--bundle', '--platform=node', '--format=cjs', '--target=node20', '--external:electron', '--external:better-sqlite3', '--log-level=warning'];
run('npx', ['esbuild', 'electron/main.ts', '--outfile=dist-electron/main.js', ...common]);
run('npx', ['esbuild', 'electron/preload.ts', '--outfile=dist-electron/preload.cjs', ...common]);
const r = spawnSync(electronPath, [join(root, 'dist-electron/main.js')], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 0);
