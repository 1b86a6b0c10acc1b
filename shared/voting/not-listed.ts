// Why a person is not on the kiosk's list of voters who may still vote: the kiosk said
// "Nadie con ese nombre tiene un voto pendiente" alike for someone who had voted and for a
// walk-in whose accreditation was pending (field test "fac", item 2). Says *whether* a vote
// was used (the counting screen lists that too), never how anyone voted.
import type { VoteHolder } from '../attendance/presence';
import { displayName, type Participant } from '../schemas/attendance';
import type { NotListedReason } from '../schemas/voting';
import type { VoteRule } from '../schemas/workshop';
import { hasVoted } from './eligibility';

export interface NotListed {
  participantId: string;
  name: string;
  dni: string;
  organization: string;
  reason: NotListedReason;
}

/**
 * Everyone in the registry the kiosk does not offer, with the reason. `usedKeys` are the
 * vote units already used (voteUnitKey); `holders` the vote holders present now.
 */
export function notListed(
  rule: VoteRule,
  people: readonly Participant[],
  presentIds: ReadonlySet<string>,
  holders: readonly VoteHolder[],
  usedKeys: ReadonlySet<string>,
  orgName: (id: string) => string,
): NotListed[] {
  const byId = new Map(holders.map((h) => [h.participantId, h]));
  const out: NotListed[] = [];
  for (const p of people) {
    const holder = byId.get(p.id);
    let reason: NotListedReason | null;
    if (holder) reason = hasVoted(rule, holder, usedKeys) ? 'voted' : null;
    else if (!presentIds.has(p.id)) reason = 'absent';
    else if (p.voice !== 'voiceAndVote') reason = 'voiceOnly';
    else if (p.accreditation !== 'accredited') reason = 'pending';
    // Someone else holds (or held and used) the organisation's one vote: this person holds
    // none, whether or not it was cast yet (fac28: a socio heard "ya votó" and never had voted).
    else if (rule === 'perOrganization' && p.organizationId) reason = 'orgHeld';
    else reason = 'noOrganization';
    if (reason === null) continue;
    out.push({
      participantId: p.id,
      name: displayName(p),
      dni: p.dni,
      organization: p.organizationId ? orgName(p.organizationId) : '',
      reason,
    });
  }
  return out;
}
