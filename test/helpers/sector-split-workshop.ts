// The case as a workshop file (issue 14, item 4): envelope S/ 1,196,000, a sector vote
// giving four sectors S/ 299,000 each, and a show-of-hands round where P-006 (Salud, S/ 455,000)
// is the most voted. Written through the real store; used by the store test and the e2e spec.
import { fillVotingFixture } from './voting-fixture';
import { roundInput } from './round-input';
import { fixedEnv } from './store';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb, type Db } from '../../electron/platform/db';
import { reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { createRound, openRound } from '../../electron/voting/voting';
import { enterCount } from '../../electron/voting/hands';
import { closeRound } from '../../electron/voting/close-round';
import { type Env, getSetup, initWorkshop } from '../../electron/workshop/workshop';

export function sectorSplitWorkshop(
  file: string,
  sectorSplit: boolean,
  /** 'mes': written as a build from before MES with the split was refused would have. */
  selectionRule: 'greedy' | 'mes' = 'greedy',
): { db: Db; e: Env; roundId: string } {
  const e = fixedEnv();
  createWorkshopDb(file, (d) =>
    initWorkshop(d, e, 'split', {
      ...demoSetup(),
      envelopeCents: 1_196_000_00,
      sectorSplit,
      selectionRule,
    }),
  );
  const db = openWorkshopDb(file);
  const fx = db.transaction(() => fillVotingFixture(db, e, { proposals: 0 }))();
  const [agro, vias, educ, salud] = getSetup(db).sectors.map((s) => s.id) as [
    string,
    string,
    string,
    string,
  ];
  // The sector vote: one vote each for four sectors, S/ 299,000 each.
  const sv = openRound(
    db,
    e,
    createRound(db, e, roundInput(fx, { kind: 'sector', itemIds: [agro, vias, educ, salud] })).id,
  );
  for (const s of [agro, vias, educ, salud])
    enterCount(db, e, { roundId: sv.id, itemId: s, operator: 'A', count: 1 });
  closeRound(db, e, sv.id);
  const props: [string, string, number, number][] = [
    ['P-002', agro, 290_000_00, 4],
    ['P-003', vias, 295_000_00, 4],
    ['P-004', educ, 280_000_00, 3],
    ['P-006', salud, 455_000_00, 5],
    ['P-007', salud, 290_000_00, 2],
  ];
  const ids = props.map(([code, sectorId, cost]) => {
    const p = saveProposal(db, e, {
      code,
      title: `Proyecto ${code}`,
      description: '',
      sectorId,
      community: 'Ayllu',
      organizationId: null,
      estimatedCostCents: cost,
      beneficiaries: 10,
      cui: '',
      cofinancingCents: 0,
      carriedFrom: '',
    });
    reviewProposal(db, e, {
      proposalId: p.id,
      decision: 'admitted',
      reason: null,
      explanation: '',
    });
    return p.id;
  });
  const r = openRound(db, e, createRound(db, e, roundInput(fx, { itemIds: ids })).id);
  props.forEach(([, , , votes], i) =>
    enterCount(db, e, { roundId: r.id, itemId: ids[i] ?? '', operator: 'A', count: votes }),
  );
  closeRound(db, e, r.id);
  return { db, e, roundId: r.id };
}
