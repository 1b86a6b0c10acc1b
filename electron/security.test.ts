import { join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CSP,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  resolveAppPath,
  secureWebPreferences,
} from './security';
import { readFileSync } from 'node:fs';

describe('Electron security settings', () => {
  it('windows are isolated, sandboxed, without Node', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('the CSP allows only our own scripts, no eval, no remote hosts', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });

  it('navigation leaves our pages for nothing', () => {
    expect(isAllowedNavigation('app://minka/index.html')).toBe(true);
    for (const url of [
      'https://example.org/',
      'file:///etc/passwd',
      'app://other/index.html',
      'javascript:alert(1)',
      'not a url',
    ])
      expect(isAllowedNavigation(url), url).toBe(false);
  });

  it('IPC only from the top frame of our own windows', () => {
    expect(isTrustedSender({ url: 'app://minka/index.html', parent: null }, true)).toBe(true);
    expect(isTrustedSender({ url: 'app://minka/index.html', parent: {} }, true)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, true)).toBe(false);
    expect(isTrustedSender({ url: 'app://minka/index.html', parent: null }, false)).toBe(false);
    expect(isTrustedSender(null, true)).toBe(false);
  });

  it('every permission request is denied', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'])
      expect(permissionDecision(p)).toBe(false);
  });

  it('the app protocol never serves files outside the renderer folder', () => {
    const dir = '/opt/minka/dist/renderer';
    expect(resolveAppPath('app://minka/index.html', dir, join, normalize)).toBe(
      join(dir, 'index.html'),
    );
    expect(
      resolveAppPath('app://minka/../../etc/passwd', dir, join, normalize)?.startsWith(dir),
    ).toBe(true);
    expect(resolveAppPath('app://minka/%2e%2e/%2e%2e/etc/passwd', dir, join, normalize)).toBe(
      join(dir, 'etc/passwd'),
    );
    expect(
      resolveAppPath('app://minka/%2F..%2F..%2Fetc%2Fpasswd', dir, join, normalize),
    ).toBeNull();
    expect(resolveAppPath('app://minka/..%2F..%2Frenderer2%2Fx', dir, join, normalize)).toBeNull();
    expect(resolveAppPath('file:///etc/passwd', dir, join, normalize)).toBeNull();
  });

  it('middle-click (auxclick) is disabled and every window of main.ts takes these settings', () => {
    expect(secureWebPreferences('/x/preload.cjs').disableBlinkFeatures).toContain('Auxclick');
    const main = readFileSync(join(import.meta.dirname, 'main.ts'), 'utf8');
    const windows = main.match(/new BrowserWindow\(/g) ?? [];
    expect(windows.length).toBeGreaterThan(0);
    expect(main.match(/webPreferences: secureWebPreferences\(/g)).toHaveLength(windows.length);
    expect(main).not.toMatch(/webPreferences: \{/);
  });

  it('main serves pages with the CSP, answers one IPC channel only from trusted senders, and never opens external things', () => {
    const main = readFileSync(join(import.meta.dirname, 'main.ts'), 'utf8');
    expect(main).toContain("headers.set('Content-Security-Policy', CSP)");
    expect(main).toContain("headers.set('X-Content-Type-Options', 'nosniff')");
    expect(main.match(/ipcMain\.handle\(/g)).toHaveLength(1);
    expect(main).toContain("ipcMain.handle('minka:invoke'");
    expect(main).not.toMatch(
      /ipcMain\.on\(|shell\.openExternal|openPath|nodeIntegration: true|webSecurity: false/,
    );
    // The untrusted branch answers an error envelope before reaching dispatch.
    const ipc = main.slice(main.indexOf("ipcMain.handle('minka:invoke'"));
    expect(ipc.indexOf('isTrustedSender(')).toBeLessThan(ipc.indexOf('core.dispatch('));
    expect(ipc.slice(0, ipc.indexOf('core.dispatch('))).toMatch(/return\s*\{\s*ok:\s*false/);
  });

  it('main wires the settings: window.open denied, navigation guarded, permissions denied, IPC sender checked', () => {
    const main = readFileSync(join(import.meta.dirname, 'main.ts'), 'utf8');
    expect(main).toContain("setWindowOpenHandler(() => ({ action: 'deny' }))");
    expect(main).toContain("on('will-navigate'");
    expect(main).toContain('setPermissionRequestHandler');
    expect(main).toContain('isTrustedSender(event.senderFrame');
    expect(main).toContain('will-attach-webview');
    const preload = readFileSync(join(import.meta.dirname, 'preload.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync)\b/);
    // Only invoke crosses: main pushes nothing to the page, so no listener is exposed.
    expect(preload).not.toMatch(/ipcRenderer\.(on|once|addListener)\b/);
  });
});
