#!/usr/bin/env node
// `npm run scan`: static security scan of the Electron shell with electronegativity
// (offline; it exits 0 even on HIGH findings, so we read its CSV). Every finding is
// printed with the reviewed explanation from scripts/scan-explained.json when there is
// one; a HIGH finding without an explanation fails the scan.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'minka-scan-'));
const csv = join(dir, 'findings.csv');
const r = spawnSync(
  'npx',
  ['electronegativity', '-i', 'electron/', '-r', '-e', '41.7.1', '-v', 'false', '-o', csv],
  { encoding: 'utf8' },
);
let text;
try {
  text = readFileSync(csv, 'utf8');
} catch {
  process.stderr.write(
    `electronegativity did not run (exit ${r.status}):\n${r.stderr || r.stdout}\n`,
  );
  process.exit(2);
} finally {
  setTimeout(() => rmSync(dir, { recursive: true, force: true }), 0);
}
const explained = JSON.parse(
  readFileSync(new URL('./scan-explained.json', import.meta.url), 'utf8'),
);
// issue, severity, confidence, filename, location, sample, description, url
const cells = (line) =>
  [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)]
    .map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'))
    .slice(0, 8);
const rows = text.trim().split('\n').slice(1).filter(Boolean).map(cells);
let unexplainedHigh = 0;
const counts = {};
for (const [issue, severity, confidence, file, location, , description] of rows) {
  counts[severity] = (counts[severity] ?? 0) + 1;
  const why = explained[`${issue} ${file}`];
  if (!why && severity === 'HIGH') unexplainedHigh++;
  process.stdout.write(
    `${severity.padEnd(13)} ${confidence.padEnd(9)} ${issue} ${file}:${location}\n    ${description}\n    ${why ? `reviewed: ${why}` : severity === 'HIGH' ? 'NOT EXPLAINED' : 'not reviewed (below HIGH)'}\n`,
  );
}
process.stdout.write(
  `\nscan: ${rows.length} findings (${
    Object.entries(counts)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ') || 'none'
  }), ${unexplainedHigh} HIGH without an explanation\n`,
);
process.exit(unexplainedHigh ? 1 : 0);
