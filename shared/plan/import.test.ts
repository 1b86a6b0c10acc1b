import { describe, expect, it } from 'vitest';
import { guessPlanMapping } from './columns';
import { importPlan, readPlanCsv } from './import';

const utf8 = (s: string, bom = false) =>
  new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(s)]);
/** Windows-1252 bytes of a Latin-1 text (the accents we use all sit in that range). */
const cp1252 = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('MEF open data', () => {
  const mef = [
    'ANO_EJE,SEC_EJEC,EJECUTORA,EJECUTORA_NOMBRE,FUNCION_NOMBRE,PRODUCTO_PROYECTO,PRODUCTO_PROYECTO_NOMBRE,MONTO_PIA,MONTO_PIM,MONTO_CERTIFICADO,MONTO_DEVENGADO',
    '2027,301234,001,MUNICIPALIDAD DISTRITAL DE OCONGATE,AGROPECUARIA,2456781,"MEJORAMIENTO DEL SERVICIO DE AGUA PARA RIEGO EN HUARACCA, COCHACASA",1000000,1100000.5,900000,450000.25',
    '2027,301234,001,MUNICIPALIDAD DISTRITAL DE OCONGATE,AGROPECUARIA,2456781,"MEJORAMIENTO DEL SERVICIO DE AGUA PARA RIEGO EN HUARACCA, COCHACASA",150000,150000,0,0',
    '2027,301234,001,MUNICIPALIDAD DISTRITAL DE OCONGATE,TRANSPORTE,389450,CAMINO VECINAL QOLLQEPATA TINKIWASI,1200000,1200000,0,0',
    '2026,301234,001,MUNICIPALIDAD DISTRITAL DE OCONGATE,TRANSPORTE,2389450,CAMINO VECINAL (AÑO ANTERIOR),5,5,0,0',
  ].join('\r\n');

  it('maps the MEF columns, merges budget lines of one CUI and pads CUIs that lost zeros', () => {
    const table = readPlanCsv(utf8(mef, true));
    expect(table.encoding).toBe('utf-8-bom');
    const m = guessPlanMapping(table.header);
    expect(m).toMatchObject({
      year: 0,
      executor: 3,
      sector: 4,
      cui: 5,
      name: 6,
      amount: 7,
      pim: 8,
      devengado: 10,
    });
    const imp = importPlan(table, m);
    expect(imp.errors).toEqual([]);
    expect(imp.years).toEqual([2026, 2027]);
    const riego = imp.lines.find((l) => l.cui === '2456781');
    expect(riego).toMatchObject({
      line: 2,
      lines: [2, 3],
      amountCents: 115000000,
      pimCents: 125000050,
      devengadoCents: 45000025,
      year: 2027,
    });
    expect(imp.warnings.map((w) => w.key)).toContain('plan.import.merged');
    const camino = imp.lines.filter((l) => l.cui === '0389450');
    expect(camino).toHaveLength(1);
    expect(imp.warnings.find((w) => w.key === 'plan.import.cuiPadded')).toMatchObject({
      line: 4,
      params: { field: 'PRODUCTO_PROYECTO', cui: '0389450' },
    });
  });
});

describe('municipal spreadsheets', () => {
  it('reads a Windows-1252 ; file with a title block, decimal commas, a total row and per-line errors', () => {
    const text = [
      'MUNICIPALIDAD DISTRITAL DE OCONGATE;;;',
      'Programación multianual - Año 2027;;;',
      ';;;',
      'N°;Código;Nombre del proyecto;Monto (S/)',
      '1;P-001;"Mejoramiento del canal de riego Huaraqa–Ccochaccasa";1.150.000,00',
      '2;P-011;"Camino vecinal; tramo Qollqepata–Tinkiwasi";1.200.000',
      '3;;Plaza de armas con estatuas;850.000,50',
      '4;P-004;Cobertizos en Chillihuani;mil soles',
      '5;;;',
      ';;TOTAL;3.200.000,50',
    ]
      .join('\r\n')
      .replace('–', '-')
      .replace('–', '-');
    const table = readPlanCsv(cp1252(text));
    expect(table.encoding).toBe('windows-1252');
    expect(table.delimiter).toBe(';');
    expect(table.headerLine).toBe(4);
    const m = guessPlanMapping(table.header);
    expect(m).toMatchObject({ code: 1, name: 2, amount: 3, cui: null });
    const imp = importPlan(table, m);
    expect(imp.lines.map((l) => [l.line, l.code, l.amountCents])).toEqual([
      [5, 'P-001', 115000000],
      [6, 'P-011', 120000000],
      [7, '', 85000050],
    ]);
    expect(imp.lines[1]?.name).toBe('Camino vecinal; tramo Qollqepata-Tinkiwasi');
    expect(imp.errors).toEqual([
      {
        line: 8,
        field: 'amount',
        key: 'plan.import.amount.notANumber',
        params: { line: 8, field: 'Monto (S/)', value: 'mil soles' },
      },
    ]);
    expect(imp.warnings.map((w) => [w.line, w.key])).toContainEqual([
      10,
      'plan.import.totalSkipped',
    ]);
  });

  it('reads a plain comma file with es-PE thousands and a quoted multi-line name', () => {
    const text =
      'codigo,nombre,monto\nP-002,"Cobertizos para alpacas\nen Pacchanta Alta","240,000.00"\nP-003,Riego por aspersión,"1,234"\n';
    const imp = importPlan(
      readPlanCsv(utf8(text)),
      guessPlanMapping(['codigo', 'nombre', 'monto']),
    );
    expect(imp.errors).toEqual([]);
    expect(imp.lines.map((l) => [l.line, l.amountCents])).toEqual([
      [2, 24000000],
      [4, 123400],
    ]);
    expect(imp.lines[0]?.name).toBe('Cobertizos para alpacas en Pacchanta Alta');
  });

  it('names the line and the field of every bad cell, and imports nothing from a bad line', () => {
    const text =
      'CUI;Proyecto;PIA;PIM;Año\n12345678901;Uno;100;;2027\n2456781;;;;2027\n;Tres;100;abc;27\n';
    const table = readPlanCsv(utf8(text));
    const imp = importPlan(table, guessPlanMapping(table.header));
    expect(imp.lines).toEqual([]);
    expect(imp.errors.map((e) => [e.line, e.field, e.key])).toEqual([
      [2, 'cui', 'plan.import.cuiInvalid'],
      [3, 'amount', 'plan.import.amountMissing'],
      [4, 'pim', 'plan.import.amount.notANumber'],
      [4, 'year', 'plan.import.yearInvalid'],
    ]);
  });

  it('refuses a mapping without an amount or any name/code/CUI column', () => {
    const table = readPlanCsv(utf8('a;b\n1;2\n'));
    expect(importPlan(table, guessPlanMapping(table.header)).errors[0]?.key).toBe(
      'plan.import.noIdColumn',
    );
    const t2 = readPlanCsv(utf8('Proyecto;Observación\nUno;x\n'));
    expect(importPlan(t2, guessPlanMapping(t2.header)).errors[0]?.key).toBe(
      'plan.import.noAmountColumn',
    );
  });
});
