import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PlanLine } from './import';
import {
  normalizeCode,
  pendingNameMatches,
  reconcile,
  type AgreedItem,
  type RejectedItem,
} from './reconcile';
import { nameSimilarity, nameWords, wordWeights } from './similarity';

const agreed = (
  key: string,
  code: string,
  title: string,
  soles: number,
  cui = '',
  cofinancing = 0,
): AgreedItem => ({
  key,
  code,
  cui,
  title,
  amountCents: soles * 100,
  cofinancingCents: cofinancing * 100,
  rank: Number(key.slice(1)),
  sector: '',
});
const rejected = (key: string, code: string, title: string, soles: number): RejectedItem => ({
  key,
  code,
  cui: '',
  title,
  amountCents: soles * 100,
  reason: 'notKeyNeed',
  explanation: 'La asamblea priorizó agua y riego.',
});
const line = (
  n: number,
  name: string,
  soles: number,
  cui = '',
  code = '',
  extra: Partial<PlanLine> = {},
): PlanLine => ({
  line: n,
  lines: [n],
  cui,
  code,
  name,
  amountCents: soles * 100,
  pimCents: null,
  devengadoCents: null,
  year: 2027,
  executor: '',
  sector: '',
  ...extra,
});

const AGREED = [
  agreed(
    'a1',
    'P-001',
    'Mejoramiento del canal de riego Huaraqa–Ccochaccasa',
    1_150_000,
    '2456781',
    60_000,
  ),
  agreed('a2', 'P-011', 'Mejoramiento del camino vecinal Qollqepata–Tinkiwasi', 1_200_000),
  agreed('a3', 'P-017', 'Dos aulas para la I.E. N.º 50412 Pacchanta Alta', 420_000),
  agreed('a4', 'P-023', 'Equipamiento del puesto de salud Tinkiwasi', 260_000),
  agreed('a5', 'P-024', 'Casa materna de espera en Qollqepata', 520_000),
];
const REJECTED = [
  rejected('r1', 'P-015', 'Asfaltado de la carretera Cusco–Qollqepata', 1_200_000),
  rejected('r2', 'P-010', 'Fiesta patronal y concurso ganadero', 80_000),
];
const PLAN = [
  line(
    2,
    'MEJORAMIENTO DEL SERVICIO DE AGUA PARA RIEGO EN HUARACCA Y COCHACASA DEL DISTRITO DE OCONGATE',
    1_150_000,
    '2456781',
    '',
    { pimCents: 125_000_000, devengadoCents: 40_000_000 },
  ),
  line(3, 'Camino vecinal Qollqepata - Tinkiwasi', 1_200_000, '', 'P-11'),
  line(4, 'CREACION DE AULAS EN LA I.E. N° 50412 DE PACCHANTA ALTA', 336_000),
  line(5, 'Puesto de salud Tinkiwasi: equipamiento', 260_000),
  line(6, 'Renovación de la plaza de armas con estatuas', 850_000),
  line(7, 'ASFALTADO CARRETERA CUSCO QOLLQEPATA', 2_000_000),
];

