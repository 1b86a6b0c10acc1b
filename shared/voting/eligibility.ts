// Who may vote, under each vote rule: the one definition the kiosk, the counting screens,
// the store and the Acta share. A vote holder (shared/attendance/presence.ts) holds a vote
// now; the vote *unit* is what one ballot uses up: the person under "one vote per accredited
// person", the organisation under "one vote per accredited organisation".
import type { VoteHolder } from '../attendance/presence';
import type { VoteRule } from '../schemas/workshop';

/**
 * The key of the vote a holder would use. Under one vote per person it is always the
 * person, even when they belong to an organisation (their colleagues keep their own votes);
 * under one vote per organisation it is the organisation, whoever holds it now.
 */
export function voteUnitKey(
  rule: VoteRule,
  holder: Pick<VoteHolder, 'organizationId' | 'participantId'>,
): string {
  if (rule === 'perPerson') return holder.participantId;
  return holder.organizationId ?? holder.participantId;
}

/** Whether this holder's vote has been used, given the keys of the votes already used. */
export function hasVoted(
  rule: VoteRule,
  holder: Pick<VoteHolder, 'organizationId' | 'participantId'>,
  usedKeys: ReadonlySet<string>,
): boolean {
  return usedKeys.has(voteUnitKey(rule, holder));
}

/** The holders who may still vote: present, holding a vote, and whose vote is unused. */
export function mayStillVote<H extends Pick<VoteHolder, 'organizationId' | 'participantId'>>(
  rule: VoteRule,
  holders: readonly H[],
  usedKeys: ReadonlySet<string>,
): H[] {
  return holders.filter((h) => !hasVoted(rule, h, usedKeys));
}

/** The i18n key naming a rule, the same words on the kiosk, the counting screens and the Acta. */
export const voteRuleKey = (rule: VoteRule): `voting.rule.${VoteRule}` => `voting.rule.${rule}`;
