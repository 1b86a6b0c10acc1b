import { describe, expect, it } from 'vitest';
import { LANGS, t } from '../i18n';
import { hasVoted, mayStillVote, voteRuleKey, voteUnitKey } from './eligibility';

describe('vote units', () => {
  const ana = { organizationId: 'org1', participantId: 'ana' };
  const berta = { organizationId: 'org1', participantId: 'berta' };
  const carlos = { organizationId: null, participantId: 'carlos' };

  it('one vote per person uses the person, one per organisation the organisation', () => {
    expect(voteUnitKey('perPerson', ana)).toBe('ana');
    expect(voteUnitKey('perOrganization', ana)).toBe('org1');
    expect(mayStillVote('perPerson', [ana, berta, carlos], new Set(['ana']))).toEqual([
      berta,
      carlos,
    ]);
    expect(mayStillVote('perOrganization', [ana, carlos], new Set(['org1']))).toEqual([carlos]);
    expect(hasVoted('perOrganization', berta, new Set(['org1']))).toBe(true);
    expect(hasVoted('perPerson', berta, new Set(['org1', 'ana']))).toBe(false);
  });

  it('the kiosk and counting screens name the rule in the Acta’s words, in every language', () => {
    for (const lang of LANGS)
      for (const rule of ['perPerson', 'perOrganization'] as const) {
        expect(t(lang, voteRuleKey(rule))).toBe(t(lang, `minutes.pdf.voteRule.${rule}`));
        expect(t(lang, voteRuleKey(rule))).not.toBe(voteRuleKey(rule));
      }
  });
});
