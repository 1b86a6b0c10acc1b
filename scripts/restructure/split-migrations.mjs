#!/usr/bin/env node
// Splits electron/store/migrations.ts into one file per migration (issue 19, item 3):
//   electron/store/migrations/index.ts   the list, SCHEMA_VERSION and migrate() (text kept)
//   electron/store/migrations/migration.ts  the Migration interface
//   electron/store/migrations/vNN.ts     one migration each, its object text kept verbatim
//   electron/store/migrations/vNN.test.ts  its test (applies on the schema before it)
// Deterministic and re-runnable on a main that gained migrations: it reads the blocks
// `  {\n    version: N,` … `  },` of the `migrations` array, whatever their number, and fails
// loudly when the file does not have that shape. Importers keep `./migrations` (the folder's
// index.ts answers it). The SQL text is copied byte for byte (sqlite_master keeps it).
// Usage: node scripts/restructure/split-migrations.mjs   (from the repository root)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const src = join(root, 'electron/store/migrations.ts');
const dir = join(root, 'electron/store/migrations');
const die = (msg) => {
  process.stderr.write(`split-migrations: ${msg}\n`);
  process.exit(1);
};
if (!existsSync(src)) die('electron/store/migrations.ts not found (already split?)');
if (existsSync(dir)) die('electron/store/migrations/ exists already');

const text = readFileSync(src, 'utf8');
const lines = text.split('\n');
const open = lines.indexOf('export const migrations: Migration[] = [');
const close = lines.indexOf('];', open);
if (open < 0 || close < 0)
  die('the `export const migrations: Migration[] = [ … ];` array was not found');
const ifaceStart = lines.indexOf('export interface Migration {');
const ifaceEnd = lines.indexOf('}', ifaceStart);
if (ifaceStart < 0 || ifaceEnd < 0 || ifaceEnd > open)
  die('the Migration interface was not found above the array');

// The blocks of the array: `  {` then `    version: N,` up to the matching `  },`.
const blocks = [];
for (let i = open + 1; i < close;) {
  if (lines[i] === '') {
    i++;
    continue;
  }
  // Comment lines may sit between '  {' and the version (they stay in the block).
  let v = i + 1;
  while (/^ {4}\/\//.test(lines[v] ?? '')) v++;
  const m = /^ {4}version: (\d+),$/.exec(lines[v] ?? '');
  if (lines[i] !== '  {' || !m) die(`line ${i + 1}: expected '  {' then '    version: N,'`);
  const end = lines.indexOf('  },', i);
  if (end < 0 || end > close)
    die(`line ${i + 1}: the block of version ${m[1]} does not end with '  },'`);
  blocks.push({ version: Number(m[1]), body: lines.slice(i + 1, end) });
  i = end + 1;
}
blocks.forEach((b, k) => {
  if (b.version !== k + 1) die(`migration ${k + 1} expected, found version ${b.version}`);
});

const head = lines.slice(0, ifaceStart); // imports and the header comment
const iface = lines.slice(ifaceStart, ifaceEnd + 1);
const tail = lines.slice(close + 1); // SCHEMA_VERSION, migrate()
const pad = (n) => String(n).padStart(2, '0');
const headerComment = head.filter((l) => !l.startsWith('import '));
const usesDbType = (body) => /\bDatabase\./.test(body.join('\n'));

mkdirSync(dir);
writeFileSync(
  join(dir, 'migration.ts'),
  [
    "import type Database from 'better-sqlite3';",
    '',
    ...headerComment.filter((l, k) => !(k === 0 && l === '')),
    ...iface,
    '',
  ].join('\n'),
);
for (const b of blocks) {
  const n = pad(b.version);
  const imports = ["import type { Migration } from './migration';"];
  if (usesDbType(b.body)) imports.unshift("import type Database from 'better-sqlite3';");
  writeFileSync(
    join(dir, `v${n}.ts`),
    [
      `// Schema migration ${b.version} (see ./migration.ts: never edit one that has shipped).`,
      ...imports,
      '',
      'export const migration: Migration = {',
      ...b.body,
      '};',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, `v${n}.test.ts`),
    [
      `// Migration ${b.version} applies on the schema the ones before it leave, once, and changes it.`,
      "import { describe, expect, it } from 'vitest';",
      "import { expectMigrationApplies } from '../../../test/helpers/migration';",
      "import { migrations } from './index';",
      `import { migration } from './v${n}';`,
      '',
      `describe('migration ${b.version}', () => {`,
      "  it('is listed in its place and applies on the schema before it', () => {",
      `    expect(migrations[${b.version - 1}]).toBe(migration);`,
      `    expectMigrationApplies(${b.version});`,
      '  });',
      '});',
      '',
    ].join('\n'),
  );
}
writeFileSync(
  join(dir, 'index.ts'),
  [
    ...head.filter((l) => l.startsWith('import ')),
    "import type { Migration } from './migration';",
    ...blocks.map((b) => `import { migration as v${pad(b.version)} } from './v${pad(b.version)}';`),
    '',
    '// One file per migration (vNN.ts); append the next one here and nowhere else.',
    "export type { Migration } from './migration';",
    '',
    `export const migrations: Migration[] = [${blocks.map((b) => `v${pad(b.version)}`).join(', ')}];`,
    ...tail,
  ].join('\n'),
);
execFileSync('git', ['rm', '-q', 'electron/store/migrations.ts'], { cwd: root });
execFileSync('git', ['add', 'electron/store/migrations'], { cwd: root });
execFileSync('npx', ['prettier', '--write', 'electron/store/migrations'], {
  cwd: root,
  stdio: 'ignore',
});
execFileSync('git', ['add', 'electron/store/migrations'], { cwd: root });
process.stdout.write(
  `split-migrations: ${blocks.length} migrations into electron/store/migrations/\n`,
);
