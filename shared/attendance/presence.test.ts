import { describe, expect, it } from 'vitest';
import type { Organization, Participant, ParticipantRole } from '../schemas/attendance';
import type { AttendanceRecord } from '../schemas/attendance';
import { computePresence } from './presence';

const org = (i: number): Organization => ({
  id: `o${i}`,
  name: `C.C. ${i}`,
  type: 'comunidadCampesina',
  community: `Ayllu ${i}`,
  standingProof: 'publicRegistry',
  standingRef: '',
});
const person = (
  id: string,
  orgId: string | null,
  role: ParticipantRole,
  over: Partial<Participant> = {},
): Participant => ({
  id,
  dni: '',
  givenNames: id,
  surnames: 'Quispe',
  sex: 'F',
  language: 'quz',
  organizationId: orgId,
  role,
  authorization: '',
  voice: 'voiceAndVote',
  accreditation: 'accredited',
  ...over,
});
const orgs = [1, 2, 3, 4].map(org);
const people = orgs.flatMap((o) => [
  person(`${o.id}t`, o.id, 'titular'),
  person(`${o.id}s`, o.id, 'suplente'),
  person(`${o.id}m1`, o.id, 'member'),
  person(`${o.id}m2`, o.id, 'member'),
]);
const here = (ids: string[], list = people) =>
  computePresence({
    organizations: orgs,
    participants: list,
    attendance: ids.map((id, k) => ({
      id: `r${k}`,
      participantId: id,
      venueId: 'v',
      day: '2026-05-14',
      checkedInAt: `2026-05-14T13:0${k}:00Z`,
      checkInSeq: k + 1,
      signMethod: 'signature',
      witness: '',
      undoneAt: null,
      undoReason: '',
      checkedOutAt: null,
    })),
    venueId: 'v',
    day: '2026-05-14',
    voteRule: 'perPerson',
    quorum: { kind: 'percent', percent: 50 },
  });

describe('quorum in the unit of its rule', () => {
  it('50 % of organisations counts organisations, even under one vote per person', () => {
    // Three titulars of four organisations: 3 of the 2 organisations needed, although only
    // 3 of 16 people with a vote came.
    const p = here(['o1t', 'o2t', 'o3t']);
    expect(p.quorum).toEqual({ unit: 'organizations', required: 2, actual: 3, base: 4, met: true });
    // Every person of one organisation: still one organisation.
    expect(here(['o1t', 'o1s', 'o1m1', 'o1m2']).quorum).toMatchObject({ actual: 1, met: false });
  });

  it('a set rule is never reported as no rule, even before anybody is accredited', () => {
    const pending = people.map((x) => ({ ...x, accreditation: 'pending' as const }));
    const p = here(['o1t'], pending);
    expect(p.quorum.unit).toBe('organizations');
    expect(p.quorum.met).toBe(false);
    expect(p.pendingPresent).toBe(1);
  });
});

describe('who came first: the log order, not the clock', () => {
  // Two presidents (titular) of one organisation: the registry allows it (two people named
  // titular), and the vote must go to the one checked in first.
  const two = [
    person('ana', 'o1', 'titular', { surnames: 'Apaza' }),
    person('zoe', 'o1', 'titular', { surnames: 'Zapana' }),
    person('sup', 'o1', 'suplente'),
  ];
  const rec = (id: string, participantId: string, seq: number | null, at: string) =>
    ({
      id,
      participantId,
      venueId: 'v',
      day: '2026-05-14',
      checkedInAt: at,
      checkInSeq: seq,
      signMethod: 'signature',
      witness: '',
      undoneAt: null,
      undoReason: '',
      checkedOutAt: null,
    }) satisfies AttendanceRecord;
  const holder = (attendance: AttendanceRecord[]) =>
    computePresence({
      organizations: orgs,
      participants: two,
      attendance,
      venueId: 'v',
      day: '2026-05-14',
      voteRule: 'perOrganization',
      quorum: { kind: 'none' },
    }).voteHolders.map((h) => h.participantId);

  it('a clock set back between two check-ins does not pass the vote to the later one', () => {
    // Zoe came second in the log (seq 8), but the clock was set back an hour before her.
    expect(
      holder([
        rec('r1', 'ana', 7, '2026-05-14T14:00:00Z'),
        rec('r2', 'zoe', 8, '2026-05-14T13:00:00Z'),
      ]),
    ).toEqual(['ana']);
    // And the other way round: registry order (Apaza first) does not decide either.
    expect(
      holder([
        rec('r1', 'zoe', 7, '2026-05-14T14:00:00Z'),
        rec('r2', 'ana', 8, '2026-05-14T13:00:00Z'),
      ]),
    ).toEqual(['zoe']);
  });

  it('leaving and coming back puts the person behind those present; the role still comes first', () => {
    const left = {
      ...rec('r1', 'ana', 3, '2026-05-14T13:00:00Z'),
      checkedOutAt: '2026-05-14T13:30:00Z',
    };
    expect(
      holder([
        left,
        rec('r2', 'zoe', 5, '2026-05-14T13:10:00Z'),
        rec('r3', 'ana', 9, '2026-05-14T13:40:00Z'),
      ]),
    ).toEqual(['zoe']);
    // A suplente who came first gives way to a titular who comes later, as before.
    expect(
      holder([
        rec('r1', 'sup', 1, '2026-05-14T13:00:00Z'),
        rec('r2', 'ana', 2, '2026-05-14T13:10:00Z'),
      ]),
    ).toEqual(['ana']);
  });

  it('a check-in the log does not hold comes after every logged one', () => {
    expect(
      holder([
        rec('r1', 'ana', null, '2026-05-14T12:00:00Z'),
        rec('r2', 'zoe', 4, '2026-05-14T13:00:00Z'),
      ]),
    ).toEqual(['zoe']);
  });
});
