import { execFileSync } from 'node:child_process';

/** Build the renderer once so every test's web host serves the current code. */
export default function globalSetup(): void {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
}
