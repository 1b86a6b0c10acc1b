#!/usr/bin/env node
// Moves the Node side into one folder per feature (issue 19, item 3) by the map in map.mjs,
// and rewrites every reference to a moved file, so it can be re-run on a main that changed:
//   1. places every file of electron/: moved (MOVES, MOVE_DIRS) or kept (KEEP); a file in
//      neither, a map entry whose file is gone, or two files sent to one place STOP the script
//      (exit 1, listed) before anything is touched;
//   2. rewrites relative specifiers in every TS/JS file of electron/, shared/, test/, scripts/,
//      renderer/, bin/ and the root: import/export … from, import(), import type(), vi.mock()
//      and the like, new URL('…', import.meta.url), join(__dirname | import.meta.dirname, '…'),
//      found with the TypeScript parser (no regex over code), resolved against the old tree;
//   3. rewrites repository paths written as text ('electron/store/db.ts', or 'store/db.ts' as
//      comments say it) in every tracked text file: configs (eslint, build-node entry points, vitest, tsconfig, package.json…),
//      docs, comments, the layer test's lists;
//   4. `git mv`s the files, writes the rewritten text, runs prettier on what it changed.
// Usage (repository root, clean tree): node scripts/restructure/run.mjs [--dry-run]
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';
import { EMPTIED, KEEP, MOVE_DIRS, MOVES } from './map.mjs';

const dry = process.argv.includes('--dry-run');
const root = execFileSync('git', ['rev-parse', '--show-toplevel']).toString().trim();
process.chdir(root);
const git = (...args) => execFileSync('git', args, { encoding: 'utf8' });
const fail = (title, list) => {
  process.stderr.write(`restructure: ${title}\n${list.map((l) => `  ${l}\n`).join('')}`);
  process.exit(1);
};

// ---- 1. the plan ------------------------------------------------------------------------
const files = git('ls-files', '--cached', '--others', '--exclude-standard', '-z')
  .split('\0')
  .filter((f) => f && existsSync(f));
const fileSet = new Set(files);
const plan = new Map(); // old → new
const unplaced = [];
for (const f of files.filter((f) => f.startsWith('electron/'))) {
  const dir = Object.keys(MOVE_DIRS).find((d) => f.startsWith(d));
  if (MOVES[f]) plan.set(f, MOVES[f]);
  else if (dir) plan.set(f, MOVE_DIRS[dir] + f.slice(dir.length));
  else if (!KEEP.some((k) => (k.endsWith('/') ? f.startsWith(k) : f === k))) unplaced.push(f);
}
const missing = Object.keys(MOVES).filter((f) => !fileSet.has(f));
missing.push(...Object.keys(MOVE_DIRS).filter((d) => !files.some((f) => f.startsWith(d))));
const targets = new Map();
const clashes = [];
for (const [from, to] of plan) {
  if (targets.has(to)) clashes.push(`${targets.get(to)} and ${from} -> ${to}`);
  targets.set(to, from);
  if (fileSet.has(to) && !plan.has(to)) clashes.push(`${from} -> ${to}, which exists`);
}
if (unplaced.length)
  fail(
    'files of electron/ that the map neither moves nor keeps (add them to scripts/restructure/map.mjs):',
    unplaced,
  );
if (missing.length) fail('map entries whose file is not in the tree:', missing);
if (clashes.length) fail('two files for one place:', clashes);
if (plan.size === 0) fail('nothing to move (already run?)', []);
if (!dry && git('status', '--porcelain').trim())
  fail('the working tree is not clean; commit or stash first', []);

const moved = (p) => plan.get(p) ?? p;

// ---- 2. relative specifiers -------------------------------------------------------------
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const codeFiles = files.filter(
  (f) =>
    CODE.test(f) &&
    !f.startsWith('scripts/restructure/') &&
    (/^(electron|shared|test|scripts|renderer|bin)\//.test(f) || !f.includes('/')),
);
const isDir = (p) => files.some((f) => f.startsWith(p + '/'));

/** The repository file a relative module specifier names, and how it was named. */
function resolveModule(from, spec) {
  const base = posix.normalize(posix.join(posix.dirname(from), spec));
  const asTs = base.replace(/\.(m|c)?js$/, '.$1ts');
  for (const [cand, form] of [
    [base, 'exact'],
    [asTs, 'exact'],
    [`${base}.ts`, 'noext'],
    [`${base}.tsx`, 'noext'],
    [`${base}/index.ts`, 'index'],
    [`${base}/index.tsx`, 'index'],
  ])
    if (fileSet.has(cand)) return { file: cand, form };
  return null;
}

function relFrom(fromDir, target) {
  let r = posix.relative(fromDir, target);
  if (!r.startsWith('.')) r = `./${r}`;
  return r;
}

const unresolved = [];
/** The new text of a specifier, or null when it is unchanged. */
function newModuleSpec(from, spec) {
  const hit = resolveModule(from, spec);
  if (!hit) {
    if (plan.has(from)) unresolved.push(`${from}: '${spec}'`);
    return null;
  }
  if (!plan.has(from) && !plan.has(hit.file)) return null;
  const to = moved(hit.file);
  const fromDir = posix.dirname(moved(from));
  let out;
  if (hit.form === 'index') out = relFrom(fromDir, posix.dirname(to));
  else if (hit.form === 'noext') out = relFrom(fromDir, to.replace(/\.tsx?$/, ''));
  else out = relFrom(fromDir, to);
  if (hit.form === 'exact' && spec !== posix.basename(spec) && /\.(m|c)?js$/.test(spec))
    out = out.replace(/\.(m|c)?ts$/, '.$1js'); // '.js' written for a '.ts' file stays '.js'
  return out === spec ? null : out;
}

/** A path relative to the file's folder (new URL, join(__dirname…)): a file or a folder. */
function newPathSpec(from, spec) {
  const slash = spec.endsWith('/');
  const base = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\/$/, '');
  if (!fileSet.has(base) && !isDir(base)) {
    if (plan.has(from)) unresolved.push(`${from}: path '${spec}'`);
    return null;
  }
  if (!plan.has(from) && !plan.has(base)) return null;
  let out = relFrom(posix.dirname(moved(from)), moved(base));
  if (slash) out += '/';
  return out === spec ? null : out;
}

