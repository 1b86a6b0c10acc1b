// Follow-up register benchmark (issue 7 §4): grouping agreements across years (the name
// comparison is quadratic in the agreements held), reading the register of the demo through
// dispatch (every stored Acta's signature checked again), and importing a sealed workshop
// file a year later. Baselines from the same run: a JSON round trip of the same register
// data, and hashing the imported file's bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildRegister } from '../../shared/followup/register';
import type { RegisterData, RegisterMinutes } from '../../shared/followup/register-model';
import type { AgreedItem, Reconciliation, RejectedItem } from '../../shared/plan/reconcile';
import { demoDb, seal } from '../helpers/minutes-fixture';
import { tempDir, testCore } from '../helpers/tmp';

type Figure = { name: string; ms: number; note?: string };

const PLACES = [
  'Huaraqa',
  'Ccochaccasa',
  'Pacchanta',
  'Tinkiwasi',
  'Qollqepata',
  'Mallmapampa',
  'Upispata',
  'Sallani',
  'Chillihuani',
  'Accocunca',
  'Antaqaqa',
  'Lauramarca',
];
const WORKS = [
  'canal de riego',
  'aulas de la I.E.',
  'puesto de salud',
  'camino vecinal',
  'cobertizos para alpacas',
  'reservorio',
  'puente peatonal',
  'sistema de agua potable',
  'losa deportiva',
  'centro de acopio',
];

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}
async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** `years` of minutes with 65 agreements and 24 rejections each; a third of the projects come back the next year. */
export function synthetic(years: number): RegisterData {
  const minutes: RegisterMinutes[] = [];
  const plans: RegisterData['plans'] = [];
  for (let y = 0; y < years; y++) {
    const id = createHash('sha256').update(`year ${y}`).digest('hex');
    const item = (i: number): AgreedItem => {
      const k = i % 3 === 0 ? i : i + y * 1000;
      return {
        key: `p${y}-${i}`,
        code: `P-${String(i + 1).padStart(3, '0')}`,
        cui: k % 4 === 0 ? String(2_500_000 + k) : '',
        title: `${i % 2 ? 'Mejoramiento del' : 'Construcción de'} ${WORKS[k % WORKS.length]} ${PLACES[(k * 7) % PLACES.length]} sector ${k}`,
        amountCents: 100_000_00 + k * 1000,
        cofinancingCents: 0,
        rank: i + 1,
        sector: 'Agricultura y ganadería',
      };
    };
    const agreed = Array.from({ length: 65 }, (_, i) => item(i));
    const rejected: RejectedItem[] = Array.from({ length: 24 }, (_, i) => ({
      ...item(100 + i),
      reason: 'notKeyNeed',
      explanation: 'x',
    }));
    minutes.push({
      id,
      fiscalYear: 2015 + y,
      municipality: 'M',
      title: `PP ${2015 + y}`,
      sealedAt: `${2014 + y}-05-20T23:00:00Z`,
      fingerprint: id.slice(0, 16),
      keyFingerprint: 'K',
      source: 'pdf',
      fileName: `${y}.pdf`,
      importedAt: '2026-01-01',
      agreed,
      unfunded: [],
      rejected,
    });
    const report: Reconciliation = {
      matched: [],
      amountChanged: [],
      notInMinutes: [],
      rejectedButFunded: [],
      undone: [],
      missingFromPlan: agreed
        .filter((_, i) => i % 5 === 0)
        .map((a) => ({
          key: a.key,
          code: a.code,
          cui: a.cui,
          title: a.title,
          rank: a.rank,
          agreedCents: a.amountCents,
        })),
      totals: {
        agreedCents: 0,
        planCents: 0,
        agreedInPlanCents: 0,
        notInMinutesCents: 0,
        rejectedButFundedCents: 0,
      },
    };
    plans.push({
      id: `plan${y}`,
      minutesId: id,
      fileName: 'p.csv',
      sha256: id,
      fingerprint: 'F',
      recordedAt: `${2015 + y}-12-01`,
      report,
    });
  }
  return { minutes, plans, notes: [], carries: [], unlinks: [] };
}

export async function benchFollowup(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const ten = synthetic(10);
  const round = time(() => JSON.parse(JSON.stringify(ten)) as RegisterData);
  figures.push({
    name: 'baseline: JSON round trip of 10 years of register data (890 items)',
    ms: round.ms,
  });
  let one = 0;
  for (const years of [1, 5, 10]) {
    const data = synthetic(years);
    buildRegister(data);
    // Best of 15: on a shared machine the minimum is the figure least disturbed by others.
    const runs = Array.from({ length: 15 }, () => time(() => buildRegister(data)));
    const best = Math.min(...runs.map((r) => r.ms));
    if (years === 1) one = best;
    const reg = runs[0]?.value;
    figures.push({
      name: `group ${years} year(s) × 89 items into projects with timelines`,
      ms: best,
      note: `${reg?.projects.length ?? 0} projects; ×${(best / one).toFixed(1)} the 1-year time; ×${(best / round.ms).toFixed(1)} the baseline`,
    });
  }

  const { dir, cleanup } = tempDir('minka-bench-followup-');
  try {
    const core = testCore(join(dir, 'data'), new Date('2027-06-01T13:00:00Z'));
    const demo = (await core.dispatch('workshop:openDemo', {})) as {
      ok: true;
      value: { workshopId: string };
    };
    await core.dispatch('followup:get', { workshopId: demo.value.workshopId });
    const gets = [];
    for (let i = 0; i < 10; i++)
      gets.push(
        (
          await timeAsync(() =>
            core.dispatch('followup:get', { workshopId: demo.value.workshopId }),
          )
        ).ms,
      );
    gets.sort((a, b) => a - b);
    figures.push({
      name: 'followup:get on the demo (signature checked, 11 projects) — median of 10',
      ms: gets[5] ?? 0,
    });

    const db = demoDb(dir, 'sealed-2027.minka');
    await seal(db, join(dir, 'laptop'));
    db.close();
    const bytes = readFileSync(join(dir, 'sealed-2027.minka'));
    const hash = time(() => createHash('sha256').update(bytes).digest('hex'));
    figures.push({
      name: `baseline: SHA-256 of the sealed 2027 demo file (${(bytes.length / 1048576).toFixed(1)} MB)`,
      ms: hash.ms,
    });
    const w = (await core.dispatch('workshop:create', {
      title: 'PP 2028',
      municipality: 'M',
      fiscalYear: 2028,
    })) as { ok: true; value: { workshopId: string } };
    const imp = await timeAsync(() =>
      core.dispatch('followup:importMinutes', {
        workshopId: w.value.workshopId,
        file: { fileName: 'sealed-2027.minka', base64: bytes.toString('base64') },
      }),
    );
    figures.push({
      name: 'import the sealed 2027 demo file into a 2028 workshop (2026 brought along) through dispatch',
      ms: imp.ms,
      note: `${imp.value.ok ? 'ok' : 'FAILED'}; ×${(imp.ms / hash.ms).toFixed(0)} the hash`,
    });
    core.closeAll();
  } finally {
    cleanup();
  }
  return figures;
}
