import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../shared/canonical';
import {
  MinutesPayload,
  PAYLOAD_ATTACHMENT,
  SIGNATURE_ATTACHMENT,
  type SignatureFile,
} from '../../shared/minutes/payload';
import { flatText, pageTexts, pdfInfo } from '../platform/pdf/poppler';
import { renderMinutes } from './pdf/minutes';
import type { Db } from '../platform/db';
import { getSealed } from './minutes';
import { tempDir } from '../../test/helpers/tmp';
import { demoDb, seal, votedDb } from '../../test/helpers/minutes-fixture';
import { attachmentStream, editVisibleText, replaceStream } from '../../test/helpers/pdf-tamper';
import { loadOrCreateKey } from '../platform/crypto/keys';
import { findArchived, listArchive } from './seal';
import {
  appendDocumentSignature,
  findDocumentSignature,
  signPayload,
} from '../platform/crypto/sign';
import { verifyMinutesPdf } from './verify';

const { dir, cleanup } = tempDir('minka-minutes-');
let demo: Db;
let voted: Db;
let demoPdf: Buffer;
let votedPdf: Buffer;
const data = join(dir, 'data');

beforeAll(async () => {
  demo = demoDb(dir);
  voted = votedDb(dir);
  demoPdf = await seal(demo, data);
  votedPdf = await seal(voted, data, '2026-05-16T23:00:00Z', { slips: true });
}, 60_000);

afterAll(() => {
  demo.close();
  voted.close();
  cleanup();
});

const verdict = async (pdf: Buffer) => (await verifyMinutesPdf(pdf)).verdict;

