// Presence at one venue and day read from the people present, not the whole registry
// (issue 18): closing a round and the counting screens asked for the vote holders by
// loading every registered person and every check-in (2,000 people: tens of ms a call,
// 20,000: far more). The registry's own figures presence needs (how many may vote, how
// many organisations are represented, how many are registered) are SQL counts. The answer
// is computed by the same presenceWith as the screens, so it cannot drift from it; the
// people are put in the registry's order (listParticipants: Spanish order of names, stable
// over the table's order), and vote-holder ties go by the check-ins' log order (checkInSeq).
import {
  presenceWith,
  type Presence,
  type RegistryFacts,
  type VoteHolder,
  voteHolders,
} from '../../shared/attendance/presence';
import { sortedEs } from '../../shared/collate';
import type { Participant } from '../../shared/schemas/attendance';
import type { QuorumRule, VoteRule } from '../../shared/schemas/workshop';
import { type AttendanceRow, checkInSeqs, rowToRecord } from './attendance';
import type { Db } from '../platform/db';
import { type OrgRow, type ParticipantRow, rowToOrg, rowToParticipant } from '../registry/registry';
import { cached } from '../platform/statements';

const OPEN_HERE = `venue_id = ? AND day = ? AND undone_at IS NULL AND checked_out_at IS NULL`;
const CAN_VOTE = `accreditation = 'accredited' AND voice = 'voiceAndVote'`;

/** The people present here, in the registry's order (the order vote-holder ties follow). */
function peopleHere(db: Db, at: readonly string[]) {
  const people = (
    cached(
      db,
      `SELECT * FROM participant WHERE id IN (SELECT participant_id FROM attendance WHERE ${OPEN_HERE})
        ORDER BY rowid`,
    ).all(...at) as ParticipantRow[]
  ).map(rowToParticipant);
  // comparePeople's order, each key computed once.
  return sortedEs(people, (p) => [p.surnames, p.givenNames]);
}

/**
 * Only the vote holders present (presenceHere(...).voteHolders, by the same voteHolders over
 * the same people in the same order), without the registry-wide counts presence also needs:
 * those scan the registry (20,000 people: ~75 ms), and the kiosk's list and the round's close
 * read the holders alone.
 */
export function holdersHere(
  db: Db,
  where: { venueId: string; day: string },
  voteRule: VoteRule,
): { holders: VoteHolder[]; presentIds: string[]; people: Map<string, Participant> } {
  const at = [where.venueId, where.day];
  const seqs = checkInSeqs(db);
  const present = new Map<string, number | null>();
  for (const r of cached(
    db,
    `SELECT id, participant_id FROM attendance WHERE ${OPEN_HERE} ORDER BY checked_in_at, id`,
  ).all(...at) as { id: string; participant_id: string }[])
    present.set(r.participant_id, seqs.get(r.id) ?? null);
  const here = peopleHere(db, at);
  return {
    holders: voteHolders(voteRule, here, present),
    presentIds: [...present.keys()].sort(),
    // Read anyway: the kiosk's list names the holders from them.
    people: new Map(here.map((p) => [p.id, p])),
  };
}

export function presenceHere(
  db: Db,
  where: { venueId: string; day: string },
  rules: { voteRule: VoteRule; quorum: QuorumRule },
): Presence {
  const at = [where.venueId, where.day];
  const seqs = checkInSeqs(db);
  const attendance = (
    cached(db, `SELECT * FROM attendance WHERE ${OPEN_HERE} ORDER BY checked_in_at, id`).all(
      ...at,
    ) as AttendanceRow[]
  ).map((r) => rowToRecord(r, seqs));
  const people = peopleHere(db, at);
  const organizations = (cached(db, 'SELECT * FROM organization').all() as OrgRow[]).map(rowToOrg);
  const facts: RegistryFacts = {
    orgById: new Map(organizations.map((o) => [o.id, o])),
    personById: new Map(people.map((p) => [p.id, p])),
    order: new Map(people.map((p, i) => [p.id, i])),
    communities: [...new Set(organizations.map((o) => o.community).filter((c) => c !== ''))],
    ...registryCounts(db),
  };
  return presenceWith(facts, { attendance, venueId: where.venueId, day: where.day, ...rules });
}

/**
 * The registry-wide counts of presence. The voters and the agents are read through the partial
 * indexes participant_voter_org and participant_agent_org (migration 13), whose WHERE clauses
 * these queries repeat word for word (SQLite uses a partial index only then): 20,000 people,
 * ~1.5 ms instead of ~25 ms (`npm run bench -- quorum`).
 */
export function registryCounts(
  db: Db,
): Pick<RegistryFacts, 'eligible' | 'representedOrgs' | 'registered'> {
  const count = (sql: string) => cached(db, sql).pluck().get() as number;
  return {
    eligible: {
      perPerson: count(`SELECT COUNT(*) FROM participant WHERE ${CAN_VOTE}`),
      perOrganization: count(
        `SELECT COUNT(DISTINCT organization_id) FROM participant WHERE ${CAN_VOTE} AND organization_id IS NOT NULL`,
      ),
    },
    representedOrgs: count(
      `SELECT COUNT(DISTINCT organization_id) FROM participant
        WHERE ${CAN_VOTE} AND organization_id IS NOT NULL AND role IN ('titular', 'suplente', 'delegate')`,
    ),
    registered: count('SELECT COUNT(*) FROM participant'),
  };
}
