// Sealed workshops for the minutes tests and bench: the demo, and a small workshop that
// voted (a closed show-of-hands round with criteria scores), both sealed through the real
// store and signed with a key in the given data folder.
import { join } from 'node:path';
import type { Lang } from '../../shared/lang';
import { scoreProposal } from '../../electron/criteria/criteria';
import { createWorkshopDb, type Db, openWorkshopDb } from '../../electron/platform/db';
import { saveAgreement, saveClosingRemarks, saveMember } from '../../electron/minutes/minutes';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { type Env, initWorkshop } from '../../electron/workshop/workshop';
import { demoEnv, demoSetup, fillDemo } from '../../electron/demo/demo';
import { sealWorkshop, type SealOptions } from '../../electron/minutes/seal';
import { sealWarnings } from '../../electron/minutes/seal-warnings';
import { checkRecord } from '../../electron/check/check';
import { fillVotingFixture } from './voting-fixture';
import { roundInput } from './round-input';

/** Seal options but the confirmations, which each caller passes for its file (sealWarningIds). */
export const SEAL_OPTS: Omit<SealOptions, 'acknowledged'> = {
  lang: 'es',
  bilingual: true,
  slips: false,
  passphrase: null,
};

/**
 * Every seal warning that applies to this file (and to an Acta in `lang`), as a person ticking
 * each checkbox confirms them.
 */
export const sealWarningIds = (db: Db, lang?: Lang): string[] =>
  sealWarnings(db, lang).map((w) => w.id);

export function fixedEnv(start = '2026-05-14T13:00:00Z'): Env {
  let t = Date.parse(start);
  let n = 0;
  return { now: () => new Date((t += 1000)), newId: () => `id${String(++n).padStart(4, '0')}` };
}

/** The demo workshop in `dir` (same ids and clock every time). */
export function demoDb(dir: string, name = 'demo.minka'): Db {
  const file = join(dir, name);
  const base = fixedEnv();
  createWorkshopDb(file, (db) => {
    const env = demoEnv(base);
    initWorkshop(db, env, 'demo-workshop', demoSetup());
    fillDemo(db, env);
  });
  return openWorkshopDb(file);
}

/** A small workshop that voted: 5 organisations, 4 admitted proposals, one closed round, scores. */
export function votedDb(dir: string, name = 'voted.minka', envelopeCents = 1_000_000_00): Db {
  const file = join(dir, name);
  const env = fixedEnv();
  createWorkshopDb(file, (db) =>
    initWorkshop(db, env, 'voted-workshop', { ...demoSetup(), envelopeCents }),
  );
  const db = openWorkshopDb(file);
  const fx = db.transaction(() => fillVotingFixture(db, env))();
  const round = openRound(
    db,
    env,
    createRound(db, env, roundInput(fx, { title: 'Priorización de proyectos' })).id,
  );
  fx.proposals.forEach((p, i) =>
    enterCount(db, env, { roundId: round.id, itemId: p, operator: 'A', count: 5 - i }),
  );
  fx.proposals.forEach((p, i) =>
    scoreProposal(db, env, {
      proposalId: p,
      scoredBy: 'Equipo técnico',
      scores: [
        { criterionId: 'poverty', score: 8 - i },
        { criterionId: 'services', score: 6 },
        { criterionId: 'technical', score: 7 },
      ],
    }),
  );
  closeRound(db, env, round.id);
  chooseOfficialRound(db, env, { roundId: round.id, confirmed: officialWarnings(db, round.id) });
  saveAgreement(db, env, {
    text: 'Registrar los proyectos priorizados en el aplicativo del MEF.',
    responsible: 'Gerencia de Planeamiento',
    due: '2026-06-15',
  });
  saveMember(db, env, {
    participantId: fx.titulars[0] ?? null,
    name: 'QUISPE, Persona 1A',
    dni: '40000000',
    organization: 'Comunidad Campesina 1',
    role: 'coordinator',
  });
  saveClosingRemarks(db, env, 'Se levantó la sesión a las 17:00 horas.');
  return db;
}

/** Seal with a fixed clock; returns the PDF. */
export async function seal(
  db: Db,
  dataDir: string,
  at = '2026-05-16T22:40:00Z',
  opts: Partial<SealOptions> = {},
): Promise<Buffer> {
  const confirmed = {
    acknowledged: sealWarningIds(db, opts.lang ?? SEAL_OPTS.lang),
    ...SEAL_OPTS,
    ...opts,
  };
  return (await sealWorkshop(db, dataDir, new Date(at), confirmed, checkRecord)).pdf;
}
