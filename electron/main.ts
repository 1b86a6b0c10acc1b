// The Electron shell: creates locked-down windows and wires IPC to the core's dispatch.
// All behaviour lives in ./core (plain Node, tested without Electron); keep this thin.
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session } from 'electron';
import { join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Core } from './core/core';
import { rendererDir as findRendererDir } from './platform/resources';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CSP,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  resolveAppPath,
  secureWebPreferences,
} from './security';

const rendererDir = findRendererDir();
const windows = new Set<number>();

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const core = new Core({
  dataDir: join(app.getPath('userData'), 'workshops'),
  host: 'electron',
  dialogs: {
    async openWorkshop() {
      const r = await dialog.showOpenDialog({
        properties: ['openFile'],
        filters: [{ name: 'Minka', extensions: ['minka'] }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async saveWorkshop(suggestedName) {
      const r = await dialog.showSaveDialog({
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [{ name: 'Minka', extensions: ['minka'] }],
      });
      return r.canceled ? null : (r.filePath ?? null);
    },
  },
});

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Minka',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  windows.add(win.webContents.id);
  win.on('closed', () => windows.delete(win.webContents.id));
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url)) e.preventDefault();
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

// Only one Minka per computer user: a second launch focuses the first window instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    const ses = session.defaultSession;
    ses.setPermissionRequestHandler((_wc, permission, callback) =>
      callback(permissionDecision(permission)),
    );
    ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppPath(request.url, rendererDir, join, normalize);
      if (!file) return new Response('not found', { status: 404 });
      const res = await net.fetch(pathToFileURL(file).toString());
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', CSP);
      headers.set('X-Content-Type-Options', 'nosniff');
      return new Response(res.body, { status: res.status, headers });
    });

    ipcMain.handle('minka:invoke', async (event, channel: unknown, input: unknown) => {
      const ours = windows.has(event.sender.id);
      if (!isTrustedSender(event.senderFrame, ours) || typeof channel !== 'string') {
        return {
          ok: false,
          error: {
            code: 'NOT_AVAILABLE',
            key: 'error.forbidden',
            params: {},
            message: 'IPC from a foreign frame',
          },
        };
      }
      return core.dispatch(channel, input);
    });

    createWindow();
  });

  app.on('window-all-closed', () => {
    core.closeAll();
    app.quit();
  });
}