describe('sealing', () => {
  it('stores the signed payload and the PDF, and the untouched PDF verifies as authentic', async () => {
    const r = await verifyMinutesPdf(demoPdf);
    expect(r.verdict).toBe('authentic');
    expect(r.checks.every((c) => c.ok)).toBe(true);
    expect(r.checks.map((c) => c.id)).toEqual([
      'attachments',
      'payloadHash',
      'payloadSignature',
      'documentSignature',
      'sameSigner',
      'rendering',
      // Issue 16: the seal's own standard PDF signature (PAdES), checked.
      'pdfSignatures',
    ]);
    const sealed = getSealed(demo);
    expect(sealed?.pdf.equals(demoPdf)).toBe(true);
    expect(r.payloadSha256).toBe(sealed?.payloadSha256);
    expect(r.kind).toBe('minutes');
    const p = MinutesPayload.parse(r.payload);
    expect(p.workshop.municipality).toBe('Municipalidad Distrital de Qollqepata');
    expect(p.rejected.map((x) => x.reason)).toContain('otherLevel');
    expect(p.agreements).toHaveLength(5);
    expect(p.committee.map((m) => m.role)).toEqual([
      'coordinator',
      'secretary',
      'member',
      'member',
      'alternate',
    ]);
    expect(p.matters[0]?.text).toMatch(/minería informal/);
  });

  it('includes the closed round with its entitled snapshot, the criteria matrix and the prioritised list with the envelope cut', async () => {
    const r = await verifyMinutesPdf(votedPdf);
    expect(r.verdict).toBe('authentic');
    const p = MinutesPayload.parse(r.payload);
    const round = p.rounds[0];
    expect(round?.state).toBe('closed');
    expect(round?.entitled?.count).toBe(5);
    expect(round?.items.map((i) => i.votes)).toEqual([5, 4, 3, 2]);
    expect(p.criteria?.rows).toHaveLength(4);
    expect(p.prioritized?.envelopeCents).toBe(1_000_000_00);
    expect(p.prioritized?.items.filter((i) => i.funded).map((i) => i.code)).toEqual([
      'P-001',
      'P-002',
      'P-003',
    ]);
    expect(p.prioritized?.fundedTotalCents).toBe(1_000_000_00);
    // What the reader sees: the envelope line and the amounts, the round's votes.
    const text = flatText(votedPdf);
    expect(text).toContain('LÍNEA DEL TECHO PRESUPUESTAL — S/ 1,000,000.00');
    expect(text).toContain('Priorización de proyectos');
    expect(text).toContain('Matriz de criterios');
    expect(text).toContain('Hoja de firmas');
  });

  it('prints the fingerprint, the key fingerprint and "page x of y" on every page, with the signature sheet and slips', () => {
    const r = getSealed(voted);
    const fp = r ? r.payloadSha256.slice(0, 16).toUpperCase().match(/.{4}/g)?.join('-') : '';
    const pages = pageTexts(votedPdf);
    expect(pages.length).toBe(Number(pdfInfo(votedPdf).get('Pages')));
    pages.forEach((t, i) => {
      expect(t).toContain(`Huella del acta: ${fp}`);
      expect(t).toContain(r?.keyFingerprint ?? '?');
      expect(t).toContain(`Página ${i + 1} de ${pages.length}`);
    });
    expect(pages.at(-1)).toMatch(/talón\s+del asistente/);
    expect(pages.some((t) => /Hoja de firmas[\s\S]*Huella\s+digital/.test(t))).toBe(true);
  });

  it('the QR code on a page reads back as the payload hash and the key fingerprint', () => {
    const tmp = tempDir('minka-qr-');
    try {
      const f = join(tmp.dir, 'a.pdf');
      writeFileSync(f, votedPdf);
      // Page 2 and the last page (a slip page): rendered as a reader's phone would see a print.
      for (const page of [2, Number(pdfInfo(votedPdf).get('Pages'))]) {
        execFileSync('pdftoppm', [
          '-png',
          '-r',
          '150',
          '-f',
          String(page),
          '-l',
          String(page),
          '-singlefile',
          f,
          join(tmp.dir, `p${page}`),
        ]);
        const png = PNG.sync.read(readFileSync(join(tmp.dir, `p${page}.png`)));
        const code = jsQR(
          new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
          png.width,
          png.height,
        );
        const sealed = getSealed(voted);
        expect(code?.data).toBe(
          `MINKA:${sealed?.payloadSha256.toUpperCase()}:${sealed?.keyFingerprint}`,
        );
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('embeds the canonical payload and the signature as attached files', () => {
    // The archived copy in the data folder is the same file.
    expect(
      readFileSync(join(data, 'minutes', getSealed(demo)?.fileName ?? '')).equals(demoPdf),
    ).toBe(true);
    const att = attachmentStream(demoPdf, PAYLOAD_ATTACHMENT).data.toString('utf8');
    expect(att).toBe(getSealed(demo)?.payload);
    expect(canonicalize(JSON.parse(att))).toBe(att);
    const sig = JSON.parse(
      attachmentStream(demoPdf, SIGNATURE_ATTACHMENT).data.toString('utf8'),
    ) as SignatureFile;
    expect(sig.algorithm).toBe('Ed25519');
    expect(sig.publicKey).toBe(getSealed(demo)?.publicKey);
  });

  it('draws the same bytes for the same payload (deterministic), so a reprint is identical', async () => {
    const sealed = getSealed(demo);
    if (!sealed) throw new Error('not sealed');
    const sig = JSON.parse(
      attachmentStream(demoPdf, SIGNATURE_ATTACHMENT).data.toString('utf8'),
    ) as SignatureFile;
    const again = await renderMinutes({
      payload: MinutesPayload.parse(JSON.parse(sealed.payload)),
      canonical: sealed.payload,
      signature: sig,
      fingerprint: sealed.payloadSha256.slice(0, 16).toUpperCase().match(/.{4}/g)?.join('-') ?? '',
    });
    const key = loadOrCreateKey(data, new Date(), null);
    // The Ed25519-signed revision; the PAdES signature (issue 16) follows it as an update.
    const minka = findDocumentSignature(demoPdf);
    const end = demoPdf.length - (minka?.after.length ?? 0);
    expect(
      appendDocumentSignature(again, key.privateKey, key.publicKeyB64).equals(
        demoPdf.subarray(0, end),
      ),
    ).toBe(true);
  });

  it('refuses every write once sealed, in the store itself, and a second seal', async () => {
    const { saveAgreement } = await import('./minutes');
    const { saveSetup, getSetup } = await import('../workshop/workshop');
    const env = { now: () => new Date(), newId: () => 'x1' };
    expect(() => saveAgreement(demo, env, { text: 'tarde', responsible: '', due: '' })).toThrow(
      /SEALED/,
    );
    expect(() => saveSetup(demo, env, { ...getSetup(demo), envelopeCents: 1 })).toThrow(/SEALED/);
    // Below the store: the trigger refuses a raw event insert too.
    expect(() =>
      demo
        .prepare(
          "INSERT INTO event (seq, at, actor, type, payload, prev_hash, hash) VALUES (9999, '', '', 'x', '{}', '', 'h')",
        )
        .run(),
    ).toThrow(/sealed/);
    expect(() => demo.prepare('UPDATE workshop SET sealed_at = NULL').run()).toThrow(/sealed/);
    await expect(seal(demo, data)).rejects.toThrow(/SEALED/);
  });

  it('keeps a copy in the data folder that the short fingerprint typed from paper finds', () => {
    const sealed = getSealed(demo);
    const fp = sealed?.payloadSha256.slice(0, 16).toUpperCase() ?? '';
    expect(listArchive(data).length).toBe(2);
    const typed = `${fp.slice(0, 4).toLowerCase()} ${fp.slice(4, 8)}-${fp.slice(8, 12)}`;
    expect(findArchived(data, typed).map((e) => e.file)).toEqual([sealed?.fileName]);
    expect(findArchived(data, 'ZZ')).toEqual([]);
  });
});

describe('sealing runs the check of `minka check` first', () => {
  // The facilitator edits a table with a raw SQLite tool after the rounds closed: `minka check`
  // flags it, so the seal refuses and names the finding instead of signing the edited value.
  // (The clean files above seal as before.)
  const edits: [string, string, string][] = [
    [
      'the envelope',
      'UPDATE workshop SET envelope_cents = 900000000',
      'workshop 1: envelope_cents differs',
    ],
    [
      'a criterion weight',
      "UPDATE criterion SET weight = 70 WHERE id = 'poverty'",
      'criterion poverty: weight differs',
    ],
    [
      'the votes weight',
      'UPDATE criteria_settings SET votes_weight = 10',
      'criteria_settings 1: votes_weight differs',
    ],
    [
      'a score',
      "UPDATE criterion_score SET score = 10 WHERE criterion_id = 'services'",
      ': score differs',
    ],
  ];
  it.each(edits)(
    'refuses %s edited after the rounds closed, naming the finding',
    async (_, sql, finding) => {
      const db = votedDb(dir, `edited-${edits.findIndex((x) => x[1] === sql)}.minka`);
      try {
        db.exec(sql);
        const err = await seal(db, join(dir, 'data-edited')).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toMatchObject({ code: 'CONFLICT', key: 'minutes.error.inconsistent' });
        expect(String((err as { params: { first: string } }).params.first)).toContain(finding);
        expect(getSealed(db)).toBeNull();
      } finally {
        db.close();
      }
    },
  );
});

describe('no false alarms', () => {
  it('untouched minutes always verify, whatever the text (Quechua ʼ, accents, any Unicode) and amounts (property)', async () => {
    const { createWorkshopDb, openWorkshopDb } = await import('../platform/db');
    const { initWorkshop } = await import('../workshop/workshop');
    const { saveAgreement, saveClosingRemarks, saveMember } = await import('./minutes');
    const { demoSetup } = await import('../demo/demo');
    const { fixedEnv } = await import('../../test/helpers/minutes-fixture');
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
      fc.constantFrom(
        'Ñawpaq rimanakuy: yakuta qʼaytunapaq',
        'Añadir S/ 1,234.50 al canal',
        'Chʼaki mayu — Ccollpa',
      ),
    );
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 0, maxLength: 4 }),
        text,
        fc.nat({ max: 9_000_000_000_00 }),
        fc.boolean(),
        async (agreements, closing, envelope, bilingual) => {
          const file = join(dir, `random-${++n}.minka`);
          const env = fixedEnv();
          createWorkshopDb(file, (d) =>
            initWorkshop(d, env, `random-${n}`, { ...demoSetup(), envelopeCents: envelope }),
          );
          const db = openWorkshopDb(file);
          try {
            for (const a of agreements)
              if (a.trim())
                saveAgreement(db, env, {
                  text: a.normalize('NFC').trim(),
                  // By code point: slice(0, 20) could cut a surrogate pair in half, a lone
                  // surrogate SQLite stores as U+FFFD while the event's JSON keeps it (no text
                  // from a form holds one), and the check before sealing rightly saw them differ.
                  responsible: [...closing].slice(0, 20).join(''),
                  due: '',
                });
            saveClosingRemarks(db, env, closing.normalize('NFC').trim());
            saveMember(db, env, {
              participantId: null,
              name: closing.trim() || 'X',
              dni: '',
              organization: '',
              role: 'member',
            });
            const pdf = await seal(db, data, '2026-05-16T22:40:00Z', { bilingual });
            const r = await verifyMinutesPdf(pdf);
            expect(r.verdict).toBe('authentic');
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);
});

describe('tampering is detected', () => {
  it('flipping any byte of the file is detected (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: demoPdf.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (pos, mask) => {
          const bad = Buffer.from(demoPdf);
          bad[pos] = (bad[pos] ?? 0) ^ mask;
          expect(await verdict(bad)).not.toBe('authentic');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('flipping bytes of the embedded payload or signature is detected (property)', async () => {
    const payload = attachmentStream(demoPdf, PAYLOAD_ATTACHMENT);
    const sig = attachmentStream(demoPdf, SIGNATURE_ATTACHMENT);
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        async (inPayload, at, mask, decoded) => {
          const st = inPayload ? payload : sig;
          let bad: Buffer;
          if (decoded) {
            // Edit the decoded content and re-compress it with a correct /Length.
            const d = Buffer.from(st.data);
            const i = at % d.length;
            d[i] = (d[i] ?? 0) ^ mask;
            bad = replaceStream(demoPdf, st, d);
          } else {
            bad = Buffer.from(demoPdf);
            const i = st.dataStart + (at % st.length);
            bad[i] = (bad[i] ?? 0) ^ mask;
          }
          expect(await verdict(bad)).not.toBe('authentic');
        },
      ),
      { numRuns: 120 },
    );
  });

  it('truncating the file anywhere is detected (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: demoPdf.length - 1 }), async (n) => {
        expect(await verdict(demoPdf.subarray(0, n))).not.toBe('authentic');
      }),
      { numRuns: 80 },
    );
  });

  it('editing an amount in the payload is detected, even with the recorded hash updated', async () => {
    const st = attachmentStream(votedPdf, PAYLOAD_ATTACHMENT);
    const text = st.data.toString('utf8');
    const edited = text.replace(
      /"amountCents":(\d+)/,
      (_m, n: string) => `"amountCents":${Number(n) + 100_000_00}`,
    );
    expect(edited).not.toBe(text);
    const r1 = await verifyMinutesPdf(replaceStream(votedPdf, st, Buffer.from(edited, 'utf8')));
    expect(r1.verdict).toBe('tampered');
    expect(r1.checks.find((c) => c.id === 'payloadHash')?.ok).toBe(false);
    expect(r1.payload).toBeNull();
    // Also rewrite signature.json's hash to match: the signature still fails.
    const { createHash } = await import('node:crypto');
    const step1 = replaceStream(votedPdf, st, Buffer.from(edited, 'utf8'));
    const sigSt = attachmentStream(step1, SIGNATURE_ATTACHMENT);
    const sig = JSON.parse(sigSt.data.toString('utf8')) as SignatureFile;
    sig.payloadSha256 = createHash('sha256').update(edited).digest('hex');
    const r2 = await verifyMinutesPdf(
      replaceStream(step1, sigSt, Buffer.from(JSON.stringify(sig, null, 2) + '\n')),
    );
    expect(r2.verdict).toBe('tampered');
    expect(r2.checks.find((c) => c.id === 'payloadSignature')?.ok).toBe(false);
  });

  it('editing a visible amount on a page (attachment intact) is detected', async () => {
    const bad = editVisibleText(demoPdf, '3,850,000', '9,850,000');
    expect(bad).not.toBeNull();
    if (!bad) return;
    // The edit is real: a reader now sees another envelope.
    expect(flatText(bad)).toContain('9,850,000');
    expect(
      attachmentStream(bad, PAYLOAD_ATTACHMENT).data.equals(
        attachmentStream(demoPdf, PAYLOAD_ATTACHMENT).data,
      ),
    ).toBe(true);
    const r = await verifyMinutesPdf(bad);
    expect(r.verdict).toBe('tampered');
    expect(r.checks.find((c) => c.id === 'documentSignature')?.ok).toBe(false);
  });

  it('pages drawn from the payload are compared: a document re-signed by the same key with edited pages fails', async () => {
    // Someone holding the key prints pages that differ from the signed payload.
    const key = loadOrCreateKey(data, new Date(), null);
    const body = demoPdf.subarray(
      0,
      demoPdf.length - (demoPdf.length - demoPdf.lastIndexOf('%MINKA-SIGNATURE')),
    );
    const edited = editVisibleText(body, '3,850,000', '9,850,000');
    if (!edited) throw new Error('no edit');
    const r = await verifyMinutesPdf(
      appendDocumentSignature(edited, key.privateKey, key.publicKeyB64),
    );
    expect(r.checks.find((c) => c.id === 'documentSignature')?.ok).toBe(true);
    expect(r.checks.find((c) => c.id === 'rendering')?.ok).toBe(false);
    expect(r.verdict).toBe('tampered');
  });

  it('swapping in the signatures of other minutes is detected', async () => {
    const a = attachmentStream(demoPdf, SIGNATURE_ATTACHMENT);
    const b = JSON.parse(
      attachmentStream(votedPdf, SIGNATURE_ATTACHMENT).data.toString('utf8'),
    ) as SignatureFile;
    const sig = JSON.parse(a.data.toString('utf8')) as SignatureFile;
    expect(
      await verdict(
        replaceStream(
          demoPdf,
          a,
          Buffer.from(JSON.stringify({ ...sig, signature: b.signature }, null, 2) + '\n'),
        ),
      ),
    ).toBe('tampered');
    // The trailer of another document over this one's bytes.
    const trailerB = votedPdf.subarray(votedPdf.lastIndexOf('%MINKA-SIGNATURE'));
    const bodyA = demoPdf.subarray(0, demoPdf.lastIndexOf('%MINKA-SIGNATURE'));
    expect(await verdict(Buffer.concat([bodyA, trailerB]))).toBe('tampered');
  });

  it('minutes forged with another key verify only as that key: the key fingerprint tells them apart', async () => {
    const other = tempDir('minka-other-key-');
    try {
      const sealed = getSealed(demo);
      if (!sealed) throw new Error('not sealed');
      const key = loadOrCreateKey(other.dir, new Date(), null);
      const payload = MinutesPayload.parse(JSON.parse(sealed.payload));
      const forged = {
        ...payload,
        signer: { publicKey: key.publicKeyB64, keyFingerprint: key.keyFingerprint },
        workshop: { ...payload.workshop, envelopeCents: 9_850_000_00 },
      };
      const s = signPayload(forged, key.privateKey);
      const sig: SignatureFile = {
        format: 'minka-signature',
        version: 2,
        algorithm: 'Ed25519',
        publicKey: key.publicKeyB64,
        signature: s.signature,
        payloadSha256: s.payloadSha256,
      };
      const pdf = appendDocumentSignature(
        await renderMinutes({
          payload: forged,
          canonical: s.canonical,
          signature: sig,
          fingerprint: s.fingerprint,
        }),
        key.privateKey,
        key.publicKeyB64,
      );
      const r = await verifyMinutesPdf(pdf);
      expect(r.verdict).toBe('authentic');
      expect(r.keyFingerprint).not.toBe(sealed.keyFingerprint);
      expect(r.fingerprint).not.toBe((await verifyMinutesPdf(demoPdf)).fingerprint);
    } finally {
      other.cleanup();
    }
  });

  it('gives clear verdicts for files that are not minutes', async () => {
    expect(await verdict(Buffer.from('hola, no soy un PDF'))).toBe('malformed');
    expect(await verdict(Buffer.alloc(0))).toBe('malformed');
    const { renderAttendanceSheet } = await import('../attendance/attendance-sheet');
    const plain = await renderAttendanceSheet(
      {
        municipality: 'M',
        title: 'T',
        fiscalYear: 2027,
        venue: { name: 'S', place: 'P', date: '2026-05-14' },
        rows: [],
        blankRows: 2,
      },
      { lang: 'es', createdAt: new Date(0) },
    );
    expect(await verdict(plain)).toBe('notMinutes');
    expect(
      await verdict(Buffer.concat([Buffer.from('%PDF-1.3\n'), Buffer.alloc(26 * 1024 * 1024)])),
    ).toBe('tooLarge');
    // Attachments stripped (the trailer kept): tampered, not "not minutes".
    const stripped = Buffer.from(
      demoPdf.toString('latin1').replace(/\/Type \/Filespec/g, '/Type /Filespot'),
      'latin1',
    );
    expect(await verdict(stripped)).toBe('tampered');
    // The document signature removed: the content still verifies, the pages are not covered.
    expect(await verdict(demoPdf.subarray(0, demoPdf.lastIndexOf('%MINKA-SIGNATURE')))).toBe(
      'unsigned',
    );
  });
});
