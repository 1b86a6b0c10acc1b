// The hostile corpus, written at test time into a temporary folder (never committed: one
// file is 200 MB in the stress run). Each case names the front door it is fed to.
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export type Door = 'csv' | 'pb' | 'pdf';

export interface CorpusCase {
  name: string;
  door: Door;
  file: string;
  size: number;
  /** What a person must see: the file refused with this message key, or handled. */
  expect: { refused: string } | 'handled' | 'refused';
}

/** Deterministic pseudo-random bytes (no RNG state shared between cases). */
function noise(n: number, seed: string): Buffer {
  const out = Buffer.alloc(n);
  let block = createHash('sha256').update(seed).digest();
  for (let i = 0; i < n; i += 32) {
    block.copy(out, i, 0, Math.min(32, n - i));
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

/** Write `total` bytes made of `head`, then `chunk` repeated, without holding it all in memory. */
function writeRepeated(
  file: string,
  head: string | Buffer,
  chunk: string | Buffer,
  total: number,
  tail: string | Buffer = '',
): number {
  const fd = openSync(file, 'w');
  try {
    const h = Buffer.from(head);
    const c = Buffer.from(chunk);
    const t = Buffer.from(tail);
    writeSync(fd, h);
    let size = h.length;
    const block = Buffer.concat(
      Array.from({ length: Math.max(1, Math.floor((1 << 20) / Math.max(c.length, 1))) }, () => c),
    );
    while (size + block.length + t.length <= total) size += writeSync(fd, block);
    while (size + c.length + t.length <= total) size += writeSync(fd, c);
    size += writeSync(fd, t);
    return size;
  } finally {
    closeSync(fd);
  }
}

const PB_HEAD =
  'META\nkey;value\ndescription;corpus\ncountry;Peru\nunit;Qollqepata\nnum_projects;2\nnum_votes;1\nbudget;100\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;votes\n1;50;1\n2;60;1\nVOTES\nvoter_id;vote\n';

/** Write every case into `dir`. `big` is the size of the "huge" files (200 MB in the stress run). */
export function writeCorpus(dir: string, big: number): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const add = (
    name: string,
    door: Door,
    expect: CorpusCase['expect'],
    write: (file: string) => number | void,
  ) => {
    const file = join(dir, name);
    const n = write(file);
    cases.push({ name, door, file, size: typeof n === 'number' ? n : 0, expect });
  };
  const text = (s: string | Buffer) => (file: string) => {
    writeFileSync(file, s);
    return Buffer.byteLength(s);
  };
  const header = 'DNI;Nombres;Apellidos;Organización;Cargo\n';
  // CSV: the registry import (decode → parse → map → preview), as the import panel runs it.
  add('huge.csv', 'csv', { refused: 'csv.tooLarge' }, (f) =>
    writeRepeated(
      f,
      header,
      '40123456;María;Quispe Mamani;Comunidad Campesina de Ccochaccasa;Presidenta\n',
      big,
    ),
  );
  add(
    'windows-1252.csv',
    'csv',
    'handled',
    text(Buffer.from(header + '40123456;Ñaupa;Huamán Ccori;Comunidad;Presidenta\n', 'latin1')),
  );
  add(
    'utf-16le.csv',
    'csv',
    'handled',
    text(
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(header + '40123456;Ñaupa;Huamán;Comunidad;Vocal\n', 'utf16le'),
      ]),
    ),
  );
  add(
    'mixed-encodings.csv',
    'csv',
    'handled',
    text(
      Buffer.concat([
        Buffer.from(header + '40123456;José;Pérez;C;V\n', 'utf8'),
        Buffer.from('40123457;Ñaupa;Cóndor;C;V\n', 'latin1'),
      ]),
    ),
  );
  add(
    'binary-garbage.csv',
    'csv',
    { refused: 'csv.binary' },
    text(Buffer.concat([Buffer.from([1, 0, 2]), noise(2_000_000, 'csv')])),
  );
  // Decodes as Windows-1252 (every byte is a character there): the preview finds no person to import.
  add(
    'binary-without-nul.csv',
    'csv',
    'handled',
    text(Buffer.from(noise(2_000_000, 'nonul').map((b) => (b === 0 ? 1 : b)))),
  );
  add(
    'workbook.xlsx',
    'csv',
    { refused: 'csv.excelFile' },
    text(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), noise(100_000, 'zip')])),
  );
  add('huge-field.csv', 'csv', 'refused', (f) =>
    writeRepeated(f, header + '40123456;', 'A', 15_000_000, ';x;y;z\n'),
  );
  add('unclosed-quote.csv', 'csv', 'refused', (f) =>
    writeRepeated(f, header + '40123456;"', 'María Quispe; ', 15_000_000),
  );
  add(
    'many-columns.csv',
    'csv',
    'refused',
    text(Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(';') + '\n'),
  );
  add('many-rows.csv', 'csv', 'refused', (f) =>
    writeRepeated(f, header, '1;a;b;c;d\n', 19_000_000),
  );
  add(
    'formula-cells.csv',
    'csv',
    'handled',
    text(
      header + '=HYPERLINK("http://x");=1+1;@SUM(A1);+cmd;-2\n40123456;Ana;Ccori;Comunidad;Vocal\n',
    ),
  );
  add('empty.csv', 'csv', 'refused', text(''));
  // .pb: `minka tally FILE.pb` (the same parser reads ballots imported into a voting round).
  add('garbage.pb', 'pb', 'refused', text(noise(3_000_000, 'pb')));
  // In the short run the .pb files stay small: parsing ~8 MB of votes already takes seconds.
  const pbBig = big > 100 * 2 ** 20 ? big : 8 * 2 ** 20;
  add('huge.pb', 'pb', pbBig > 100 * 2 ** 20 ? { refused: 'cli.tally.tooLarge' } : 'refused', (f) =>
    writeRepeated(f, PB_HEAD, '7;1,2\n', pbBig),
  );
  add('truncated.pb', 'pb', 'refused', text(PB_HEAD.slice(0, 120)));
  // One ballot listing project 1 millions of times: read as the reference reads it (once),
  // with a warning naming the line.
  add('huge-line.pb', 'pb', 'handled', (f) =>
    writeRepeated(f, PB_HEAD + '1;', '1,', pbBig === big ? 30_000_000 : 8_000_000, '2\n'),
  );
  add('many-projects.pb', 'pb', 'handled', (f) => {
    const n = 20_000;
    const projects = Array.from({ length: n }, (_, i) => `${i + 1};${(i % 97) + 1};1`).join('\n');
    const votes = Array.from({ length: n }, (_, i) => `${i + 1};${i + 1}`).join('\n');
    return text(
      `META\nkey;value\ndescription;corpus\ncountry;Peru\nunit;X\nnum_projects;${n}\nnum_votes;${n}\nbudget;100000\nvote_type;approval\nrule;greedy\nPROJECTS\nproject_id;cost;votes\n${projects}\nVOTES\nvoter_id;vote\n${votes}\n`,
    )(f);
  });
  add(
    'binary-in-utf8.pb',
    'pb',
    'refused',
    text(Buffer.concat([Buffer.from(PB_HEAD), Buffer.from([0xc3, 0x28, 0xff])])),
  );
  // PDFs for `minka verify` (when the minutes verifier exists).
  add('garbage.pdf', 'pdf', 'refused', text(noise(1_000_000, 'pdf')));
  add(
    'not-minutes.pdf',
    'pdf',
    'refused',
    text(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    ),
  );
  add('deeply-nested.pdf', 'pdf', 'refused', (f) =>
    writeRepeated(
      f,
      '%PDF-1.7\n1 0 obj\n',
      '[<<',
      3_000_000,
      '\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    ),
  );
  add('many-objects.pdf', 'pdf', 'refused', (f) =>
    writeRepeated(
      f,
      '%PDF-1.7\n',
      '9 0 obj << /A [1 2 3] >> endobj\n',
      20_000_000,
      'trailer << /Root 9 0 R >>\n%%EOF\n',
    ),
  );
  add('huge.pdf', 'pdf', 'refused', (f) =>
    writeRepeated(
      f,
      '%PDF-1.7\n1 0 obj << /Length 0 >> stream\n',
      'x'.repeat(4096),
      big,
      '\nendstream endobj\n%%EOF\n',
    ),
  );
  add(
    'truncated-stream.pdf',
    'pdf',
    'refused',
    text(
      '%PDF-1.7\n1 0 obj << /Type /EmbeddedFile /Filter /FlateDecode /Length 999999 >> stream\nxœ',
    ),
  );
  return cases;
}
