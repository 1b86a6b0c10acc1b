// voting:get of an open ballot round (the kiosk's list of who may still vote) with 300 people
// present, at 2,000 and at 20,000 registered: it read the whole registry (every participant and
// organisation) on each call; now only the vote holders present and their organisations. The
// figure should not grow with the registry. Baseline in the same run: workshop:get.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Core } from '../../electron/core/core';
import { demoSetup } from '../../electron/demo/demo';
import { checkIn } from '../../electron/attendance/attendance';
import { reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { saveOrganization, saveParticipant } from '../../electron/registry/registry';
import { getSetup } from '../../electron/workshop/workshop';
import { tempDir } from '../helpers/tmp';
import { roundInput } from '../helpers/round-input';
import type { Figure } from './table';

const PRESENT = 300;
/** Organisations in the registry, whatever its size: the titulars of the first 300 are present. */
const ORGS = 500;

async function median(runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? 0;
}

/** A workshop with `registered` people, PRESENT vote holders present and an open ballot round. */
export async function kioskWorkshop(
  dir: string,
  registered: number,
): Promise<{ core: Core; workshopId: string; roundId: string }> {
  mkdirSync(dir, { recursive: true });
  const core = new Core({ dataDir: dir, host: 'cli' });
  {
    const w = core.createFile(join(dir, `get-${registered}.minka`), demoSetup(), (db, env) => {
      const setup = getSetup(db);
      const venue = setup.venues[0];
      if (!venue) throw new Error('no venue');
      const orgs: string[] = [];
      for (let o = 0; o < ORGS; o++)
        orgs.push(
          saveOrganization(db, env, {
            name: `Comunidad Campesina Ayllu ${o + 1}`,
            type: 'comunidadCampesina',
            community: `Ayllu ${o + 1}`,
            standingProof: 'publicRegistry',
            standingRef: '',
          }).id,
        );
      for (let i = 0; i < registered; i++) {
        const p = saveParticipant(db, env, {
          dni: String(40_000_000 + i),
          givenNames: `Persona ${i + 1}`,
          surnames: i % 3 ? 'Quispe Huamán' : 'Mamani Ccori',
          sex: i % 2 ? 'F' : 'M',
          language: 'quz',
          organizationId: orgs[i % orgs.length] ?? null,
          role: i < orgs.length ? 'titular' : 'member',
          authorization: '',
          voice: 'voiceAndVote',
          accreditation: 'accredited',
        });
        // Person i < ORGS is the titular of organisation i; the first PRESENT are present.
        if (i < PRESENT)
          checkIn(db, env, {
            participantId: p.id,
            venueId: venue.id,
            day: venue.date,
            signMethod: 'signature',
            witness: '',
          });
      }
      for (let i = 0; i < 20; i++) {
        const p = saveProposal(db, env, {
          code: `P-${String(i + 1).padStart(3, '0')}`,
          title: `Proyecto ${i + 1}`,
          description: '',
          sectorId: setup.sectors[0]?.id ?? '',
          community: '',
          organizationId: null,
          estimatedCostCents: 100_000_00,
          beneficiaries: 100,
          cui: '',
          cofinancingCents: 0,
          carriedFrom: '',
        });
        reviewProposal(db, env, {
          proposalId: p.id,
          decision: 'admitted',
          reason: null,
          explanation: '',
        });
      }
    });
    const venue = getSetup(w.db).venues[0];
    const round = await core.call('voting:create', {
      workshopId: w.id,
      round: roundInput(
        { venueId: venue?.id ?? '', day: venue?.date ?? '' },
        { kind: 'ballot', ballotType: 'approval', maxChoices: 5 },
      ),
    });
    await core.call('voting:open', { workshopId: w.id, roundId: round.value.id });
    return { core, workshopId: w.id, roundId: round.value.id };
  }
}

async function one(dir: string, registered: number): Promise<{ get: number; base: number }> {
  const { core, workshopId, roundId } = await kioskWorkshop(dir, registered);
  try {
    const d = await core.call('voting:get', { workshopId, roundId });
    if (d.voters.length !== PRESENT) throw new Error(`voting:get lists ${d.voters.length} voters`);
    const base = await median(30, () => core.call('workshop:get', { workshopId }));
    const get = await median(30, () => core.call('voting:get', { workshopId, roundId }));
    return { get, base };
  } finally {
    core.closeAll();
  }
}

export async function benchVotingGet(): Promise<Figure[]> {
  const { dir, cleanup } = tempDir('minka-bench-voting-get-');
  try {
    const small = await one(join(dir, 'a'), 2000);
    const large = await one(join(dir, 'b'), 20_000);
    return [
      {
        name: `voting:get, open ballot round, ${PRESENT} vote holders present, 2,000 registered`,
        ms: small.get,
        goal: 5,
        note: `median of 30; workshop:get in the same workshop ${small.base.toFixed(2)} ms (${(small.get / small.base).toFixed(1)}×)`,
      },
      {
        name: `voting:get, the same at 20,000 registered, against 2,000 registered`,
        ms: large.get,
        baseline: small.get,
        baselineName: 'voting:get at 2,000 registered',
        goal: 1.5,
        note: `median of 30; workshop:get ${large.base.toFixed(2)} ms`,
      },
    ];
  } finally {
    cleanup();
  }
}
