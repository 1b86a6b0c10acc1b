// Every security setting of the Electron shell, in one file, as plain data and pure
// predicates so tests can assert them without the Electron binary (see security.test.ts).
import type { WebPreferences } from 'electron';
export { CSP } from './security-policy';

/** Our pages are served from this privileged custom scheme, never file:// or http. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://minka';

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click would otherwise try to open links in a new window (denied anyway by setWindowOpenHandler).
    disableBlinkFeatures: 'Auxclick',
  };
}

function sameOrigin(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'minka';
  } catch {
    return false;
  }
}

/** Navigation inside our own pages only; everything else is blocked. */
export function isAllowedNavigation(url: string): boolean {
  return sameOrigin(url);
}

/** IPC is answered only for the top frame of our own windows showing our own pages. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  isOurWindow: boolean,
): boolean {
  return !!frame && isOurWindow && frame.parent === null && sameOrigin(frame.url);
}

/** Permission requests (camera, geolocation, notifications, …) are all denied. */
export function permissionDecision(_permission: string): boolean {
  return false;
}

/** Resolve a request path under the renderer folder; null for anything that would escape it. */
export function resolveAppPath(
  url: string,
  rendererDir: string,
  join: (...p: string[]) => string,
  normalize: (p: string) => string,
): string | null {
  if (!sameOrigin(url)) return null;
  let path = decodeURIComponent(new URL(url).pathname);
  if (path === '/' || path === '') path = '/index.html';
  const root = normalize(rendererDir).replace(/[\\/]+$/, '');
  const full = normalize(join(root, path));
  return full.startsWith(root + '/') || full.startsWith(root + '\\') ? full : null;
}
