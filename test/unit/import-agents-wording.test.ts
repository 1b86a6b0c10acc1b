// The registry import preview words who votes and who makes quorum from the workshop's own rules
// (field test fac27, c03): under one vote per person it said the titular/suplente "lleva el voto
// de su organización" and that 146 members "No serán agentes", though every one of them votes.
import { describe, expect, it } from 'vitest';
import { importAgentsWording } from '../../shared/attendance/rule-wording';
import { LANGS, t } from '../../shared/i18n';
import type { QuorumRule, VoteRule } from '../../shared/schemas/workshop';

const notAgents = { member: 146, voiceOnly: 0, noOrganization: 0 };
const words = (lang: (typeof LANGS)[number], vote: VoteRule, quorum: QuorumRule) => {
  const w = importAgentsWording(vote, quorum);
  return {
    why: `${t(lang, w.vote)} ${t(lang, w.quorum, w.quorumParams)}`,
    not: t(lang, w.notAgents, notAgents),
    orgsWithout: w.orgsWithout && t(lang, w.orgsWithout, { n: 2 }),
  };
};

describe('import preview: agents worded from the vote and quorum rules', () => {
  it('one vote per person, quorum by people: everyone accredited votes, no per-organisation rule', () => {
    const es = words('es', 'perPerson', { kind: 'minimum', count: 30 });
    expect(es.why).not.toContain('lleva el voto de su organización');
    expect(es.why).not.toContain('quórum por organizaciones');
    expect(es.why).toContain('vota cada participante acreditado/a con voz y voto');
    expect(es.why).toContain('El quórum cuenta las personas presentes (al menos 30)');
    expect(es.not).toContain('146 participantes por su cargo');
    expect(es.not).toContain('votan igual');
    expect(es.orgsWithout).toBeNull();
    expect(words('en', 'perPerson', { kind: 'minimum', count: 30 }).not).toContain(
      'they vote all the same',
    );
  });

  it('one vote per person, quorum by organisations: votes per person, quorum counts agents', () => {
    const es = words('es', 'perPerson', { kind: 'percent', percent: 50 });
    expect(es.why).not.toContain('lleva el voto de su organización');
    expect(es.why).toContain('50\u00a0% de las organizaciones acreditadas');
    expect(es.orgsWithout).toContain('no contarían para el quórum');
  });

  it('one vote per organisation keeps the agent rule; no quorum rule says so', () => {
    const es = words('es', 'perOrganization', { kind: 'none' });
    expect(es.why).toContain('lleva el voto de su organización');
    expect(es.why).toContain('El taller no tiene regla de quórum.');
    expect(es.not).toBe(
      'No serán agentes: 146 participantes por su cargo, 0 con solo voz, 0 sin organización.',
    );
    expect(es.orgsWithout).toContain('no podrían votar');
  });

  it('every wording exists in es, quz and en, each filled', () => {
    for (const lang of LANGS)
      for (const vote of ['perPerson', 'perOrganization'] as const)
        for (const quorum of [
          { kind: 'none' },
          { kind: 'percent', percent: 50 },
          { kind: 'minimum', count: 9 },
        ] as QuorumRule[]) {
          const w = words(lang, vote, quorum);
          for (const s of [w.why, w.not, w.orgsWithout ?? ''])
            expect(s).not.toMatch(/attendance\.import|\{\w+\}/);
        }
  });
});
