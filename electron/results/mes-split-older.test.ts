// A file saved before MES with the sector split was refused in setup holds both (written here
// through the store as such a build did). One definition of the rule that runs
// (effectiveRule): the tally, the export, the results and the Acta all name the split.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { sectorSplitWorkshop } from '../../test/helpers/sector-split-workshop';
import { codeOf } from '../../test/helpers/store';
import { effectiveRule } from '../../shared/results/sector-split';
import { exportWorkshop } from '../export/export';
import { previewPayload } from '../minutes/seal';
import { methodText } from '../minutes/pdf/minutes-votes';
import { getSetup, saveSetup } from '../workshop/workshop';
import { chooseOfficialRound, officialWarnings } from './official';
import { roundResults } from './results';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minka-mes-split-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('MES and the split both saved by an older build: the split runs, and every reader says so', () => {
  const { db, e, roundId } = sectorSplitWorkshop(join(dir, 'older.minka'), true, 'mes');
  try {
    const setup = getSetup(db);
    expect(setup).toMatchObject({ selectionRule: 'mes', sectorSplit: true });
    expect(effectiveRule(setup)).toBe('sectorSplit');
    // The tally: the split selected (P-006 is over Salud's share), named as such.
    const r = roundResults(db, roundId);
    if (r.kind !== 'priority') throw new Error('a prioritisation round expected');
    expect(r.value.split).toBeTruthy();
    expect(r.value.appliedRule).toBe('sectorSplit');
    // The export: the setup's words as stored, and the rule that ran beside them.
    const doc = exportWorkshop(db, new Date('2026-05-20T12:00:00Z'));
    expect(doc.workshop).toMatchObject({
      selectionRule: 'mes',
      sectorSplit: true,
      appliedRule: 'sectorSplit',
    });
    const inExport = (doc.results as { kind: string; value: { appliedRule?: string } }[]).find(
      (x) => x.kind === 'priority',
    );
    expect(inExport?.value.appliedRule).toBe('sectorSplit');
    // The Acta: its method line names the split, not MES.
    chooseOfficialRound(db, e, { roundId, confirmed: officialWarnings(db, roundId) });
    const p = previewPayload(db, {
      sealedAt: '2026-05-14T20:00:00.000Z',
      publicKey: 'k'.repeat(44),
      keyFingerprint: 'AAAA',
    });
    const pr = p.prioritized;
    if (!pr) throw new Error('no prioritized list');
    expect(methodText('es', pr.method, pr.split !== undefined)).toMatch(
      /Por sector: cada sector financia/,
    );
    expect(methodText('es', pr.method, pr.split !== undefined)).not.toMatch(/Partes Iguales/);
    // Other fields still save (the rules are locked by the closed round, the pair kept)…
    expect(saveSetup(db, e, { ...getSetup(db), title: 'Taller corregido' }).title).toBe(
      'Taller corregido',
    );
  } finally {
    db.close();
  }
  // …while a new pair is still refused on a file that never had it.
  const { db: fresh, e: fe } = sectorSplitWorkshop(join(dir, 'fresh.minka'), false);
  try {
    expect(
      codeOf(() =>
        saveSetup(fresh, fe, { ...getSetup(fresh), selectionRule: 'mes', sectorSplit: true }),
      ),
    ).toMatch(/^(INVALID_INPUT:results.error.mesWithSectorSplit|CONFLICT:)/);
  } finally {
    fresh.close();
  }
});
