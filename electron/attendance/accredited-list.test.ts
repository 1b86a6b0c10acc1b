import { describe, expect, it } from 'vitest';
import { renderAccreditedList } from './accredited-list';
import { flatText, pageTexts, pdfInfo } from '../platform/pdf/poppler';
import {
  SAMPLE_CREATED_AT,
  SAMPLE_FINGERPRINT,
  sampleAccreditedModel,
  samplePeople,
} from './sample-models';

describe('accredited list', async () => {
  const model = sampleAccreditedModel(90);
  const pdf = await renderAccreditedList(model, {
    lang: 'es',
    bilingual: true,
    createdAt: SAMPLE_CREATED_AT,
  });
  const text = flatText(pdf);
  const pages = pageTexts(pdf);

  it('is portrait A4, three pages for 90 people in 10 organisations', () => {
    const info = pdfInfo(pdf);
    expect(info.get('Pages')).toBe('3');
    expect(info.get('Page size')).toMatch(/^595\.28 x 841\.89 pts \(A4\)/);
    expect(info.get('Author')).toBe('Minka');
    expect(pages).toHaveLength(3);
  });

  it('lists every person with DNI under their organisation, numbered across groups', () => {
    for (const p of samplePeople(90)) {
      expect(text).toContain(p.name);
      expect(text).toContain(p.dni);
    }
    expect(text).toContain('00006911');
    expect(text).toContain(
      'Comunidad Campesina de Q\u02BCuyllur Rit\u02BCi — Comunidad campesina — Sinakara (9 acreditados)',
    );
    expect(text).toContain('MAMANI QUISPE, Q\u02BCuyllur');
    // Group headings come in model order, and the running number reaches 90.
    const first = text.indexOf('Comunidad Campesina de Ccollana —');
    const second = text.indexOf('APAFA I.E. N.º 50589 Tayancani —');
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(pages.at(-1)).toMatch(/\b90\b/);
  });

  it('prints the totals on the first page', () => {
    // Laid out as four boxes side by side: the figures on one line, their labels below.
    const head = pageTexts(pdf, { layout: true })[0] ?? '';
    expect(head).toMatch(/^\s*10\s+90\s+45\s+45\s*$/m);
    expect(head).toMatch(/Organizaciones\s+Agentes participantes\s+Mujeres\s+Varones/);
    expect(head).toMatch(/Huñunakuykuna\s+Hamuqkuna\s+Warmikuna\s+Qarikuna/);
  });

  it('repeats the header and the group cut by a page break, with page x/y and fingerprint', () => {
    pages.forEach((page, i) => {
      expect(page).toContain(`Página ${i + 1}/3`);
      expect(page).toContain(SAMPLE_FINGERPRINT);
      expect(page).toContain('Apellidos y nombres');
    });
    expect(pages[1]?.replace(/\s+/g, ' ')).toMatch(/^.*\(9 acreditados\) \(continúa\)/);
  });

  it('is deterministic', async () => {
    const again = await renderAccreditedList(model, {
      lang: 'es',
      bilingual: true,
      createdAt: SAMPLE_CREATED_AT,
    });
    expect(again.equals(pdf)).toBe(true);
  });

  it('renders an empty list on one page', async () => {
    const empty = await renderAccreditedList(
      {
        ...model,
        organizations: [],
        totals: { organizations: 0, participants: 0, women: 0, men: 0 },
      },
      { lang: 'en', createdAt: SAMPLE_CREATED_AT },
    );
    expect(pdfInfo(empty).get('Pages')).toBe('1');
    expect(flatText(empty)).toContain('Page 1/1');
  });

  it('says "1 acreditado" for a group of one', async () => {
    const [org] = model.organizations;
    if (!org) throw new Error('sample has organisations');
    const one = await renderAccreditedList(
      { ...model, organizations: [{ ...org, participants: org.participants.slice(0, 1) }] },
      { lang: 'es', createdAt: SAMPLE_CREATED_AT },
    );
    expect(flatText(one)).toContain('Sinakara (1 acreditado)');
  });

  it('prints each group heading once, plus "(continúa)" only where a group is cut', async () => {
    // Groups of 1–5 people: with 60 groups some page breaks fall exactly between groups.
    const organizations = Array.from({ length: 60 }, (_, g) => ({
      name: `Org ${g + 1}`,
      type: 'Asociación',
      community: '',
      participants: Array.from({ length: (g % 5) + 1 }, (_, i) => ({
        name: `PERSONA ${g + 1}-${i + 1}`,
        dni: String(g * 10 + i).padStart(8, '0'),
        role: 'Titular',
        voice: 'Voz y voto',
        sex: 'Mujer',
        language: 'Quechua',
      })),
    }));
    const many = await renderAccreditedList(
      { ...model, organizations },
      { lang: 'es', createdAt: SAMPLE_CREATED_AT },
    );
    const t = flatText(many);
    for (let g = 1; g <= 60; g++) {
      const heads =
        t.match(
          new RegExp(`Org ${g} — Asociación \\(\\d+ acreditados?\\)(?! \\(continúa\\))`, 'g'),
        ) ?? [];
      expect(heads, `Org ${g}`).toHaveLength(1);
    }
    // A group marked "(continúa)" must really have begun on the previous page.
    const pages = pageTexts(many).map((p) => p.replace(/\s+/g, ' '));
    let cuts = 0;
    pages.forEach((page, i) => {
      for (const m of page.matchAll(/Org (\d+) — Asociación \(\d+ acreditados?\) \(continúa\)/g)) {
        cuts++;
        expect(pages[i - 1] ?? '', `page ${i + 1}: Org ${m[1]}`).toContain(`Org ${m[1]} — `);
      }
    });
    expect(cuts).toBeGreaterThan(0);
  });
});
