// Issue 18: the fonts are parsed once per process and shared by every document. fontkit keeps
// the first glyph object it made for each glyph id, with the code points of that first use;
// pdfkit wrote those into the Acta's ToUnicode map. An Acta drawn after other prints (the app
// printing lists, then sealing) then differed from the same Acta redrawn in a fresh process,
// and a verifier would have called a genuine Acta tampered. The pages may not depend on what
// the process drew before.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createDocument, FONT, toBuffer } from './document';
import { fontSharing } from './font-cache';
import { renderMinutes } from '../../minutes/pdf/minutes';
import { getSealed } from '../../minutes/minutes';
import { MinutesPayload, type SignatureFile } from '../../../shared/minutes/payload';
import { fingerprint } from '../../../shared/fingerprint';
import { demoDb, seal } from '../../../test/helpers/minutes-fixture';
import { tempDir } from '../../../test/helpers/tmp';

describe('an Acta drawn after other documents', () => {
  it('is the same bytes as drawn with fonts no other document touched', async () => {
    // First, before anything else in this process: text whose glyphs fontkit reaches through
    // composites and decompositions (Ñ, Á, the modifier apostrophe) before their plain letters.
    const doc = createDocument({
      title: 'T',
      lang: 'es',
      layout: 'portrait',
      createdAt: new Date('2026-05-16T22:40:00Z'),
    });
    doc.font(FONT.bold).fontSize(9).text('Ñ Á É Í Ó Ú Ü ñ á é í ó ú ü Qʼ ’ — «»');
    doc.font(FONT.regular).fontSize(9).text('Ñ Á É Í Ó Ú Ü ñ á é í ó ú ü Qʼ ’ — «»');
    await toBuffer(doc);

    const { dir, cleanup } = tempDir();
    try {
      const db = demoDb(dir);
      await seal(db, join(dir, 'data'));
      const s = getSealed(db);
      db.close();
      if (!s) throw new Error('not sealed');
      const signature: SignatureFile = {
        format: 'minka-signature',
        version: 2,
        algorithm: 'Ed25519',
        publicKey: s.publicKey,
        signature: s.signature,
        payloadSha256: s.payloadSha256,
      };
      const input = {
        payload: MinutesPayload.parse(JSON.parse(s.payload)),
        canonical: s.payload,
        signature,
        fingerprint: fingerprint(s.payloadSha256),
      };
      const shared = await renderMinutes(input);
      // Fonts parsed for this document alone: what a fresh process draws.
      fontSharing.enabled = false;
      const fresh = await renderMinutes(input);
      expect(shared.equals(fresh)).toBe(true);
    } finally {
      fontSharing.enabled = true;
      cleanup();
    }
  }, 120_000);
});
