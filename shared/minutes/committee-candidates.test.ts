import { describe, expect, it } from 'vitest';
import type { Participant } from '../schemas/attendance';
import { committeeCandidates } from './committee-candidates';

const person = (id: string, over: Partial<Participant> = {}): Participant => ({
  id,
  dni: '',
  givenNames: id,
  surnames: 'MAMANI',
  sex: 'M',
  language: 'quz',
  organizationId: 'comunidad',
  role: 'titular',
  authorization: '',
  voice: 'voiceAndVote',
  accreditation: 'accredited',
  ...over,
});

describe('who the Comité de Vigilancia is elected among', () => {
  it('participating agents only: present, accredited, with a vote, not of a state body', () => {
    const people = [
      person('agent'),
      person('left'),
      person('absent'),
      person('pending', { accreditation: 'pending' }),
      person('tech', { voice: 'voiceOnly' }),
      person('state', { organizationId: 'ugel' }),
      person('undone'),
    ];
    const orgs = [
      { id: 'comunidad', type: 'comunidadCampesina' as const },
      { id: 'ugel', type: 'stateBody' as const },
    ];
    const attendance: { participantId: string; undoneAt: string | null }[] = [
      'agent',
      'left',
      'pending',
      'tech',
      'state',
    ].map((participantId) => ({ participantId, undoneAt: null }));
    attendance.push({ participantId: 'undone', undoneAt: '2026-12-06T15:00:00Z' });
    const ids = committeeCandidates(people, orgs, attendance).map((p) => p.id);
    expect(ids).toEqual(['agent', 'left']);
  });
});
