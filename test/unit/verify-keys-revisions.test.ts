// Verification that does not rest on the operator (issue 15): which key signed, whether the
// file is the one on the person's paper, and what other programs did to the PDF afterwards
// (an official's digital signature appended, an annotation or an overlay appended, a re-save).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../shared/fingerprint';
import { getSealed } from '../../electron/minutes/minutes';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { PdfDoc, scanObjects } from '../../electron/minutes/pdf-objects';
import { runCli } from '../helpers/cli';
import { seal, votedDb } from '../helpers/minutes-fixture';
import {
  addAnnotation,
  addDigitalSignature,
  addOverlay,
  replaceQrForm,
} from '../helpers/pdf-update';
import { tempDir } from '../helpers/tmp';
import { loadOrCreateKey } from '../../electron/platform/crypto/keys';
import { cosignWithOpenssl, makeP12 } from '../helpers/pades';

describe('keys and the fingerprint on paper (issue 15)', () => {
  const a = tempDir('minka-key-a-');
  const b = tempDir('minka-key-b-');
  let pdfA: Buffer = Buffer.alloc(0);
  let pdfB: Buffer = Buffer.alloc(0);
  let fileA = '';
  let fileB = '';
  let keyA = '';
  let keyB = '';
  let fpA = '';

  beforeAll(async () => {
    // The same workshop sealed twice: by the municipality's key (A) and by another key (B).
    const dbA = votedDb(a.dir);
    pdfA = await seal(dbA, a.dir, undefined, { holder: 'Rosa Huamán Quispe' });
    keyA = getSealed(dbA)?.keyFingerprint ?? '';
    fpA = fingerprint(getSealed(dbA)?.payloadSha256 ?? '');
    dbA.close();
    const dbB = votedDb(b.dir);
    pdfB = await seal(dbB, b.dir);
    keyB = getSealed(dbB)?.keyFingerprint ?? '';
    dbB.close();
    fileA = join(a.dir, 'acta-a.pdf');
    fileB = join(b.dir, 'acta-b.pdf');
    writeFileSync(fileA, pdfA);
    writeFileSync(fileB, pdfB);
  }, 120_000);
  afterAll(() => {
    a.cleanup();
    b.cleanup();
  });

  it('the Acta prints a key card: municipality, facilitator, key fingerprint, created', () => {
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', fileA, '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(text).toContain('Clave de firma de esta acta');
    expect(text).toContain('Rosa Huamán Quispe');
    expect(text).toContain(keyA);
    // The chain head is grouped like every other fingerprint.
    expect(text).toMatch(/cabeza [0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/);
  });

  it('the same workshop signed by a second key is reported as a different key', async () => {
    const own = await runCli(['verify', fileA, '--data', a.dir], 'en');
    expect(own.code).toBe(0);
    expect(own.out).toContain("this computer's own key");
    const other = await runCli(['verify', fileB, '--data', a.dir], 'en');
    // Signed correctly, so the signature checks pass; the key is said loudly.
    expect(other.out + other.err).toContain(`DIFFERENT KEY`);
    expect(other.out + other.err).toContain(keyA);
    const json = JSON.parse((await runCli(['verify', fileB, '--data', a.dir, '--json'])).out) as {
      key: { status: string; otherKey: string };
    };
    expect(json.key).toMatchObject({ status: 'different', otherKey: keyA });
    // Stating the expected key makes the difference an error.
    const withKey = await runCli(['verify', fileB, '--data', a.dir, '--key', keyA], 'en');
    expect(withKey.code).toBe(1);
    expect(withKey.err).toContain('The key is NOT the one expected');
    expect(
      (await runCli(['verify', fileA, '--data', a.dir, '--key', keyA.toLowerCase()])).code,
    ).toBe(0);
    // Where nothing is known about the municipality: not in this folder's keys, named as such.
    const fresh = tempDir('minka-key-c-');
    try {
      const r = await runCli(['verify', fileB, '--data', fresh.dir], 'en');
      expect(r.out + r.err).toContain(
        `KEY NOT REGISTERED HERE ${keyB}: the data folder ${fresh.dir} holds no key at all`,
      );
      expect(r.out + r.err).not.toContain('NEW KEY');
    } finally {
      fresh.cleanup();
    }
  });

  // misc28: the Acta sealed with the web host's folder (--data A), verified on the same
  // computer without --data: the CLI looked in the default folder and said "NEW KEY".
  it('without --data: the folder consulted is named, and a key it lacks is not called new', async () => {
    const home = tempDir('minka-key-default-');
    const other = tempDir('minka-key-other-');
    const was = process.env['MINKA_DATA'];
    try {
      process.env['MINKA_DATA'] = home.dir;
      for (const lang of ['es', 'en', 'quz'] as const) {
        const r = await runCli(['verify', fileA], lang);
        expect(r.code).toBe(0);
        expect(r.out).toContain(home.dir);
        expect(r.out).not.toMatch(/CLAVE NUEVA|NEW KEY|MUSUQ LLAVE/);
      }
      const es = await runCli(['verify', fileA], 'es');
      expect(es.out).toContain(
        `CLAVE NO REGISTRADA AQUÍ ${keyA}: la carpeta de datos ${home.dir} no tiene ninguna clave`,
      );
      expect(es.out).toContain('--data CARPETA');
      expect(es.out).toContain(
        `Claves consultadas: las de la carpeta de datos ${home.dir} (de $MINKA_DATA).`,
      );
      // A folder with a key of its own, but not this one: "not among the keys of" that folder.
      loadOrCreateKey(other.dir, new Date('2026-05-01T12:00:00Z'), null);
      const en = await runCli(['verify', fileA, '--data', other.dir], 'en');
      expect(en.out).toContain(
        `KEY NOT REGISTERED HERE ${keyA}: it is not among the keys of the data folder ${other.dir}`,
      );
      expect(en.out).toContain(
        `Keys consulted: those of the data folder ${other.dir} (given with --data).`,
      );
      // The folder it was sealed with: its own key, and the folder named.
      const own = await runCli(['verify', fileA, '--data', a.dir], 'en');
      expect(own.out).toContain("this computer's own key");
      expect(own.out).toContain(
        `Keys consulted: those of the data folder ${a.dir} (given with --data).`,
      );
      const json = JSON.parse((await runCli(['verify', fileA, '--json'])).out) as {
        key: { status: string };
        keyring: { dir: string; source: string; empty: boolean };
      };
      expect(json.key.status).toBe('new');
      expect(json.keyring).toEqual({ dir: home.dir, source: 'env', empty: true });
    } finally {
      if (was === undefined) delete process.env['MINKA_DATA'];
      else process.env['MINKA_DATA'] = was;
      home.cleanup();
      other.cleanup();
    }
  });

  it('a key trusted from another Acta is known, with where it was first seen', async () => {
    const trust = await runCli(
      ['keys', '--trust', fileB, '--data', a.dir, '--label', 'Prueba'],
      'en',
    );
    expect(trust.code).toBe(0);
    const r = await runCli(['verify', fileB, '--data', a.dir, '--json']);
    expect(JSON.parse(r.out)).toMatchObject({
      key: { status: 'known', firstSeen: 'acta-b.pdf', label: 'Prueba' },
    });
    const typed = await runCli(['keys', '--trust-fingerprint', 'zz-12', '--data', a.dir], 'en');
    expect(typed.code).toBe(1);
    expect(typed.err).toContain('is not a key fingerprint');
  });

  it('--fingerprint: as typed from paper (any case, dashes or not); fewer than 16 digits is a weak match', async () => {
    const two = fpA.split('-').slice(0, 2).join('').toLowerCase();
    const ok = await runCli(['verify', fileA, '--data', a.dir, '--fingerprint', two], 'en');
    expect(ok.code).toBe(0);
    // Two groups match, but 32 bits can be forged by trying: said so, and no tick beside it.
    expect(ok.out).toContain('but only in 8 of 16 digits');
    expect(ok.out).not.toMatch(/✓[^\n]*8 of 16/);
    const whole = await runCli(['verify', fileA, '--data', a.dir, '--fingerprint', fpA], 'en');
    expect(whole.code).toBe(0);
    expect(whole.out).toContain('it is the minutes you hold');
    const bad = await runCli(['verify', fileB, '--data', a.dir, '--fingerprint', fpA], 'en');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('it is NOT the minutes you hold');
    // One group is not enough to say anything.
    expect(
      (await runCli(['verify', fileA, '--data', a.dir, '--fingerprint', fpA.slice(0, 4)])).code,
    ).toBe(1);
  });
});

describe('minka check --fingerprint with what the Acta prints (issue 15)', () => {
  const t = tempDir('minka-check-fp-');
  afterAll(() => t.cleanup());

  it('accepts the minutes fingerprint as printed, or the chain head grouped or not, and says which matched', async () => {
    const db = votedDb(t.dir, 'w.minka');
    await seal(db, t.dir);
    const sealed = getSealed(db);
    const head =
      (db.prepare('SELECT payload FROM minutes WHERE id = 1').pluck().get() as string).match(
        /"head":"([0-9a-f]{64})"/,
      )?.[1] ?? '';
    db.close();
    const file = join(t.dir, 'w.minka');
    const minutesFp = fingerprint(sealed?.payloadSha256 ?? '');
    const asPrinted = await runCli(['check', file, '--fingerprint', minutesFp], 'en');
    expect(asPrinted.code).toBe(0);
    expect(asPrinted.out).toContain(
      `The fingerprint ${minutesFp} is this workshop's sealed minutes`,
    );
    const json = JSON.parse(
      (await runCli(['check', file, '--fingerprint', minutesFp.toLowerCase(), '--json'])).out,
    ) as {
      anchor: { matched: string };
    };
    expect(json.anchor.matched).toBe('minutes');
    for (const typed of [fingerprint(head), head.slice(0, 16), head.slice(0, 16).toUpperCase()]) {
      const r = await runCli(['check', file, '--fingerprint', typed], 'en');
      expect(r.code, typed).toBe(0);
      expect(r.out).toContain(`The fingerprint ${fingerprint(head)} is the event chain's`);
    }
    const short = await runCli(['check', file, '--fingerprint', head.slice(0, 8)], 'en');
    expect(short.code).toBe(0);
    expect(short.out).toContain('only 8 of 16 digits were compared');
    const wrong = await runCli(['check', file, '--fingerprint', '0000-1111-2222-3333'], 'en');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('is NOT in the record');
  }, 120_000);
});

describe('what other programs do to the PDF afterwards (issue 15)', () => {
  const t = tempDir('minka-revisions-');
  let pdf: Buffer = Buffer.alloc(0);
  beforeAll(async () => {
    const db = votedDb(t.dir);
    pdf = await seal(db, t.dir);
    db.close();
  }, 120_000);
  afterAll(() => t.cleanup());

  const qpdf = (input: Buffer, args: string[] = []) => {
    const i = join(t.dir, 'in.pdf');
    const o = join(t.dir, 'out.pdf');
    writeFileSync(i, input);
    try {
      execFileSync('qpdf', [...args, i, o], { stdio: 'pipe' });
    } catch (e) {
      // qpdf exits 3 on warnings and still writes the file.
      if ((e as { status?: number }).status !== 3) throw e;
    }
    return readFileSync(o);
  };

  it('an incremental update that only adds a digital signature keeps "authentic", and is listed', async () => {
    // A real CMS signature made by another program (OpenSSL, a hand-written update, as ReFirma
    // writes one): the signer is read from its certificate.
    const juan = makeP12('JUAN PEREZ QUISPE', 'Prueba', 'x');
    const signed = cosignWithOpenssl(pdf, juan, 'JUAN PEREZ QUISPE');
    const r = await verifyMinutesPdf(signed);
    expect(r.verdict).toBe('authentic');
    expect(r.revisions).toEqual([{ kind: 'signature', page: null, subject: 'JUAN PEREZ QUISPE' }]);
    const file = join(t.dir, 'firmada.pdf');
    writeFileSync(file, signed);
    const cli = await runCli(['verify', file, '--data', t.dir], 'en');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('A digital signature by JUAN PEREZ QUISPE was added later.');
    // Bytes were added (an official's signature): not "no byte changed", but what they are.
    expect(cli.out).not.toContain('no byte changed');
    expect(cli.out).toContain(
      '✓ The document signature is valid for what Minka sealed: none of those bytes changed. Only digital signatures (1) were added after it, listed below.',
    );
    expect(cli.out).toContain(
      '✓ The pages Minka sealed are identical to those redrawn from the signed content.',
    );
    const es = await runCli(['verify', file, '--data', t.dir], 'es');
    expect(es.out).not.toContain('ningún byte cambió');
    expect(es.out).toContain(
      '✓ La firma del documento es válida para lo que Minka selló: ninguno de esos bytes cambió. Después solo se añadieron firmas digitales (1), que se listan abajo.',
    );
    const quz = await runCli(['verify', file, '--data', t.dir], 'quz');
    expect(quz.out).toContain('✓ Documentoq firmanqa Minka sellasqanpaq allinmi');
    const ana = makeP12('MAMANI QUISPE Ana FIR 40000001 hard', 'Prueba', 'x');
    // Two signatures, one after the other, as a second official would add.
    const twice = await verifyMinutesPdf(cosignWithOpenssl(signed, ana, 'ANA'));
    expect(twice.verdict).toBe('authentic');
    expect(twice.revisions.map((x) => x.subject)).toEqual([
      'JUAN PEREZ QUISPE',
      'MAMANI QUISPE Ana FIR 40000001 hard',
    ]);
    // Since issue 16 a signature must hold: one whose CMS does not cover its byte range (here
    // zeros) says the file changed after it.
    const fake = await verifyMinutesPdf(addDigitalSignature(pdf, 'X'));
    expect(fake.verdict).toBe('tampered');
    expect(fake.checks.find((c) => c.id === 'pdfSignatures')?.ok).toBe(false);
  });

  it('an annotation or an overlay added later: "authentic minutes, altered afterwards", naming the page', async () => {
    const annotated = addAnnotation(pdf, 2, 'S/ 9,000,000');
    const r = await verifyMinutesPdf(annotated);
    expect(r.verdict).toBe('alteredAfter');
    expect(r.ok).toBe(false);
    expect(r.changedPages).toEqual([2]);
    expect(r.revisions).toContainEqual({ kind: 'annotation', page: 2, subject: 'Revisor' });
    const file = join(t.dir, 'anotada.pdf');
    writeFileSync(file, annotated);
    const cli = await runCli(['verify', file, '--data', t.dir], 'en');
    expect(cli.code).toBe(1);
    expect(cli.err).toContain('AUTHENTIC MINUTES, ALTERED AFTERWARDS');
    expect(cli.err).toContain('An annotation was added later on page 2.');
    // The page comparison passed, but beside this verdict it is a note, not a tick (as on the
    // Verify screen: one rule, shared/minutes/check-tone.ts).
    expect(cli.err).not.toContain('✓ The pages');
    expect(cli.err).toMatch(/○ The pages Minka sealed[^\n]*the answer is the verdict above/);
    // Nor a tick on the document signature ("no byte changed" was printed beside this verdict):
    // it holds over what Minka sealed, and something else was added after it.
    expect(cli.err).not.toContain('no byte changed');
    expect(cli.err).toContain(
      '○ The document signature is valid for what Minka sealed: none of those bytes changed. But something that is not a signature was added to the file after it (described below). (This only says what was sealed is intact; the answer is the verdict above.)',
    );
    const es = await runCli(['verify', file, '--data', t.dir], 'es');
    expect(es.err).toContain('ALTERADA');
    expect(es.err).not.toMatch(/✓ [^\n]*(ningún byte|idénticas)/);
    expect(es.err).toContain(
      '○ La firma del documento es válida para lo que Minka selló: ninguno de esos bytes cambió. Pero después se añadió al archivo algo que no es una firma (se describe abajo).',
    );
    const quz = await runCli(['verify', file, '--data', t.dir], 'quz');
    expect(quz.err).not.toMatch(/✓ Documentoq firmanqa/);
    const overlay = await verifyMinutesPdf(addOverlay(pdf, 1));
    expect(overlay.verdict).toBe('alteredAfter');
    expect(overlay.revisions).toContainEqual({ kind: 'pageContent', page: 1, subject: '' });
    // A signature on top of an annotation does not make it authentic again.
    const x = makeP12('X', 'Prueba', 'x');
    expect((await verifyMinutesPdf(cosignWithOpenssl(annotated, x, 'X'))).verdict).toBe(
      'alteredAfter',
    );
  });

  it('the QR form every page places, redefined in a later update: altered afterwards, every page named', async () => {
    const pages = new PdfDoc(scanObjects(pdf, Date.now() + 10_000)).pages().length;
    expect(pages).toBeGreaterThan(1);
    const r = await verifyMinutesPdf(replaceQrForm(pdf));
    expect(r.verdict).toBe('alteredAfter');
    expect(r.changedPages).toEqual(Array.from({ length: pages }, (_x, i) => i + 1));
  });

  it('a re-save through qpdf is diagnosed as a re-save, with object streams too; never "could not be read"', async () => {
    for (const args of [
      [],
      ['--object-streams=generate'],
      ['--object-streams=generate', '--compress-streams=y'],
    ]) {
      const r = await verifyMinutesPdf(qpdf(pdf, args));
      expect(r.verdict, args.join(' ')).toBe('resaved');
      expect(r.ok).toBe(true);
      expect(r.checks.find((c) => c.id === 'payloadSignature')?.ok).toBe(true);
    }
    const changed = await verifyMinutesPdf(
      qpdf(addAnnotation(pdf, 3, 'otro'), ['--object-streams=generate']),
    );
    expect(changed.verdict).toBe('resavedDiffers');
    expect(changed.changedPages).toEqual([3]);
    const file = join(t.dir, 'resaved.pdf');
    writeFileSync(file, qpdf(pdf));
    const cli = await runCli(['verify', file, '--data', t.dir], 'en');
    expect(cli.code).toBe(0);
    expect(cli.out).toContain('RE-SAVED BY ANOTHER PROGRAM: CONTENT INTACT');
  });
});
