// Who may vote after each kiosk ballot, under each vote rule, through the real store: the
// kiosk list (roundDetail), the store's refusal and an independent statement of the rule
// must agree. Before the fix, one person voting under "one vote per person" used up the
// vote of everybody in their organisation.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Participant, ParticipantRole } from '../../shared/schemas/attendance';
import type { VoteRule } from '../../shared/schemas/workshop';
import { codeOf, fixedEnv } from '../../test/helpers/store';
import { roundInput } from '../../test/helpers/round-input';
import { demoSetup } from '../demo/demo';
import { checkIn } from '../attendance/attendance';
import type { Db } from '../platform/db';
import { migrate } from '../platform/migrations';
import { reviewProposal, saveProposal } from '../proposals/proposals';
import { saveOrganization, saveParticipant } from '../registry/registry';
import { createRound, openRound } from './voting';
import { castKioskBallot } from './kiosk';
import { closeRound } from './close-round';
import { roundDetail } from './round-reads';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';

interface PersonSpec {
  org: number | null;
  role: ParticipantRole;
  accredited: boolean;
  vote: boolean;
  present: boolean;
}

function workshop(rule: VoteRule, orgs: number, people: PersonSpec[]) {
  const db: Db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const e: Env = fixedEnv();
  db.transaction(() => initWorkshop(db, e, 'w1', { ...demoSetup(), voteRule: rule }))();
  const setup = getSetup(db);
  const venue = setup.venues[0];
  if (!venue) throw new Error('no venue');
  const orgIds = Array.from(
    { length: orgs },
    (_, i) =>
      saveOrganization(db, e, {
        name: `Comunidad ${i + 1}`,
        type: 'comunidadCampesina',
        community: `Ayllu ${i + 1}`,
        standingProof: 'publicRegistry',
        standingRef: '',
      }).id,
  );
  const registry: Participant[] = people.map((s, i) =>
    saveParticipant(db, e, {
      dni: String(10000000 + i),
      givenNames: `Persona ${i + 1}`,
      surnames: 'Quispe',
      sex: i % 2 ? 'F' : 'M',
      language: 'quz',
      organizationId: s.org === null ? null : (orgIds[s.org % orgs] ?? null),
      role: s.role,
      authorization: '',
      voice: s.vote ? 'voiceAndVote' : 'voiceOnly',
      accreditation: s.accredited ? 'accredited' : 'pending',
    }),
  );
  const checkedIn: string[] = [];
  people.forEach((s, i) => {
    const p = registry[i];
    if (s.present && p) {
      checkIn(db, e, {
        participantId: p.id,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
      checkedIn.push(p.id);
    }
  });
  const prop = saveProposal(db, e, {
    code: 'P-001',
    title: 'Riego',
    description: '',
    sectorId: setup.sectors[0]?.id ?? '',
    community: '',
    organizationId: null,
    estimatedCostCents: 100_00,
    beneficiaries: 10,
    cui: '',
    cofinancingCents: 0,
    carriedFrom: '',
  });
  reviewProposal(db, e, {
    proposalId: prop.id,
    decision: 'admitted',
    reason: null,
    explanation: '',
  });
  const round = openRound(
    db,
    e,
    createRound(
      db,
      e,
      roundInput(
        { venueId: venue.id, day: venue.date },
        { kind: 'ballot', ballotType: 'approval', maxChoices: 1 },
      ),
    ).id,
  );
  const cast = (participantId: string) =>
    castKioskBallot(db, e, {
      roundId: round.id,
      participantId,
      ballot: { choices: [prop.id], points: null },
    });
  return { db, e, round, registry, checkedIn, cast, propId: prop.id };
}

const ROLE_ORDER: ParticipantRole[] = ['titular', 'suplente', 'delegate'];

/**
 * The rule as the ordinance states it, written independently of the code under test:
 * per person, every present accredited person with a vote who has not voted; per
 * organisation, for each organisation that has not voted, its present titular, else its
 * suplente, else its delegate (the first to arrive), never a plain member.
 */
function oracle(
  rule: VoteRule,
  registry: Participant[],
  checkedIn: string[],
  voted: string[],
): string[] {
  const can = registry.filter(
    (p) =>
      checkedIn.includes(p.id) && p.accreditation === 'accredited' && p.voice === 'voiceAndVote',
  );
  if (rule === 'perPerson')
    return can
      .filter((p) => !voted.includes(p.id))
      .map((p) => p.id)
      .sort();
  const usedOrgs = new Set(voted.map((id) => registry.find((p) => p.id === id)?.organizationId));
  const out: string[] = [];
  for (const orgId of new Set(can.map((p) => p.organizationId))) {
    if (orgId === null || usedOrgs.has(orgId)) continue;
    for (const role of ROLE_ORDER) {
      const first = can
        .filter((p) => p.organizationId === orgId && p.role === role)
        .sort((a, b) => checkedIn.indexOf(a.id) - checkedIn.indexOf(b.id))[0];
      if (first) {
        out.push(first.id);
        break;
      }
    }
  }
  return out.sort();
}

const waitingAtKiosk = (db: Db, roundId: string) =>
  roundDetail(db, roundId)
    .voters.filter((v) => !v.voted)
    .map((v) => v.participantId)
    .sort();

describe('who may vote (kiosk, store and the rule agree)', () => {
  it('one vote per person: Ana votes, Berta of the same community still may; the count says 1 of 2', () => {
    const spec = (role: ParticipantRole): PersonSpec => ({
      org: 0,
      role,
      accredited: true,
      vote: true,
      present: true,
    });
    const w = workshop('perPerson', 1, [spec('titular'), spec('member')]);
    const [ana, berta] = w.registry as [Participant, Participant];
    w.cast(ana.id);
    const d = roundDetail(w.db, w.round.id);
    expect(d.voteRule).toBe('perPerson');
    expect(d.voters.filter((v) => v.voted).map((v) => v.participantId)).toEqual([ana.id]);
    expect(waitingAtKiosk(w.db, w.round.id)).toEqual([berta.id]);
    expect(d.entitled).toBe(2);
    w.cast(berta.id);
    expect(codeOf(() => w.cast(ana.id))).toBe('CONFLICT:voting.error.alreadyVoted');
    closeRound(w.db, w.e, w.round.id);
    const closed = roundDetail(w.db, w.round.id);
    expect(closed.voteRule).toBe('perPerson');
    expect(closed.voters.every((v) => v.voted)).toBe(true);
  });

  it('one vote per organisation: the titular votes, the suplente of the same organisation may not', () => {
    const spec = (role: ParticipantRole): PersonSpec => ({
      org: 0,
      role,
      accredited: true,
      vote: true,
      present: true,
    });
    const w = workshop('perOrganization', 1, [spec('titular'), spec('suplente')]);
    const [titular, suplente] = w.registry as [Participant, Participant];
    expect(waitingAtKiosk(w.db, w.round.id)).toEqual([titular.id]);
    w.cast(titular.id);
    expect(waitingAtKiosk(w.db, w.round.id)).toEqual([]);
    expect(codeOf(() => w.cast(suplente.id))).toBe('CONFLICT:voting.error.notEntitled');
  });

  it('property: for every rule and random registries, who may vote after each ballot is the rule', () => {
    const person = fc.record({
      org: fc.option(fc.nat(3), { freq: 5 }),
      role: fc.constantFrom<ParticipantRole>('titular', 'suplente', 'delegate', 'member'),
      accredited: fc.boolean(),
      vote: fc.boolean(),
      present: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom<VoteRule>('perPerson', 'perOrganization'),
        fc.integer({ min: 1, max: 4 }),
        fc.array(person, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (rule, orgs, people, picks) => {
          const w = workshop(rule, orgs, people);
          try {
            const voted: string[] = [];
            expect(waitingAtKiosk(w.db, w.round.id)).toEqual(
              oracle(rule, w.registry, w.checkedIn, voted),
            );
            for (const pick of picks) {
              const may = oracle(rule, w.registry, w.checkedIn, voted);
              // Somebody who may not vote now is refused, whatever the reason.
              const refused = w.registry.find((p) => !may.includes(p.id));
              if (refused)
                expect(codeOf(() => w.cast(refused.id))).toMatch(
                  /^CONFLICT:voting\.error\.(alreadyVoted|notEntitled)$/,
                );
              const who = may[pick % Math.max(may.length, 1)];
              if (!who) break;
              w.cast(who);
              voted.push(who);
              expect(waitingAtKiosk(w.db, w.round.id)).toEqual(
                oracle(rule, w.registry, w.checkedIn, voted),
              );
              const d = roundDetail(w.db, w.round.id);
              expect(d.ballots).toBe(voted.length);
              expect(d.voters.filter((v) => v.voted)).toHaveLength(voted.length);
            }
          } finally {
            w.db.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
