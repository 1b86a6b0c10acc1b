// Who may vote in a round, now: the vote holders present at its venue and day.
import { voteHolders, type VoteHolder } from '../../shared/attendance/presence';
import type { Participant } from '../../shared/schemas/attendance';
import type { Round } from '../../shared/schemas/voting';
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { holdersHere } from '../attendance/presence-here';
import { checkInSeqs } from '../attendance/attendance';
import { getParticipant } from '../registry/registry';
import { getSetup } from '../workshop/workshop';

/** Vote holders present now at the round's venue and day (titular, else suplente, else delegate). */
export function currentHolders(
  db: Db,
  round: Pick<Round, 'venueId' | 'day'>,
): { holders: VoteHolder[]; presentIds: string[]; people: Map<string, Participant> } {
  // Only the people present are read (presence-here.ts): closing does not reload the registry,
  // nor count it (the quorum's counts are presenceHere's, not needed here).
  return holdersHere(db, round, getSetup(db).voteRule);
}

/**
 * How many vote holders are present now, counted in SQL over the open check-ins of the
 * round's venue and day: a count written on every show-of-hands entry or ballot must not
 * reload the registry (2,000 people: 0.1 s a count). Equal to currentHolders().length:
 * one per present person who may vote, or one per organisation with a present titular,
 * suplente or delegate who may vote (voteHolders' rule).
 */
export function entitledCount(db: Db, round: Pick<Round, 'venueId' | 'day'>): number {
  const perPerson = getSetup(db).voteRule === 'perPerson';
  return cached(
    db,
    `SELECT ${perPerson ? 'COUNT(*)' : 'COUNT(DISTINCT p.organization_id)'}
       FROM attendance a JOIN participant p ON p.id = a.participant_id
      WHERE a.venue_id = ? AND a.day = ? AND a.undone_at IS NULL AND a.checked_out_at IS NULL
        AND p.accreditation = 'accredited' AND p.voice = 'voiceAndVote'
        ${perPerson ? '' : "AND p.organization_id IS NOT NULL AND p.role IN ('titular', 'suplente', 'delegate')"}`,
  )
    .pluck()
    .get(round.venueId, round.day) as number;
}

/**
 * The vote `participantId` holds now, or undefined — reading only that person's
 * organisation (voteHolders decides within one organisation, so the answer is the one
 * currentHolders gives).
 */
export function holderOf(
  db: Db,
  round: Pick<Round, 'venueId' | 'day'>,
  participantId: string,
): VoteHolder | undefined {
  const orgId = cached(db, 'SELECT organization_id FROM participant WHERE id = ?')
    .pluck()
    .get(participantId) as string | null | undefined;
  if (orgId === undefined) return undefined;
  const rows = cached(
    db,
    `SELECT a.participant_id AS id, a.id AS attendance
       FROM attendance a JOIN participant p ON p.id = a.participant_id
      WHERE a.venue_id = ? AND a.day = ? AND a.undone_at IS NULL AND a.checked_out_at IS NULL
        AND (p.id = ? OR (? IS NOT NULL AND p.organization_id = ?))
      ORDER BY p.surnames COLLATE NOCASE, p.given_names COLLATE NOCASE`,
  ).all(round.venueId, round.day, participantId, orgId, orgId) as {
    id: string;
    attendance: string;
  }[];
  const seqs = checkInSeqs(db);
  const present = new Map(rows.map((r) => [r.id, seqs.get(r.attendance) ?? null]));
  const people = [...present.keys()].map((id) => getParticipant(db, id));
  return voteHolders(getSetup(db).voteRule, people, present).find(
    (h) => h.participantId === participantId,
  );
}
