// Who may vote after each ballot (issue 13, item 1's figure): the scenario's registry
// (test/fixtures/registry/quechua-80.csv, 20 organisations, 80 people), everybody checked in
// and accredited, the scenario's twelve kiosk voters in its order. Under one vote per person
// each ballot takes exactly its voter off the list (Rosa WAMAN QORI voting leaves Rosa HUAMÁN
// CCORI of the same APAFA free to vote); under one vote per organisation the same voters'
// organisations vote once each, through their titular. Prints the table.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSetup } from '../../electron/demo/demo';
import { checkIn } from '../../electron/attendance/attendance';
import { createWorkshopDb, type Db, openWorkshopDb } from '../../electron/platform/db';
import { saveOrganization, saveParticipant } from '../../electron/registry/registry';
import { createRound, openRound } from '../../electron/voting/voting';
import { castKioskBallot } from '../../electron/voting/kiosk';
import { roundDetail } from '../../electron/voting/round-reads';
import { type Env, getSetup, initWorkshop } from '../../electron/workshop/workshop';
import type { VoteRule } from '../../shared/schemas/workshop';
import { saveProposal, reviewProposal } from '../../electron/proposals/proposals';
import { roundInput } from '../helpers/round-input';
import { fixedEnv } from '../helpers/store';

interface Row {
  dni: string;
  surnames: string;
  given: string;
  sex: 'F' | 'M';
  org: string;
  type: string;
  community: string;
  role: string;
}

function rows(): Row[] {
  const text = new TextDecoder('windows-1252').decode(
    readFileSync(join(__dirname, '../fixtures/registry/quechua-80.csv')),
  );
  return text
    .split(/\r\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const c = line.split(';');
      return {
        dni: c[1] ? c[1].padStart(8, '0') : '',
        surnames: c[2] ?? '',
        given: c[3] ?? '',
        sex: c[4] === 'Mujer' ? 'F' : 'M',
        org: c[5] ?? '',
        type: c[6] ?? '',
        community: c[7] ?? '',
        role: c[8] ?? '',
      };
    });
}

const ROLE: Record<string, 'titular' | 'suplente' | 'member'> = {
  Titular: 'titular',
  Suplente: 'suplente',
  Miembro: 'member',
};

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The scenario's workshop under `rule`; returns the db, the people in CSV order and a round. */
function scenario(rule: VoteRule): {
  db: Db;
  ids: string[];
  orgOf: string[];
  roundId: string;
  item: string;
  env: Env;
} {
  dir = mkdtempSync(join(tmpdir(), 'minka-kiosk80-'));
  const env = fixedEnv();
  const file = join(dir, 'w.minka');
  createWorkshopDb(file, (d) => initWorkshop(d, env, 'k80', { ...demoSetup(), voteRule: rule }));
  const db = openWorkshopDb(file);
  const venue = getSetup(db).venues[0];
  if (!venue) throw new Error('no venue');
  const orgs = new Map<string, string>();
  const ids: string[] = [];
  const orgOf: string[] = [];
  for (const r of rows()) {
    let org = orgs.get(r.org);
    if (!org) {
      org = saveOrganization(db, env, {
        name: r.org,
        type: r.type === 'APAFA' ? 'apafa' : 'comunidadCampesina',
        community: r.community,
        standingProof: 'publicRegistry',
        standingRef: '',
      }).id;
      orgs.set(r.org, org);
    }
    const p = saveParticipant(db, env, {
      dni: r.dni,
      givenNames: r.given,
      surnames: r.surnames,
      sex: r.sex,
      language: 'quz',
      organizationId: org,
      role: ROLE[r.role] ?? 'member',
      authorization: '',
      voice: 'voiceAndVote',
      accreditation: 'accredited',
    });
    checkIn(db, env, {
      participantId: p.id,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
    ids.push(p.id);
    orgOf.push(r.org);
  }
  const prop = saveProposal(db, env, {
    code: 'P-001',
    title: 'Canal',
    description: '',
    sectorId: getSetup(db).sectors[0]?.id ?? '',
    community: '',
    organizationId: null,
    estimatedCostCents: 100_00,
    beneficiaries: 0,
    cui: '',
    cofinancingCents: 0,
    carriedFrom: '',
  });
  reviewProposal(db, env, {
    proposalId: prop.id,
    decision: 'admitted',
    reason: null,
    explanation: '',
  });
  const round = openRound(
    db,
    env,
    createRound(
      db,
      env,
      roundInput(
        { venueId: venue.id, day: venue.date },
        { kind: 'ballot', ballotType: 'approval', maxChoices: 1 },
      ),
    ).id,
  );
  return { db, ids, orgOf, roundId: round.id, item: prop.id, env };
}

// The scenario's kiosk voters, in its order (test/e2e/scenario-per-person.spec.ts).
const VOTERS = [0, 1, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21];

describe('kiosk: who may vote after each ballot, the scenario registry', () => {
  it('one vote per person: each ballot takes its voter, and only its voter, off the list', () => {
    const { db, ids, orgOf, roundId, item, env } = scenario('perPerson');
    const people = rows();
    const may = () =>
      new Set(
        roundDetail(db, roundId)
          .voters.filter((v) => !v.voted)
          .map((v) => v.participantId),
      );
    expect(may().size).toBe(80);
    const table: string[] = [
      'ballot | voter | organisation | may vote | same organisation may vote',
    ];
    VOTERS.forEach((i, k) => {
      const before = may();
      castKioskBallot(db, env, {
        roundId,
        participantId: ids[i] ?? '',
        ballot:
          k % 4 === 3
            ? { choices: [], points: null, blank: true }
            : { choices: [item], points: null },
      });
      const after = may();
      // Exactly the voter left the list.
      expect([...before].filter((x) => !after.has(x))).toEqual([ids[i]]);
      expect(after.size).toBe(80 - (k + 1));
      const mates = ids.filter((_, j) => orgOf[j] === orgOf[i]);
      const free = mates.filter((x) => after.has(x)).length;
      table.push(
        `${k + 1} | ${people[i]?.surnames}, ${people[i]?.given}${k % 4 === 3 ? ' (blank)' : ''} | ${orgOf[i]} | ${after.size} of 80 | ${free} of ${mates.length}`,
      );
    });
    console.log(`kiosk, one vote per person:\n${table.join('\n')}`);
    db.close();
  });

  it("one vote per organisation: the same voters' organisations vote once each, through the vote holder", () => {
    const { db, ids, orgOf, roundId, item, env } = scenario('perOrganization');
    const detail = () => roundDetail(db, roundId);
    // 19 organisations; C.C. Tinki sent two members and no titular or suplente: no vote.
    expect(detail().entitled).toBe(18);
    const holders = new Map(detail().voters.map((v) => [v.organization, v.participantId]));
    const table: string[] = ['ballot | organisation | organisations that may vote'];
    const seen: string[] = [];
    for (const i of VOTERS) {
      const org = orgOf[i] ?? '';
      if (seen.includes(org)) continue;
      seen.push(org);
      castKioskBallot(db, env, {
        roundId,
        participantId: holders.get(org) ?? '',
        ballot: { choices: [item], points: null },
      });
      const left = detail().voters.filter((v) => !v.voted);
      expect(left.length).toBe(18 - seen.length);
      expect(left.some((v) => v.organization === org)).toBe(false);
      table.push(`${seen.length} | ${org} | ${left.length} of 18`);
    }
    expect(ids).toHaveLength(80);
    console.log(`kiosk, one vote per organisation:\n${table.join('\n')}`);
    db.close();
  });
});
