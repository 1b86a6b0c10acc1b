// Where Minka's runtime resources are, whatever the install layout. One function answers
// for every layout, so a bundle or an installer that moves code cannot silently lose a font:
//   - development tree: this file is electron/platform/resources.ts (tsx, vitest);
//   - built tree: the code is bundled into dist-node/ or dist-electron/ beside resources/;
//   - packaged app: dist-electron/ and resources/ sit inside app.asar (electron-builder.yml).
// In each case resources/ is found by walking up from the running module. MINKA_RESOURCES
// overrides it (a relocated install). A missing file is an environment problem, reported as
// such with the file's name — never a verdict about a document being checked.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Files the running app reads from resources/ (the packaging test checks each is shipped). */
export const RUNTIME_RESOURCES = [
  'fonts/DejaVuSans.ttf',
  'fonts/DejaVuSans-Bold.ttf',
  'fonts/LICENSE-DejaVu.txt',
] as const;
export type ResourceName = (typeof RUNTIME_RESOURCES)[number];

/** A resource the install should contain is not there: say which and where it was looked for. */
export class MissingResourceError extends Error {
  constructor(
    readonly file: string,
    readonly searched: string[],
  ) {
    super(`Minka resource missing: ${file} (looked in ${searched.join(', ')})`);
  }
}

/** The folder of the running module: CommonJS bundles (Electron main) have __dirname, ESM has import.meta. */
function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
}

/** resources/ folders to try, nearest first. */
export function resourceRoots(
  env: NodeJS.ProcessEnv = process.env,
  from: string = moduleDir(),
): string[] {
  const roots: string[] = [];
  if (env['MINKA_RESOURCES']) roots.push(env['MINKA_RESOURCES']);
  let dir = from;
  for (let i = 0; i < 4; i++) {
    roots.push(join(dir, 'resources'));
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return roots;
}

/**
 * The built interface (dist/renderer/, made by `vite build`): beside the code in every layout
 * (repository root, or app.asar's root). Throws MissingResourceError naming index.html.
 */
export function rendererDir(from: string = moduleDir()): string {
  const searched: string[] = [];
  let dir = from;
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'dist', 'renderer');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    searched.push(candidate);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new MissingResourceError('dist/renderer/index.html', searched);
}

/** Absolute path of a runtime resource, or MissingResourceError naming it. */
export function resourcePath(
  name: ResourceName,
  env: NodeJS.ProcessEnv = process.env,
  from?: string,
): string {
  const roots = resourceRoots(env, from);
  for (const root of roots) {
    const p = join(root, name);
    if (existsSync(p)) return p;
  }
  throw new MissingResourceError(name, roots);
}
