import { describe, expect, it } from 'vitest';
import { guessPlanMapping } from '../../shared/plan/columns';
import { importPlan } from '../../shared/plan/import';
import { MinkaError } from '../platform/classify-error';
import { readPlanFile } from './read';
import { declaredUnpackedSize, readPlanXlsx } from './xlsx';
import { xlsx, zip } from './xlsx-fixture';

describe('XLSX plans', () => {
  it('picks the plan sheet, finds the header under a title block, keeps stored digits exact', async () => {
    const book = xlsx({
      Carátula: [
        ['Municipalidad Distrital de Ocongate'],
        ['Presupuesto Institucional de Apertura 2027'],
      ],
      'PIA 2027': [
        ['MUNICIPALIDAD DISTRITAL DE OCONGATE'],
        [],
        ['CUI', 'Nombre del proyecto', 'Monto PIA', 'Monto PIM', 'Devengado'],
        [
          { n: '2456781' },
          'Mejoramiento del canal de riego Huaraqa',
          { n: '1150000.0000000002' },
          { n: '1.2E6' },
          null,
        ],
        [
          null,
          { inline: 'Plaza de armas & estatuas' },
          '850.000,50',
          null,
          { n: '0.30000000000000004' },
        ],
        [{ n: '389450' }, 'Camino vecinal', { n: '1200000' }],
        [null, 'TOTAL', { n: '3200000.5' }],
      ],
    });
    const table = await readPlanXlsx(book);
    expect(table.sheet).toBe('PIA 2027');
    expect(table.sheets).toEqual(['Carátula', 'PIA 2027']);
    expect(table.headerLine).toBe(3);
    const imp = importPlan(table, guessPlanMapping(table.header));
    expect(imp.errors).toEqual([]);
    expect(
      imp.lines.map((l) => [l.line, l.cui, l.name, l.amountCents, l.pimCents, l.devengadoCents]),
    ).toEqual([
      [4, '2456781', 'Mejoramiento del canal de riego Huaraqa', 115000000, 120000000, null],
      [5, '', 'Plaza de armas & estatuas', 85000050, null, 30],
      [6, '0389450', 'Camino vecinal', 120000000, null, null],
    ]);
    expect(imp.warnings.map((w) => [w.line, w.key])).toContainEqual([
      7,
      'plan.import.totalSkipped',
    ]);
  });

  it('reads a named sheet and says so when it is missing', async () => {
    const book = xlsx({
      A: [
        ['Proyecto', 'Monto'],
        ['Uno', { n: '5' }],
      ],
      B: [
        ['Proyecto', 'Monto'],
        ['Dos', { n: '7' }],
        ['Tres', { n: '9' }],
      ],
    });
    expect((await readPlanXlsx(book, 'A')).rows.map((r) => r.cells[0])).toEqual(['Uno']);
    await expect(readPlanXlsx(book, 'C')).rejects.toMatchObject({ key: 'plan.file.noSheet' });
  });

  it('refuses a broken workbook and a zip bomb by their declared sizes, with a translated error', async () => {
    const broken = zip({ 'hello.txt': 'not a workbook' });
    await expect(readPlanFile(broken)).rejects.toBeInstanceOf(MinkaError);
    await expect(readPlanFile(broken)).rejects.toMatchObject({ key: 'plan.file.xlsxUnreadable' });
    // A bomb declares its huge unpacked size in the central directory: patch a small zip to say so.
    const bomb = zip({ 'xl/worksheets/sheet1.xml': Buffer.alloc(1024, 0x20) });
    bomb.writeUInt32LE(210 * 1024 * 1024, bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 24);
    expect(declaredUnpackedSize(bomb)).toBe(210 * 1024 * 1024);
    await expect(readPlanFile(bomb)).rejects.toMatchObject({ key: 'plan.file.tooLarge' });
    const truncated = xlsx({ S: [['Proyecto', 'Monto']] }).subarray(0, 200);
    await expect(readPlanFile(truncated)).rejects.toMatchObject({
      key: 'plan.file.xlsxUnreadable',
    });
  });

  it('reads CSV and XLSX alike and fingerprints the bytes', async () => {
    const csv = await readPlanFile(new TextEncoder().encode('Proyecto;Monto\nUno;5\n'));
    expect(csv.table.source).toBe('csv');
    expect(csv.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    await expect(
      readPlanFile(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 1, 2])),
    ).rejects.toMatchObject({ key: 'csv.binary' });
  });
});
