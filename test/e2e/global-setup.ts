import { execFileSync } from 'node:child_process';

/** Build the renderer and the Node side once so every test's web host serves the current code. */
export default function globalSetup(): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
