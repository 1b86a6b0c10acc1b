import { describe, expect, it } from 'vitest';
import type { Organization, Participant, ParticipantRole } from '../schemas/attendance';
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
