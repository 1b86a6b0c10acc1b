// The sector split rule (issue 14, item 4), for random proposals and shares: in the sector
// phase no sector spends more than its share; the shares add up to the envelope exactly;
// the total never passes the envelope; the remainder pass spends no more than the pooled
// leftover; every selected project is counted once; the outcome is deterministic.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSelection, type SplitInput } from './sector-split';

const SECTORS = ['agro', 'vias', 'educ', 'salud', 'agua'];

const input: fc.Arbitrary<SplitInput> = fc
  .record({
    envelopeCents: fc.integer({ min: 0, max: 5_000_000_00 }),
    weights: fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 5 }),
    projects: fc.array(
      fc.record({
        sector: fc.integer({ min: 0, max: 5 }),
        costCents: fc.integer({ min: 0, max: 2_000_000_00 }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ envelopeCents, weights, projects }) => ({
    envelopeCents,
    sectors: weights.map((w, i) => ({ id: SECTORS[i] ?? `s${i}`, shareCents: w * 1_000_00 })),
    // Sector index 5 is a sector with no share (not in the sector vote).
    order: projects.map((p, i) => ({
      code: `P-${String(i + 1).padStart(3, '0')}`,
      sectorId: p.sector === 5 ? 'otros' : (SECTORS[p.sector] ?? 'otros'),
      costCents: p.costCents,
    })),
  }));

describe('sector split: the selection per sector within each share, then the remainder', () => {
  it('holds its bounds for random proposals and shares', () => {
    fc.assert(
      fc.property(input, (inp) => {
        const out = splitSelection(inp);
        const cost = new Map(inp.order.map((p) => [p.code, p.costCents]));
        const sum = (codes: readonly string[]) => codes.reduce((n, c) => n + (cost.get(c) ?? 0), 0);
        // Sector phase: within the share, and the sums are what they say.
        for (const s of out.sectors) {
          expect(s.spentCents).toBeLessThanOrEqual(s.shareCents);
          expect(s.spentCents).toBe(sum(s.selected));
          expect(s.leftoverCents).toBe(s.shareCents - s.spentCents);
          for (const c of s.selected)
            expect(inp.order.find((p) => p.code === c)?.sectorId).toBe(s.sectorId);
        }
        // Shares exact to the céntimo: they add up to the envelope when any sector has votes.
        const shares = out.sectors.reduce((n, s) => n + s.shareCents, 0);
        if (inp.sectors.some((s) => s.shareCents > 0)) expect(shares).toBe(inp.envelopeCents);
        else expect(shares).toBe(0);
        // Remainder: within the pooled leftover.
        const sectorSpent = out.sectors.reduce((n, s) => n + s.spentCents, 0);
        expect(out.pooledCents).toBe(inp.envelopeCents - sectorSpent);
        expect(out.remainder.spentCents).toBe(sum(out.remainder.selected));
        expect(out.remainder.spentCents).toBeLessThanOrEqual(out.pooledCents);
        // Each selected project once; the total is their cost and within the envelope.
        expect(new Set(out.selectionOrder).size).toBe(out.selectionOrder.length);
        expect(out.selectionOrder).toEqual([
          ...out.sectors.flatMap((s) => s.selected),
          ...out.remainder.selected,
        ]);
        expect(out.totalCents).toBe(sum(out.selectionOrder));
        expect(out.totalCents).toBeLessThanOrEqual(inp.envelopeCents);
        // Deterministic: the same inputs (as a copy) give the same outcome.
        expect(splitSelection(JSON.parse(JSON.stringify(inp)) as SplitInput)).toEqual(out);
      }),
      { numRuns: 500, seed: 14 },
    );
  });

  it("the issue's case: P-006 at S/ 455,000 is not funded against a S/ 299,000 share", () => {
    const out = splitSelection({
      envelopeCents: 1_196_000_00,
      sectors: ['agro', 'vias', 'educ', 'salud'].map((id) => ({ id, shareCents: 1 })),
      order: [
        { code: 'P-006', sectorId: 'salud', costCents: 455_000_00 },
        { code: 'P-001', sectorId: 'agro', costCents: 290_000_00 },
        { code: 'P-002', sectorId: 'vias', costCents: 295_000_00 },
        { code: 'P-003', sectorId: 'educ', costCents: 280_000_00 },
        { code: 'P-007', sectorId: 'salud', costCents: 290_000_00 },
      ],
    });
    expect(out.sectors.map((s) => s.shareCents)).toEqual([
      299_000_00, 299_000_00, 299_000_00, 299_000_00,
    ]);
    expect(out.sectors[3]).toMatchObject({
      selected: ['P-007'],
      skipped: ['P-006'],
      spentCents: 290_000_00,
      leftoverCents: 9_000_00,
    });
    expect(out.pooledCents).toBe(41_000_00);
    expect(out.remainder.selected).toEqual([]);
    expect(out.selectionOrder).not.toContain('P-006');
  });

  it('the remainder pass funds, in the global order, what fits in the pooled leftover', () => {
    const out = splitSelection({
      envelopeCents: 1_000_00,
      sectors: [
        { id: 'a', shareCents: 500_00 },
        { id: 'b', shareCents: 500_00 },
      ],
      order: [
        { code: 'A1', sectorId: 'a', costCents: 600_00 },
        { code: 'B1', sectorId: 'b', costCents: 100_00 },
        { code: 'A2', sectorId: 'a', costCents: 300_00 },
        { code: 'X1', sectorId: 'x', costCents: 350_00 },
      ],
    });
    // a: A1 does not fit 500, A2 does (200 left); b: B1 (400 left); pool 600: A1 (600) fits.
    expect(out.sectors.map((s) => s.selected)).toEqual([['A2'], ['B1']]);
    expect(out.pooledCents).toBe(600_00);
    expect(out.remainder).toEqual({ selected: ['A1'], spentCents: 600_00, leftoverCents: 0 });
    expect(out.totalCents).toBe(1_000_00);
  });
});
