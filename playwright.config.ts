import { defineConfig } from '@playwright/test';

// The Electron binary and Playwright's own browsers cannot be downloaded here: the real
// renderer and core run through the web host, driven in Debian's Chromium.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  // About 5 minutes here; a run that hangs ends red and names the test instead of holding CI.
  globalTimeout: 30 * 60_000,
  // Writing the demo workshop takes ~0.5 s on an idle laptop, several on a loaded CI box.
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  globalSetup: './test/e2e/global-setup.ts',
  use: {
    viewport: { width: 1366, height: 768 },
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