const MOCKS = new Set([
  'vi.mock',
  'vi.doMock',
  'vi.unmock',
  'vi.importActual',
  'vi.importMock',
  'require',
  'require.resolve',
]);
const isDirnameExpr = (n) =>
  (ts.isIdentifier(n) && n.text === '__dirname') ||
  (ts.isPropertyAccessExpression(n) &&
    n.name.text === 'dirname' &&
    n.expression.getText() === 'import.meta');

const newText = new Map(); // old path → rewritten text
for (const from of codeFiles) {
  const text = readFileSync(from, 'utf8');
  const kind = from.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(from, text, ts.ScriptTarget.Latest, true, kind);
  const edits = [];
  const edit = (lit, out) => {
    if (out !== null) edits.push({ start: lit.getStart(sf) + 1, end: lit.getEnd() - 1, out });
  };
  const moduleLit = (lit) => {
    if (lit && ts.isStringLiteralLike(lit) && lit.text.startsWith('.'))
      edit(lit, newModuleSpec(from, lit.text));
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node))
      moduleLit(node.moduleSpecifier);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      moduleLit(node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || MOCKS.has(callee.getText(sf)))
        moduleLit(node.arguments[0]);
      else if (
        ['join', 'resolve', 'path.join', 'path.resolve'].includes(callee.getText(sf)) &&
        node.arguments.length >= 2 &&
        isDirnameExpr(node.arguments[0]) &&
        ts.isStringLiteralLike(node.arguments[1]) &&
        node.arguments[1].text.startsWith('.')
      )
        edit(node.arguments[1], newPathSpec(from, node.arguments[1].text));
    } else if (
      ts.isNewExpression(node) &&
      node.expression.getText(sf) === 'URL' &&
      node.arguments?.length === 2 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      node.arguments[0].text.startsWith('.') &&
      node.arguments[1].getText(sf) === 'import.meta.url'
    )
      edit(node.arguments[0], newPathSpec(from, node.arguments[0].text));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (edits.length === 0) continue;
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.out + out.slice(e.end);
  newText.set(from, out);
}
if (unresolved.length)
  fail(
    'relative specifiers in moved files that name no file of the tree (fix by hand first):',
    unresolved,
  );

// ---- 3. paths written as text -----------------------------------------------------------
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Whole paths ('electron/store/db.ts'), and the short form that comments use inside electron/
// ('store/db.ts', at least one folder deep) for the same files.
const textPlan = new Map(plan);
for (const [from, to] of plan) {
  const short = from.slice('electron/'.length);
  if (short.includes('/')) textPlan.set(short, to.slice('electron/'.length));
}
const names = [...textPlan.keys()].sort((a, b) => b.length - a.length);
const pathRe = new RegExp(`(?<![\\w./-])(${names.map(escape).join('|')})(?![\\w-])`, 'g');
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|ya?ml|md|html|css|txt)$/;
const textFiles = files.filter(
  (f) =>
    TEXT.test(f) &&
    !f.startsWith('scripts/restructure/') &&
    !f.startsWith('dist') &&
    f !== 'package-lock.json' &&
    !f.startsWith('test/fixtures/') &&
    !f.startsWith('test/corpus/'),
);
let textEdits = 0;
for (const f of textFiles) {
  const text = newText.get(f) ?? readFileSync(f, 'utf8');
  const out = text.replace(pathRe, (p) => {
    textEdits++;
    return textPlan.get(p);
  });
  if (out !== text) newText.set(f, out);
}

// ---- 4. the move ------------------------------------------------------------------------
const summary = {
  moved: plan.size,
  filesRewritten: newText.size,
  pathsWrittenAsText: textEdits,
};
if (dry) {
  for (const [from, to] of plan) process.stdout.write(`${from} -> ${to}\n`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n(dry run: nothing changed)\n`);
  process.exit(0);
}
for (const [from, to] of plan) {
  mkdirSync(posix.dirname(to), { recursive: true });
  git('mv', from, to);
}
const changed = [];
for (const [from, text] of newText) {
  writeFileSync(moved(from), text);
  changed.push(moved(from));
}
// The old by-kind folders are gone (git mv leaves their empty directories behind).
const leftovers = [];
for (const d of EMPTIED) {
  const rm = (dir) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) rm(posix.join(dir, e.name));
      else leftovers.push(posix.join(dir, e.name));
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  };
  rm(d.replace(/\/$/, ''));
}
for (const d of new Set([...plan.keys()].map((f) => posix.dirname(f))))
  if (existsSync(d) && readdirSync(d).length === 0) rmdirSync(d);
const pretty = changed.filter((f) => /\.(ts|tsx|mts|js|mjs|json|md|ya?ml)$/.test(f));
for (let i = 0; i < pretty.length; i += 50)
  execFileSync('npx', ['prettier', '--write', '--log-level', 'warn', ...pretty.slice(i, i + 50)], {
    stdio: 'inherit',
  });
git('add', '-A'); // the tree was clean: everything changed is the script's
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
if (leftovers.length) fail('files left in the emptied folders:', leftovers);
