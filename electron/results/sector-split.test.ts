// Issue 14, item 4, from a fresh workshop: the setup's "el voto sectorial reparte el monto".
// The case: the sector vote gives Salud S/ 299,000 and P-006 (Salud, S/ 455,000) is
// the most voted. Split off: greedy over the whole envelope funds P-006. Split on: Salud funds
// what fits in its share, P-006 is not selected, and the pooled leftover is too small for it.
// The close event stores the shares and the per-sector outcome; `minka check` recomputes them;
// the option is locked with the other deciding fields once the round has closed.
import { sealWarningIds } from '../../test/helpers/minutes-fixture';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectSnapshot } from '../minutes/snapshot';
import { sectorSplitWorkshop } from '../../test/helpers/sector-split-workshop';
import { codeOf } from '../../test/helpers/store';
import { checkWorkshopFile } from '../check/check';
import { roundResults } from './results';
import { allFrozen } from '../voting/round-freeze';
import { chooseOfficialRound, officialWarnings } from './official';
import { sealWorkshop } from '../minutes/seal';
import { checkRecord } from '../check/check';
import type { Lang } from '../../shared/i18n';
import { getSetup, saveSetup } from '../workshop/workshop';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function workshop(sectorSplit: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'minka-split-'));
  dirs.push(dir);
  const file = join(dir, 'w.minka');
  return { ...sectorSplitWorkshop(file, sectorSplit), file, dir };
}

describe('the sector vote splits the envelope (setup option)', () => {
  it('off: greedy over the whole envelope funds P-006', () => {
    const { db, roundId } = workshop(false);
    const res = roundResults(db, roundId);
    if (res.kind !== 'priority') throw new Error('not a priority round');
    expect(res.value.projects.find((p) => p.code === 'P-006')?.selected).toBe(true);
    expect(res.value.split).toBeUndefined();
    // The setup's rule selected: no other rule is named.
    expect(res.value.appliedRule).toBeUndefined();
    db.close();
  });

  it('on: P-006 at S/ 455,000 is not selected against a S/ 299,000 share; frozen, checked, locked', async () => {
    const { db, e, file, roundId } = workshop(true);
    const res = roundResults(db, roundId);
    if (res.kind !== 'priority') throw new Error('not a priority round');
    const v = res.value;
    const selected = v.projects.filter((p) => p.selected).map((p) => p.code);
    expect(selected.sort()).toEqual(['P-002', 'P-003', 'P-004', 'P-007']);
    expect(
      v.split?.sectors.map((s) => [
        s.name,
        s.shareCents,
        s.selected,
        s.spentCents,
        s.leftoverCents,
      ]),
    ).toEqual([
      ['Agricultura y ganadería', 299_000_00, ['P-002'], 290_000_00, 9_000_00],
      ['Transportes/caminos', 299_000_00, ['P-003'], 295_000_00, 4_000_00],
      ['Educación', 299_000_00, ['P-004'], 280_000_00, 19_000_00],
      ['Salud', 299_000_00, ['P-007'], 290_000_00, 9_000_00],
    ]);
    expect(v.split?.sectors[3]?.skipped).toEqual(['P-006']);
    expect(v.split?.pooledCents).toBe(41_000_00);
    expect(v.split?.remainder).toEqual({ selected: [], spentCents: 0, leftoverCents: 41_000_00 });
    expect(v.totalCents).toBe(1_155_000_00);
    // The split selected, not the setup's "greedy": the screen, projector and export say so.
    expect(v.rule).toBe('greedy');
    expect(v.appliedRule).toBe('sectorSplit');
    // The close event stores the shares and the per-sector outcome.
    const frozen = allFrozen(db).find((f) => f.roundId === roundId)?.frozen;
    expect(frozen?.inputs.sectorSplit).toBe(true);
    expect(Object.values(frozen?.inputs.shares ?? {})).toEqual([
      299_000_00, 299_000_00, 299_000_00, 299_000_00,
    ]);
    expect(frozen?.results.kind === 'priority' && frozen.results.value.split?.pooledCents).toBe(
      41_000_00,
    );
    // The Acta's list follows the same outcome.
    const acta = collectSnapshot(db).prioritized;
    expect(
      acta?.items
        .filter((i) => i.funded)
        .map((i) => i.code)
        .sort(),
    ).toEqual(['P-002', 'P-003', 'P-004', 'P-007']);
    expect(acta?.split?.sectors.map((x) => [x.name, x.shareCents, x.selected])).toEqual([
      ['Agricultura y ganadería', 299_000_00, ['P-002']],
      ['Transportes/caminos', 299_000_00, ['P-003']],
      ['Educación', 299_000_00, ['P-004']],
      ['Salud', 299_000_00, ['P-007']],
    ]);
    // Locked with the other deciding fields after the prioritisation round closed.
    expect(codeOf(() => saveSetup(db, e, { ...getSetup(db), sectorSplit: false }))).toMatch(
      /^CONFLICT:/,
    );
    db.close();
    const check = await checkWorkshopFile(file);
    expect(check.consistency?.problems).toEqual([]);
    expect(check.results).toEqual({ ok: true, rounds: 2, problems: [] });
  });
});

