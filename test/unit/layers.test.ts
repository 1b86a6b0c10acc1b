// The layer rule of the Node side, enforced (issue 19, item 3; docs/architecture.md):
//   shared/  ←  electron/platform/  ←  features (electron/<feature>/)  ←  hosts
// platform: db, migrations, the chain, replay base, atomic files, crypto, errors, paths, the PDF
// kit, the handler kit. A feature folder (attendance, registry, proposals, voting, criteria,
// results, minutes, plan, followup, venues, backup, workshop, check, export, demo) holds its
// store, replay, service, handlers and PDF parts; features may import one another, never in a
// circle. Hosts: electron/core (dispatch), cli, web, and main.ts / preload.ts / security*.ts.
// The lists below may only shrink: a new upward import, a new import circle (between files or
// between feature folders) or a new source file over 400 lines fails here. The same direction is
// a lint rule (eslint.config.js, no-restricted-imports) for the editor.
// Figures: npx vitest run test/unit/layers.test.ts
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { circles, importEdges, lineCount, sourceFiles } from '../helpers/imports';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const LAYERS = ['shared', 'platform', 'features', 'hosts'] as const;
type Layer = (typeof LAYERS)[number];
const HOST_FOLDERS = ['core', 'cli', 'web'];

/** The layer a file belongs to, by its folder. */
function layerOf(file: string): Layer {
  if (file.startsWith('shared/')) return 'shared';
  const parts = file.split('/');
  if (parts.length === 2) return 'hosts'; // electron/main.ts, preload.ts, security*.ts
  const top = parts[1] ?? '';
  if (top === 'platform') return 'platform';
  return HOST_FOLDERS.includes(top) ? 'hosts' : 'features';
}
/** A feature file's folder (electron/<feature>/…), else null. */
const featureOf = (f: string) => (layerOf(f) === 'features' ? (f.split('/')[1] ?? null) : null);

const files = sourceFiles(root, ['electron', 'shared']);
const edges = importEdges(root, files);
const rank = (f: string) => LAYERS.indexOf(layerOf(f));
const upward = edges
  .filter((e) => rank(e.to) > rank(e.from))
  .map((e) => `${e.from} -> ${e.to}${e.typeOnly ? ' (type)' : ''}`);
const allCircles = circles(files, edges);
const runtimeCircles = circles(
  files,
  edges.filter((e) => !e.typeOnly),
);
// The feature folders as one node each: an edge when a file of one imports a file of another.
const featureEdges = [
  ...new Set(
    edges
      .map((e) => [featureOf(e.from), featureOf(e.to)])
      .filter(([a, b]) => a && b && a !== b)
      .map(([a, b]) => `${a} ${b}`),
  ),
].map((s) => {
  const [from = '', to = ''] = s.split(' ');
  return { from, to, typeOnly: false };
});
const features = [...new Set(files.map(featureOf).filter((f): f is string => !!f))].sort();
const featureCircles = circles(features, featureEdges);
const long = files.filter((f) => lineCount(root, f) > 400);

/** Upward imports on 2026-12-06, after the move into feature folders (38 by the old picture, 27 before that). */
const ALLOWED_UPWARD: string[] = [];

/**
 * Import circles: the most there may be (between files, all edges / run-time edges only; between
 * feature folders). None left after the move (4 circles of 20 files before, 1 at run time).
 */
const MAX_CIRCLES = { all: 0, runtime: 0 };

/**
 * Circles between feature folders on 2026-12-06, each to be broken (a file-level circle is
 * refused outright; these are folders that import each other through different files).
 */
const ALLOWED_FEATURE_CIRCLES: string[][] = [];

/** Source files over 400 lines on 2026-12-06: to be split, never joined by another. */
const ALLOWED_LONG: string[] = [];

describe('the layer rule', () => {
  it('prints the figures', () => {
    console.log(
      JSON.stringify(
        {
          files: files.length,
          edges: edges.length,
          upward: upward.length,
          circles: allCircles.length,
          circleFiles: allCircles.reduce((n, c) => n + c.length, 0),
          runtimeCircles: runtimeCircles.length,
          runtimeCircleFiles: runtimeCircles.reduce((n, c) => n + c.length, 0),
          features: features.length,
          featureCircles: featureCircles.length,
          over400: long.length,
        },
        null,
        2,
      ),
    );
    console.log(JSON.stringify({ upward, long, allCircles, featureCircles }, null, 2));
  });

  it('no import runs from a lower layer to a higher one, beyond the listed ones', () => {
    expect(upward.filter((v) => !ALLOWED_UPWARD.includes(v))).toEqual([]);
  });

  it('no new import circle between files', () => {
    expect(allCircles.length).toBeLessThanOrEqual(MAX_CIRCLES.all);
    expect(runtimeCircles.length).toBeLessThanOrEqual(MAX_CIRCLES.runtime);
  });

  it('no new circle between feature folders', () => {
    const listed = ALLOWED_FEATURE_CIRCLES.map((c) => c.join(' '));
    expect(featureCircles.map((c) => c.join(' ')).filter((c) => !listed.includes(c))).toEqual([]);
  });

  it('no new source file over 400 lines', () => {
    expect(long.filter((f) => !ALLOWED_LONG.includes(f))).toEqual([]);
  });

  it('sees the layers and the imports (a sanity check of the parser and the picture)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(layerOf('electron/platform/crypto/keys.ts')).toBe('platform');
    expect(layerOf('electron/minutes/pdf/minutes.ts')).toBe('features');
    expect(layerOf('electron/cli/commands/plan.ts')).toBe('hosts');
    expect(layerOf('electron/main.ts')).toBe('hosts');
    expect(edges).toContainEqual({
      from: 'electron/platform/events.ts',
      to: 'electron/platform/errors.ts',
      typeOnly: false,
    });
    expect(edges).toContainEqual({
      from: 'electron/platform/events.ts',
      to: 'shared/events.ts',
      typeOnly: true,
    });
    expect(features).toEqual(expect.arrayContaining(['minutes', 'voting', 'followup', 'venues']));
  });
});

// The renderer under the same size rule (issue 19, item 4): its screens are split into
// components of at most 400 lines in their feature folders (renderer/src/screens/<feature>/).
const rendererFiles = sourceFiles(root, ['renderer/src']);
const rendererLong = rendererFiles.filter((f) => lineCount(root, f) > 400);

/**
 * Renderer files over 400 lines on 2026-12-07, after the door, the kiosk and the setup were
 * split (640, 555 and 572 lines before): none. May only shrink, as ALLOWED_LONG above.
 */
const ALLOWED_LONG_RENDERER: string[] = [];

describe('the renderer', () => {
  it('no renderer source file (.ts, .tsx) over 400 lines', () => {
    expect(rendererFiles.length).toBeGreaterThan(50);
    expect(rendererFiles).toContain('renderer/src/screens/attendance/DoorScreen.tsx');
    expect(rendererLong.filter((f) => !ALLOWED_LONG_RENDERER.includes(f))).toEqual([]);
  });
});
