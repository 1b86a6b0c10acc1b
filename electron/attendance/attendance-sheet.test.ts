import { describe, expect, it } from 'vitest';
import { renderAttendanceSheet } from './attendance-sheet';
import { flatText, pageTexts, pdfFonts, pdfInfo } from '../platform/pdf/poppler';
import {
  SAMPLE_CREATED_AT,
  SAMPLE_FINGERPRINT,
  sampleAttendanceModel,
  samplePeople,
} from './sample-models';

const QUECHUA_NAME = 'Q\u02BCuyllur';

describe('attendance sheet', async () => {
  const model = sampleAttendanceModel(90, 12);
  const pdf = await renderAttendanceSheet(model, {
    lang: 'es',
    bilingual: true,
    createdAt: SAMPLE_CREATED_AT,
  });
  const text = flatText(pdf);
  const pages = pageTexts(pdf);
  const info = pdfInfo(pdf);

  it('is landscape A4 with the expected number of pages and metadata', () => {
    // 90 names + 12 blank rows at 9 rows a page (6 on the first, under the title block).
    expect(info.get('Pages')).toBe('12');
    expect(info.get('Page size')).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
    expect(info.get('Author')).toBe('Minka');
    expect(info.get('Title')).toContain('Lista de asistencia — Sede Tinki');
    expect(info.get('CreationDate')).toBe('2026-05-14T13:05:00Z');
    expect(pages).toHaveLength(12);
  });

  it('prints every name and DNI, keeping leading zeros and accents', () => {
    for (const p of samplePeople(90)) {
      expect(text).toContain(p.name);
      expect(text).toContain(p.dni);
    }
    expect(text).toContain('01234567');
    expect(text).toContain('QUISPE MAMANI, María Ñusta');
    expect(text).toContain('HUAMÁN CCORI, Teófilo');
    expect(text).toContain("Ch'uqllu");
  });

  it('keeps the Quechua ʼ (U+02BC) as that letter, not a quote or a missing glyph', () => {
    expect(text).toContain(`MAMANI QUISPE, ${QUECHUA_NAME}`);
    expect(text).toContain('Rit\u02BCi');
    expect(text).not.toContain('Q\u2019uyllur');
    // Built-in Helvetica would garble it; only the embedded DejaVu subsets may appear.
    const fonts = pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
      'DejaVuSans',
      'DejaVuSans-Bold',
    ]);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('numbers pages "x/y" and prints the fingerprint and header on every page', () => {
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain(`Página ${i + 1}/12`);
      expect(page, `page ${i + 1}`).toContain(`Huella del registro: ${SAMPLE_FINGERPRINT}`);
      expect(page, `page ${i + 1}`).toContain('Apellidos y nombres');
      expect(page.replace(/\s+/g, ' '), `page ${i + 1}`).toContain('Huella digital');
    });
  });

  it('has the title block, Quechua second lines, numbered blank rows and the closing line', () => {
    expect(pages[0]).toContain('Municipalidad Distrital de Ocongate');
    expect(pages[0]).toContain('14/05/2026');
    expect(pages[0]).toContain('Salón comunal de Tinki');
    expect(pages[0]).toContain('Hamuqkunap sutinkuna');
    expect(text).toContain('Dedo unancha');
    const last = pages.at(-1) ?? '';
    expect(last).toMatch(/\b102\b/);
    expect(last).toContain('Total de personas que firmaron');
    expect(text).not.toMatch(/\b103\b/);
  });

  it('prints only the chosen language when not bilingual', async () => {
    const en = flatText(
      await renderAttendanceSheet(model, { lang: 'en', createdAt: SAMPLE_CREATED_AT }),
    );
    expect(en).toContain('Attendance sheet');
    expect(en).toContain('Page 1/12');
    expect(en).toContain('14/05/2026');
    expect(en).not.toContain('Hamuqkunap');
    expect(en).not.toContain('Lista de asistencia');
  });

  it('is byte-identical for the same input and date, and differs for another date', async () => {
    const again = await renderAttendanceSheet(model, {
      lang: 'es',
      bilingual: true,
      createdAt: new Date(SAMPLE_CREATED_AT),
    });
    expect(again.equals(pdf)).toBe(true);
    const later = await renderAttendanceSheet(model, {
      lang: 'es',
      bilingual: true,
      createdAt: new Date('2026-05-15T08:00:00Z'),
    });
    expect(later.equals(pdf)).toBe(false);
  });

  it('prints a sheet of only blank rows, and one without a fingerprint', async () => {
    const blank = await renderAttendanceSheet(
      { ...model, rows: [], blankRows: 5, fingerprint: undefined },
      { lang: 'quz', bilingual: true, createdAt: SAMPLE_CREATED_AT },
    );
    const t = flatText(blank);
    expect(pdfInfo(blank).get('Pages')).toBe('1');
    expect(t).toContain('Raphi 1/1');
    expect(t).not.toContain('unanchan:');
    expect(t).toMatch(/\b5\b/);
  });

  it('prints decomposed accents as composed letters and cuts over-long cells instead of spilling', async () => {
    const long =
      'Asociación de Productores Agropecuarios y Criadores de Alpacas de la Microcuenca de Q\u02BCuyllur Rit\u02BCi '.repeat(
        4,
      );
    const odd = await renderAttendanceSheet(
      {
        ...model,
        rows: [
          {
            name: 'N\u0303AUPA CCAHUANA, Julia\u0301n',
            dni: '00000001',
            organization: long,
            role: 'Titular',
          },
        ],
        blankRows: 0,
      },
      { lang: 'es', createdAt: SAMPLE_CREATED_AT },
    );
    const t = flatText(odd);
    expect(t).toContain('ÑAUPA CCAHUANA, Julián');
    expect(t).toContain('00000001');
    expect(t).toContain('…');
    expect(pdfInfo(odd).get('Pages')).toBe('1');
  });
});