describe('reconcile', () => {
  const r = reconcile(AGREED, REJECTED, PLAN);

  it('matches on CUI, then code, then names, and sorts every item into its category', () => {
    expect(r.matched.map((m) => [m.code, m.by, m.plan.line])).toEqual([
      ['P-001', 'cui', 2],
      ['P-011', 'code', 3],
      ['P-023', 'name', 5],
    ]);
    expect(
      r.amountChanged.map((m) => [
        m.code,
        m.by,
        m.plan.line,
        m.differenceCents,
        m.differencePercent,
      ]),
    ).toEqual([['P-017', 'name', 4, -8_400_000, '-20.0']]);
    expect(r.missingFromPlan.map((m) => m.code)).toEqual(['P-024']);
    expect(r.notInMinutes.map((l) => l.line)).toEqual([6]);
    expect(r.rejectedButFunded.map((x) => [x.code, x.plan.line, x.reason])).toEqual([
      ['P-015', 7, 'notKeyNeed'],
    ]);
    expect(r.totals).toEqual({
      agreedCents: 355_000_000,
      planCents: 579_600_000,
      agreedInPlanCents: 294_600_000,
      notInMinutesCents: 85_000_000,
      rejectedButFundedCents: 200_000_000,
    });
  });

  it('carries PIM and devengado per agreement, and name matches wait for a person', () => {
    expect(r.matched[0]?.plan).toMatchObject({ pimCents: 125_000_000, devengadoCents: 40_000_000 });
    const named = [...r.matched, ...r.amountChanged, ...r.rejectedButFunded].filter(
      (m) => m.by === 'name',
    );
    expect(named.length).toBe(3);
    for (const m of named) {
      expect(m.confirmed).toBe(false);
      expect(m.confidence).toBeGreaterThanOrEqual(55);
      expect(m.confidence).toBeLessThanOrEqual(100);
    }
    expect(pendingNameMatches(r)).toBe(3);
  });

  it('confirms and undoes name matches; an undone pair is never proposed again', () => {
    const r2 = reconcile(AGREED, REJECTED, PLAN, {
      decisions: [
        { agreedKey: 'a4', planLine: 5, verdict: 'confirmed' },
        { agreedKey: 'a3', planLine: 4, verdict: 'undone' },
      ],
    });
    expect(r2.matched.find((m) => m.key === 'a4')?.confirmed).toBe(true);
    expect(r2.amountChanged).toEqual([]);
    expect(r2.missingFromPlan.map((m) => m.code)).toEqual(['P-017', 'P-024']);
    expect(r2.notInMinutes.map((l) => l.line)).toEqual([4, 6]);
    expect(r2.undone).toEqual([
      {
        agreedKey: 'a3',
        planLine: 4,
        code: 'P-017',
        title: AGREED[2]?.title,
        planName: PLAN[2]?.name,
      },
    ]);
    expect(pendingNameMatches(r2)).toBe(1);
  });

  it('treats the municipal share (agreed minus co-financing) as the agreed amount', () => {
    const r3 = reconcile([AGREED[0] as AgreedItem], [], [line(2, 'x', 1_090_000, '2456781')]);
    expect(r3.matched[0]).toMatchObject({ municipalShare: true, differenceCents: 0 });
  });

  it('never matches two different CUIs by name', () => {
    const r4 = reconcile(
      [agreed('a1', 'P-1', 'Canal de riego Antaqaqa', 10, '2512034')],
      [],
      [line(2, 'Canal de riego Antaqaqa', 10, '2999999')],
    );
    expect(r4.matched).toEqual([]);
    expect(r4.notInMinutes).toHaveLength(1);
  });

  it('accounts for every agreement and every plan line exactly once, whatever the order', () => {
    const words = [
      'canal',
      'riego',
      'Huaraqa',
      'aulas',
      'camino',
      'Tinkiwasi',
      'puesto',
      'salud',
      'alpacas',
      'Sallani',
      'puente',
      'plaza',
    ];
    const title = fc
      .array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 })
      .map((w) => w.join(' '));
    const arb = fc.record({
      agreed: fc.array(
        fc.record({
          title,
          soles: fc.integer({ min: 0, max: 2000 }),
          cui: fc.constantFrom('', '2000001', '2000002', '2000003'),
          code: fc.constantFrom('', 'P-1', 'P-2', 'P-3'),
        }),
        { maxLength: 8 },
      ),
      rejected: fc.array(fc.record({ title, soles: fc.integer({ min: 0, max: 2000 }) }), {
        maxLength: 4,
      }),
      plan: fc.array(
        fc.record({
          title,
          soles: fc.integer({ min: 0, max: 2000 }),
          cui: fc.constantFrom('', '2000001', '2000002', '2000004'),
          code: fc.constantFrom('', 'P-1', 'P-002', 'P-4'),
        }),
        { maxLength: 10 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ agreed: ag, rejected: rj, plan: pl }) => {
        const A = ag.map((x, i) => agreed(`a${i + 1}`, x.code, x.title, x.soles, x.cui));
        const R = rj.map((x, i) => rejected(`r${i + 1}`, '', x.title, x.soles));
        const P = pl.map((x, i) => line(i + 2, x.title, x.soles, x.cui, x.code));
        const out = reconcile(A, R, P);
        const agreedKeys = [...out.matched, ...out.amountChanged, ...out.missingFromPlan]
          .map((x) => x.key)
          .sort();
        expect(agreedKeys).toEqual(A.map((a) => a.key).sort());
        const lines = [...out.matched, ...out.amountChanged, ...out.rejectedButFunded]
          .map((x) => x.plan.line)
          .concat(out.notInMinutes.map((l) => l.line))
          .sort((a, b) => a - b);
        expect(lines).toEqual(P.map((p) => p.line));
        for (const m of out.matched) expect(m.differenceCents).toBe(0);
        for (const m of out.amountChanged)
          expect(m.differenceCents).toBe(m.planCents - m.agreedCents);
        for (const m of [...out.matched, ...out.amountChanged])
          if (m.by === 'cui') expect(m.plan.cui).toBe(m.cui);
        expect(out.totals.planCents).toBe(P.reduce((s, p) => s + p.amountCents, 0));
        expect(
          out.totals.agreedInPlanCents +
            out.totals.notInMinutesCents +
            out.totals.rejectedButFundedCents,
        ).toBe(out.totals.planCents);
        // Undoing every name match leaves no name match proposed for those pairs.
        const undo = [...out.matched, ...out.amountChanged]
          .filter((m) => m.by === 'name')
          .map((m) => ({ agreedKey: m.key, planLine: m.plan.line, verdict: 'undone' as const }));
        const again = reconcile(A, R, P, { decisions: undo });
        for (const u of undo)
          expect(
            [...again.matched, ...again.amountChanged].some(
              (m) => m.key === u.agreedKey && m.plan.line === u.planLine,
            ),
          ).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('names and codes', () => {
  it('folds Quechua spellings and formal filler words', () => {
    const a = nameWords('Canal de riego Huaraqa–Ccochaccasa');
    const b = nameWords('SERVICIO DE AGUA PARA RIEGO EN HUARACCA Y COCHACASA DEL DISTRITO');
    const w = wordWeights([a, b]);
    expect(nameSimilarity(a, b, w)).toBeGreaterThanOrEqual(55);
    const c = nameWords('Ambulancia rural 4x4');
    expect(nameSimilarity(a, c, wordWeights([a, c]))).toBe(0);
    // Different school numbers are different schools.
    const s1 = nameWords('Aulas I.E. 50412');
    const s2 = nameWords('Aulas I.E. 50415');
    expect(nameSimilarity(s1, s2, wordWeights([s1, s2]))).toBeLessThan(55);
  });
  it('gives 100 only to identical normalised names: a misspelling or a missing word lowers it (issue 15)', () => {
    const right = nameWords(
      'MEJORAMIENTO DEL CAMINO VECINAL CARROZABLE TINKE UPIS DEL DISTRITO DE OCONGATE',
    );
    const typo = nameWords(
      'MEJORAMIENTO DEL CAMINO VECINAL CAROZABLE TINKE UPIS DEL DISTRITO DE OCONGATE',
    );
    const missing = nameWords(
      'MEJORAMIENTO DEL CAMINO VECINAL TINKE UPIS DEL DISTRITO DE OCONGATE',
    );
    const w = wordWeights([right, typo, missing]);
    expect(nameSimilarity(right, right, w)).toBe(100);
    expect(
      nameSimilarity(nameWords('Camino vecinal carrozable Tinke–Upis'), right, w),
    ).toBeLessThan(100);
    // Folded for scoring, the misspelt word is the same word: the score stays high.
    expect(nameSimilarity(typo, right, w)).toBeGreaterThanOrEqual(80);
    expect(nameSimilarity(missing, right, w)).toBeLessThan(100);
    // Through the plan comparison (the batch scorer): below 100 and waiting for a person.
    const r = reconcile(
      [agreed('a1', 'P-001', 'Mejoramiento del camino vecinal CAROZABLE Tinke Upis', 100)],
      [],
      [line(2, 'MEJORAMIENTO DEL CAMINO VECINAL CARROZABLE TINKE UPIS', 100)],
    );
    const m = r.matched[0] ?? r.amountChanged[0];
    expect(m?.by).toBe('name');
    expect(m?.confidence).toBeLessThan(100);
    expect(m?.confirmed).toBe(false);
    // The very same name, accents and case aside, is 100.
    const same = reconcile(
      [agreed('a1', 'P-001', 'Mejoramiento del camino vecinal carrozable Tinke Upis', 100)],
      [],
      [line(2, 'MEJORAMIENTO DEL CAMINO VECINAL CARROZABLE TINKE UPIS', 100)],
    );
    expect(same.matched[0]?.confidence).toBe(100);
  });
  it('normalises proposal codes as people retype them', () => {
    expect(normalizeCode('P-007')).toBe('P7');
    expect(normalizeCode('p 7')).toBe('P7');
    expect(normalizeCode('P7')).toBe('P7');
    expect(normalizeCode('P-070')).toBe('P70');
    expect(normalizeCode('')).toBe('');
  });
});
