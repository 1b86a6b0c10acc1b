import { describe, expect, it } from 'vitest';
import type { VoteHolder } from '../attendance/presence';
import type { Participant } from '../schemas/attendance';
import { voteUnitKey } from './eligibility';
import { notListed } from './not-listed';

const person = (id: string, over: Partial<Participant> = {}): Participant => ({
  id,
  dni: '',
  givenNames: id,
  surnames: 'QUISPE',
  sex: 'F',
  language: 'quz',
  organizationId: 'org1',
  role: 'titular',
  authorization: '',
  voice: 'voiceAndVote',
  accreditation: 'accredited',
  ...over,
});

describe('why a person is not on the kiosk list', () => {
  const people = [
    person('holder'),
    person('voter'),
    person('suplente', { role: 'suplente' }),
    person('walkin', { accreditation: 'pending', organizationId: null, role: 'member' }),
    person('tech', { voice: 'voiceOnly', organizationId: null, role: 'member' }),
    person('home', { organizationId: 'org3' }),
    person('loose', { organizationId: null, role: 'member' }),
  ];
  const present = new Set(['holder', 'voter', 'suplente', 'walkin', 'tech', 'loose']);

  it('tells voted, pending, voice only, absent, held by another, no organisation apart', () => {
    const holders: VoteHolder[] = [
      { organizationId: 'org1', participantId: 'holder', basis: 'titular' },
      { organizationId: 'org2', participantId: 'voter', basis: 'titular' },
    ];
    const voter = { ...person('voter'), organizationId: 'org2' };
    const all = people.map((p) => (p.id === 'voter' ? voter : p));
    const used = new Set([voteUnitKey('perOrganization', holders[1] as VoteHolder)]);
    const why = notListed('perOrganization', all, present, holders, used, (id) => `Org ${id}`);
    expect(Object.fromEntries(why.map((w) => [w.participantId, w.reason]))).toEqual({
      voter: 'voted',
      suplente: 'orgHeld',
      walkin: 'pending',
      tech: 'voiceOnly',
      home: 'absent',
      loose: 'noOrganization',
    });
    // Whoever may still vote is on the kiosk's list, not here.
    expect(why.find((w) => w.participantId === 'holder')).toBeUndefined();
    expect(why.find((w) => w.participantId === 'suplente')?.organization).toBe('Org org1');
  });

  it('the vote holder of an organisation that has voted hears that it voted; a colleague holds no vote; nothing says how', () => {
    const holders: VoteHolder[] = [
      { organizationId: 'org1', participantId: 'holder', basis: 'titular' },
    ];
    const used = new Set(['org1']);
    const why = notListed('perOrganization', people, present, holders, used, () => '');
    expect(why.find((w) => w.participantId === 'holder')?.reason).toBe('voted');
    // fac28: the socio whose titular had voted heard "ya votó"; they never held the vote.
    expect(why.find((w) => w.participantId === 'suplente')?.reason).toBe('orgHeld');
    expect(Object.keys(why[0] ?? {}).sort()).toEqual([
      'dni',
      'name',
      'organization',
      'participantId',
      'reason',
    ]);
  });

  it('under one vote per person a present accredited person without organisation may vote', () => {
    const holders: VoteHolder[] = [
      { organizationId: null, participantId: 'loose', basis: 'person' },
    ];
    const why = notListed('perPerson', people, present, holders, new Set(), () => '');
    expect(why.find((w) => w.participantId === 'loose')).toBeUndefined();
    expect(why.find((w) => w.participantId === 'walkin')?.reason).toBe('pending');
  });
});
