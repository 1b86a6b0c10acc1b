import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkshopExport } from '../../shared/schemas/export';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

describe('minka demo / check / export', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('writes the demo, checks it, exports it in the documented shape', async () => {
    const file = join(dir, 'demo.minka');
    const demo = await runCli(['demo', '--out', file]);
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/Demo workshop written/);

    const again = await runCli(['demo', '--out', file]);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists/);

    const check = await runCli(['check', file, '--json']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.out)).toMatchObject({ ok: true, integrity: 'ok', chain: { ok: true } });

    const exp = await runCli(['export', file]);
    expect(exp.code).toBe(0);
    const doc = WorkshopExport.parse(JSON.parse(exp.out));
    expect(Object.keys(JSON.parse(exp.out) as object)).toEqual(
      expect.arrayContaining([
        'format',
        'version',
        'workshop',
        'venues',
        'organizations',
        'participants',
        'invitations',
        'attendance',
        'proposals',
        'rounds',
        'criteria',
        'results',
        'mattersRaised',
        'agreements',
        'committee',
        'minutes',
        'chain',
      ]),
    );
    expect(doc.format).toBe('minka-workshop');
    expect(doc.venues).toHaveLength(4);
    expect(doc.chain.length).toBe(doc.events.length);

    const out = join(dir, 'export.json');
    expect((await runCli(['export', file, '--out', out])).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ format: 'minka-workshop' });
  });

  it('check exits 1 and names the event when the chain was tampered with', async () => {
    const file = join(dir, 'demo.minka');
    await runCli(['demo', '--out', file]);
    const db = new Database(file);
    db.exec('DROP TRIGGER event_no_update');
    db.prepare("UPDATE event SET payload = '{}' WHERE seq = 1").run();
    db.close();
    const check = await runCli(['check', file]);
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/BROKEN at event no\. 1/);
  });

  it('refuses foreign and missing files with a clear message and no stack', async () => {
    const foreign = join(dir, 'list.csv');
    writeFileSync(foreign, 'dni;nombre\n01234567;Rosa\n');
    const r = await runCli(['check', foreign]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/list\.csv is not a Minka workshop file/);
    expect(r.err).not.toMatch(/\s+at\s/);
    expect((await runCli(['export', join(dir, 'nope.minka')])).err).toMatch(/not found/);
    expect((await runCli(['check'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['check', foreign, '--bogus'])).code).toBe(2);
  });

  it('speaks Spanish by default and Quechua on request', async () => {
    const es = await runCli(['--help'], 'es');
    expect(es.out).toMatch(/talleres de presupuesto participativo/);
    const quz = await runCli(['--help'], 'quz');
    expect(quz.out).toMatch(/huñunakuykuna/);
  });

  it('runs as the installed bin (npx minka)', () => {
    const bin = resolve(import.meta.dirname, '../../bin/minka.mjs');
    const out = execFileSync(process.execPath, [bin, '--help'], {
      env: { ...process.env, MINKA_LANG: 'en' },
    }).toString();
    expect(out).toMatch(/minka — offline participatory-budgeting workshops/);
    // Each usage line, then what it does on the next (no column pushed off an 80-column screen).
    expect(out).toMatch(/\n {2}demo --out FILE\.minka\n {6}\S/);
  });

  it('runs as the compiled bundle called directly (node dist-node/cli.mjs), with its exit code', () => {
    const bundle = resolve(import.meta.dirname, '../../dist-node/cli.mjs');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [bundle, ...args], { env: { ...process.env, MINKA_LANG: 'en' } });
    expect(run(['--help']).stdout.toString()).toMatch(/minka — offline participatory-budgeting/);
    // Not a PDF: a verdict (exit 1), never silence and exit 0.
    const bad = run(['verify', bundle]);
    expect(bad.status).toBe(1);
    expect(bad.stdout.toString() + bad.stderr.toString()).toMatch(/\S/);
  });
});
