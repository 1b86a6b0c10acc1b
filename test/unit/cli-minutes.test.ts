import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const { dir, cleanup } = tempDir('minka-cli-minutes-');
const file = join(dir, 'demo.minka');
const pdf = join(dir, 'acta.pdf');
const data = join(dir, 'data');

beforeAll(async () => {
  expect((await runCli(['demo', '--out', file])).code).toBe(0);
  const r = await runCli(['seal', file, '--out', pdf, '--data', data, '--slips']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(
    /Minutes sealed and written to .*acta\.pdf\. Fingerprint: [0-9A-F]{4}(-[0-9A-F]{4}){3}/,
  );
}, 120_000);
afterAll(cleanup);

describe('minka seal / verify / check', () => {
  it('verify: exit 0 for the sealed PDF, with the fingerprints and every check', async () => {
    const r = await runCli(['verify', pdf]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('AUTHENTIC');
    expect(r.out).toMatch(/Minutes fingerprint: [0-9A-F-]{19} · signer's key: [0-9A-F-]{19}/);
    expect(r.out).toContain(
      '✓ The pages redrawn from the signed content are identical to the file.',
    );
    expect(r.out).toContain('Municipalidad Distrital de Qollqepata · 2027');
    // The seal's day as dd/mm/yyyy in every language (a Spanish month name in Quechua was the bug).
    expect(r.out).toMatch(/· sealed \d{2}\/\d{2}\/\d{4} ·/);
    const quz = await runCli(['verify', pdf], 'quz');
    expect(quz.out).toMatch(/· \d{2}\/\d{2}\/\d{4} sellasqa ·/);
    expect(quz.out).not.toMatch(
      / de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|setiembre|octubre|noviembre|diciembre) de /,
    );
    const j = await runCli(['verify', pdf, '--json']);
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.out) as {
      ok: boolean;
      verdict: string;
      kind: string;
      payload: { format: string };
    };
    expect(parsed).toMatchObject({
      ok: true,
      verdict: 'authentic',
      kind: 'minutes',
      payload: { format: 'minka-minutes' },
    });
  });

  it('verify: exit 1 for a tampered copy, saying what failed; exit 1 for a file that is not minutes', async () => {
    const bytes = Buffer.from(readFileSync(pdf));
    const at = bytes.indexOf('/Type /Page') + 3;
    bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    const bad = join(dir, 'bad.pdf');
    writeFileSync(bad, bytes);
    const r = await runCli(['verify', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('TAMPERED');
    expect(r.err).toContain('✗ The whole-document signature is NOT valid: the file was changed.');
    const j = await runCli(['verify', bad, '--json']);
    expect(j.code).toBe(1);
    expect((JSON.parse(j.out) as { verdict: string }).verdict).toBe('tampered');
    const txt = join(dir, 'note.pdf');
    writeFileSync(txt, 'not a pdf at all');
    const n = await runCli(['verify', txt]);
    expect(n.code).toBe(1);
    expect(n.err).toContain('UNREADABLE FILE');
    const missing = await runCli(['verify', join(dir, 'nope.pdf')]);
    expect(missing.code).toBe(1);
  });

  it('export carries the agreements, the committee and the sealed minutes with their signature', async () => {
    const r = await runCli(['export', file]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      agreements: unknown[];
      committee: unknown[];
      minutes: { fingerprint: string; algorithm: string; payload: { format: string } } | null;
    };
    expect(doc.agreements.length).toBeGreaterThan(0);
    expect(doc.committee.length).toBe(5);
    expect(doc.minutes?.algorithm).toBe('Ed25519');
    expect(doc.minutes?.payload.format).toBe('minka-minutes');
    expect(r.out).not.toContain('"pdf"');
  });

  it('usage mistakes exit 2', async () => {
    expect((await runCli(['verify'])).code).toBe(2);
    expect((await runCli(['verify', pdf, '--bogus'])).code).toBe(2);
    expect((await runCli(['seal', file])).code).toBe(2);
    expect((await runCli(['seal', file, '--out', pdf, '--lang', 'fr'])).code).toBe(2);
  });

  it('seal on a sealed workshop writes the sealed PDF again, byte for byte', async () => {
    const again = join(dir, 'again.pdf');
    const r = await runCli(['seal', file, '--out', again, '--data', data]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('already sealed');
    expect(readFileSync(again).equals(readFileSync(pdf))).toBe(true);
  });

  it('check: a sealed workshop is intact; an amount or an agreement edited in the database afterwards is found', async () => {
    const ok = await runCli(['check', file]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Sealed minutes [0-9A-F-]{19}: intact/);
    const copy = join(dir, 'edited.minka');
    writeFileSync(copy, readFileSync(file));
    // A row changed with an SQLite tool, bypassing Minka (and so the event log).
    const db = new Database(copy);
    db.prepare("UPDATE agreement SET text = 'Otro acuerdo' WHERE position = 0").run();
    db.close();
    const r = await runCli(['check', copy]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('The database was edited after sealing: agreements changed.');
    const j = await runCli(['check', copy, '--json']);
    expect(JSON.parse(j.out)).toMatchObject({ ok: false, minutes: { sealed: true, ok: false } });
    const copy2 = join(dir, 'edited2.minka');
    writeFileSync(copy2, readFileSync(file));
    const db2 = new Database(copy2);
    db2
      .prepare(
        "UPDATE proposal SET estimated_cost_cents = estimated_cost_cents + 100 WHERE code = 'P-001'",
      )
      .run();
    db2.close();
    const r2 = await runCli(['check', copy2]);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/edited after sealing: .*proposals/);
  });
});