describe('the Acta prints the sector split', () => {
  it.each(['es', 'quz'] as Lang[])(
    '%s: the per-sector table, the remainder line and the funded list',
    async (lang) => {
      const { db, e, dir, roundId } = workshop(true);
      chooseOfficialRound(db, e, { roundId, confirmed: officialWarnings(db, roundId) });
      const { pdf } = await sealWorkshop(
        db,
        dir,
        new Date('2026-05-14T20:00:00Z'),
        {
          lang,
          bilingual: false,
          slips: false,
          passphrase: null,
          acknowledged: sealWarningIds(db, lang),
        },
        checkRecord,
      );
      db.close();
      const f = join(dir, `acta-${lang}.pdf`);
      writeFileSync(f, pdf);
      const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
      const heading =
        lang === 'es' ? 'Reparto del monto por sector' : 'Qullqi rakiy sapa sectorpaq';
      expect(text).toContain(heading);
      // The method line names the split that selected, never "voraz" (it did not select).
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(
        lang === 'es'
          ? '· Por sector: cada sector financia lo que cabe en su parte del monto, luego el remanente.'
          : '· Sapa sectorpi: sapa sectormi rakisqan ukhupi haypaqta qullqichan',
      );
      expect(flat).not.toContain('(voraz)');
      // The quorum at closing in the rule's unit, and the rule (issue: "5 de 3 necesarias").
      if (lang === 'es') {
        // Why P-006, the best scored, is not funded: it did not fit in Salud's share.
        expect(flat).toContain(
          'No financiados (no cupieron en la parte de su sector ni en el remanente):',
        );
        expect(flat).toContain(
          'Al cerrar la ronda había quórum — organizaciones presentes: 5; mínimo necesario: 3.',
        );
        expect(flat).toContain(
          'Regla de quórum: al menos el 50 % de las organizaciones acreditadas',
        );
      }
      // Salud's row: its share, P-007 funded, P-006 did not fit in the share, S/ 290,000.00
      // spent, S/ 9,000.00 left over. The seeded name prints in the Acta's language (layout 8).
      const salud = lang === 'quz' ? 'Qhali kay' : 'Salud';
      expect(text).toMatch(
        new RegExp(
          `${salud}\\s+S\\/\\s*299[,.]000\\.00\\s+P-007\\s+P-006\\s+S\\/\\s*290[,.]000\\.00\\s+S\\/\\s*9[,.]000\\.00`,
        ),
      );
      // Rendered for a person to look at (MINKA_SHOTS=folder).
      const shots = process.env['MINKA_SHOTS'];
      if (shots) {
        mkdirSync(shots, { recursive: true });
        copyFileSync(f, join(shots, `acta-split-${lang}.pdf`));
      }
    },
    60_000,
  );
});
