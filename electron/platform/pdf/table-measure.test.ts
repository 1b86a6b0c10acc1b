// Issue 18 made the Acta cheaper to draw: each table cell measured once (line counts, with a
// width-only check for one-line cells), the fonts parsed and the words shaped once per
// process. A sealed Acta is verified by drawing it again and comparing bytes, so none of this
// may move a single byte: every render here is compared with pdfkit's own, unoptimised path.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createDocument, FONT, toBuffer } from './document';
import { fontSharing } from './font-cache';
import { renderMinutes } from '../../minutes/pdf/minutes';
import { Table, tableMeasure, type Column } from './table';
import { getSealed } from '../../minutes/minutes';
import { MinutesPayload, type SignatureFile } from '../../../shared/minutes/payload';
import { fingerprint } from '../../../shared/fingerprint';
import { demoDb, seal } from '../../../test/helpers/minutes-fixture';
import { tempDir } from '../../../test/helpers/tmp';

const AT = new Date('2026-05-16T22:40:00Z');

function setOptimised(on: boolean): void {
  tableMeasure.fastPath = on;
  fontSharing.enabled = on;
}

afterEach(() => setOptimised(true));

interface Row {
  name: string;
  note: string;
}

/** Cells that fit, that sit at the edge of their column, wrap, break, or hit the row limit. */
function tableRows(): Row[] {
  const rows: Row[] = [];
  const words = ['Qʼuyllur', 'Ñahui', 'Huamán', 'CCORI', 'Pacchanta', 'Sinakara', 'a', 'WWWW'];
  for (let i = 0; i < 240; i++) {
    const n = 1 + (i % 13);
    const name = Array.from({ length: n }, (_, k) => words[(i + k) % words.length]).join(' ');
    const note =
      i % 9 === 0
        ? `línea uno\nlínea dos ${i}`
        : i % 11 === 0
          ? `  espacios ${i}  `
          : i % 7 === 0
            ? `agua\u00adpotable ${'x'.repeat(i % 40)}`
            : `${'M'.repeat(i % 30)}${i}`;
    rows.push({ name, note });
  }
  return rows;
}

async function drawTable(): Promise<Buffer> {
  const doc = createDocument({ title: 'T', lang: 'es', layout: 'portrait', createdAt: AT });
  const columns: Column<Row>[] = [
    { header: { main: 'Nombre', second: 'Suti' }, weight: 3, text: (r) => r.name, bold: true },
    { header: { main: 'Observación larguísima', second: null }, weight: 1.4, text: (r) => r.note },
    {
      header: { main: 'N.º', second: null },
      weight: 0.7,
      align: 'right',
      text: (r) => r.note.slice(0, 9),
    },
    {
      header: { main: 'DNI', second: null },
      weight: 0.9,
      align: 'center',
      text: (r) =>
        r.name.length % 3 ? String(40_000_000 + r.name.length * 7919) : r.name.slice(0, 12),
    },
    { header: { main: 'Huella', second: 'Dedo' }, weight: 1, square: 30 },
  ];
  doc.font(FONT.regular).fontSize(10).text('Antes de la tabla');
  const t = new Table(
    doc,
    columns,
    { fontSize: 8.5, headerSize: 8, padding: 3.5, minRowHeight: 17, maxRowHeight: 48 },
    '(continúa)',
  );
  tableRows().forEach((r, i) => {
    if (i % 25 === 0) t.group(`Comunidad ${i / 25 + 1}`);
    t.row(r);
  });
  t.end(8, 40);
  doc.text('Después de la tabla');
  return toBuffer(doc);
}

describe('drawing with measures done once gives the very same bytes', () => {
  it('a table of cells that fit, sit at the edge, wrap, break and are cut', async () => {
    setOptimised(false);
    const reference = await drawTable();
    setOptimised(true);
    const cold = await drawTable();
    const warm = await drawTable();
    expect(cold.equals(reference)).toBe(true);
    expect(warm.equals(reference)).toBe(true);
  });

  it('the demo Acta, drawn first and again with the process-wide caches warm', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const db = demoDb(dir);
      await seal(db, join(dir, 'data'));
      const s = getSealed(db);
      db.close();
      if (!s) throw new Error('not sealed');
      const payload = MinutesPayload.parse(JSON.parse(s.payload));
      const signature: SignatureFile = {
        format: 'minka-signature',
        version: 2,
        algorithm: 'Ed25519',
        publicKey: s.publicKey,
        signature: s.signature,
        payloadSha256: s.payloadSha256,
      };
      const input = {
        payload,
        canonical: s.payload,
        signature,
        fingerprint: fingerprint(s.payloadSha256),
      };
      setOptimised(false);
      const reference = await renderMinutes(input);
      setOptimised(true);
      const first = await renderMinutes(input);
      const again = await renderMinutes(input);
      expect(first.length).toBeGreaterThan(100_000);
      expect(first.equals(reference)).toBe(true);
      expect(again.equals(reference)).toBe(true);
    } finally {
      cleanup();
    }
  }, 120_000);
});
