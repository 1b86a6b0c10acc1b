// Who is in the room, who holds each vote, and whether there is quorum: computed from the
// registry and the check-ins alone, so the screen, the minutes and any re-check agree.
import type { AttendanceRecord, Organization, OrgType, Participant } from '../schemas/attendance';
import type { QuorumRule, VoteRule } from '../schemas/workshop';

export interface VoteHolder {
  /** The organisation whose vote this is (perOrganization), or null for one person one vote. */
  organizationId: string | null;
  participantId: string;
  basis: 'titular' | 'suplente' | 'delegate' | 'person';
}

export interface Presence {
  /** Participants with an open check-in at this venue and day. */
  presentIds: Set<string>;
  total: number;
  byOrgType: Partial<Record<OrgType | 'none', number>>;
  byCommunity: Record<string, number>;
  bySex: Record<'F' | 'M' | 'X', number>;
  /** Communities of registered organisations with nobody present. */
  absentCommunities: string[];
  voteHolders: VoteHolder[];
  /** Organisations with an accredited agent (or persons, under one vote per person) that could vote. */
  eligible: number;
  /** Present but not (yet) accredited: they have voice, and no vote until accredited. */
  pendingPresent: number;
  /**
   * Organisations with accredited people who may vote but no accredited titular, suplente or
   * delegate: a quorum by organisations does not count them (their roles need setting).
   */
  orgsWithoutAgent: number;
  /**
   * Counted in the unit the setup's quorum rule names: organisations represented for a
   * percentage of accredited organisations, people present for a minimum number, nothing
   * for no rule (`unit: 'none'`, never inferred from a zero).
   */
  quorum: {
    unit: 'organizations' | 'people' | 'none';
    required: number;
    actual: number;
    base: number;
    met: boolean;
  };
}

/** A check-in that still counts: not undone, not checked out. */
export function isOpen(r: Pick<AttendanceRecord, 'undoneAt' | 'checkedOutAt'>): boolean {
  return r.undoneAt === null && r.checkedOutAt === null;
}

const canVote = (p: Participant) => p.accreditation === 'accredited' && p.voice === 'voiceAndVote';

const PRIORITY: Record<string, number> = { titular: 0, suplente: 1, delegate: 2 };

/**
 * Who came first, for a tie within a role: the place of each open check-in in the event log
 * (its `checkInSeq`), which the hash chain fixes and the laptop's clock does not move. A
 * check-in the log does not hold (null) comes after every logged one. Leaving and coming back
 * is a new check-in, so a return comes after those already present: the vote does not pass
 * back and forth while the session runs (README, "Reglas").
 * Rounds closed before this rule (their snapshot without `holdersBy`) were decided by check-in
 * time; `minka check` re-counts those with the times (a string key), and nothing else does.
 */
export type ArrivalKey = number | string | null;

const earlier = (a: ArrivalKey, b: ArrivalKey): boolean => a !== null && (b === null || a < b);

/**
 * The vote rule: with one vote per organisation, the titular present holds it, else the
 * suplente, else a delegate (with authorisation); ties within a role go to who came first
 * (`present` maps each person present to their arrival key, the check-in's log position).
 */
export function voteHolders(
  rule: VoteRule,
  participants: Participant[],
  present: ReadonlyMap<string, ArrivalKey>,
): VoteHolder[] {
  const voters = participants.filter((p) => present.has(p.id) && canVote(p));
  if (rule === 'perPerson')
    return voters.map((p) => ({
      organizationId: p.organizationId,
      participantId: p.id,
      basis: 'person' as const,
    }));
  const best = new Map<string, Participant>();
  const rank = (x: Participant) => PRIORITY[x.role] ?? 9;
  for (const p of voters) {
    if (!p.organizationId || !(p.role in PRIORITY)) continue;
    const cur = best.get(p.organizationId);
    if (
      !cur ||
      rank(p) < rank(cur) ||
      (rank(p) === rank(cur) && earlier(present.get(p.id) ?? null, present.get(cur.id) ?? null))
    )
      best.set(p.organizationId, p);
  }
  return [...best.entries()].map(([organizationId, p]) => ({
    organizationId,
    participantId: p.id,
    basis: p.role as 'titular' | 'suplente' | 'delegate',
  }));
}

/**
 * What presence needs from the registry alone (issue 18): built once per registry, so that a
 * check-in recomputes only what depends on who is present, not on the 20,000 registered.
 */
export interface RegistryFacts {
  orgById: ReadonlyMap<string, Organization>;
  personById: ReadonlyMap<string, Participant>;
  /** Position in the registry's order: the order the counts walk the people present in. */
  order: ReadonlyMap<string, number>;
  communities: readonly string[];
  eligible: { perPerson: number; perOrganization: number };
  /** Organisations with an accredited titular, suplente or delegate with a vote. */
  representedOrgs: number;
  registered: number;
}

export function registryFacts(
  organizations: Organization[],
  participants: Participant[],
): RegistryFacts {
  const voters = participants.filter(canVote);
  return {
    orgById: new Map(organizations.map((o) => [o.id, o])),
    personById: new Map(participants.map((p) => [p.id, p])),
    order: new Map(participants.map((p, i) => [p.id, i])),
    communities: [...new Set(organizations.map((o) => o.community).filter((c) => c !== ''))],
    eligible: {
      perPerson: voters.length,
      perOrganization: new Set(voters.filter((p) => p.organizationId).map((p) => p.organizationId))
        .size,
    },
    representedOrgs: new Set(participants.filter(represents).map((p) => p.organizationId)).size,
    registered: participants.length,
  };
}

export function computePresence(input: {
  organizations: Organization[];
  participants: Participant[];
  attendance: AttendanceRecord[];
  venueId: string;
  day: string;
  voteRule: VoteRule;
  quorum: QuorumRule;
}): Presence {
  return presenceWith(registryFacts(input.organizations, input.participants), input);
}

/** Presence from the registry's facts and the check-ins: the work grows with who came. */
export function presenceWith(
  facts: RegistryFacts,
  input: {
    attendance: AttendanceRecord[];
    venueId: string;
    day: string;
    voteRule: VoteRule;
    quorum: QuorumRule;
  },
): Presence {
  // participantId → the check-in's log position, for open check-ins here and today.
  const present = new Map<string, ArrivalKey>();
  for (const r of input.attendance)
    if (r.venueId === input.venueId && r.day === input.day && isOpen(r))
      present.set(r.participantId, r.checkInSeq);
  // The people present, in registry order (the order every count below used to walk).
  const here = [...present.keys()]
    .flatMap((id) => {
      const p = facts.personById.get(id);
      return p ? [p] : [];
    })
    .sort((a, b) => (facts.order.get(a.id) ?? 0) - (facts.order.get(b.id) ?? 0));

  const byOrgType: Presence['byOrgType'] = {};
  const byCommunity: Record<string, number> = {};
  const bySex = { F: 0, M: 0, X: 0 };
  for (const p of here) {
    const org = p.organizationId ? facts.orgById.get(p.organizationId) : undefined;
    const type = org?.type ?? 'none';
    byOrgType[type] = (byOrgType[type] ?? 0) + 1;
    if (org?.community) byCommunity[org.community] = (byCommunity[org.community] ?? 0) + 1;
    bySex[p.sex]++;
  }
  const absentCommunities = facts.communities
    .filter((c) => !byCommunity[c])
    .sort((a, b) => a.localeCompare(b, 'es'));

  return {
    presentIds: new Set(present.keys()),
    total: present.size,
    byOrgType,
    byCommunity,
    bySex,
    absentCommunities,
    voteHolders: voteHolders(input.voteRule, here, present),
    // Under one vote per organisation only an agent holds it (voteHolders): the organisations
    // that can vote are those with an accredited agent, the quorum's base, not every one with
    // an accredited person (the door said "3 posibles" beside a quorum "de 2").
    eligible: input.voteRule === 'perPerson' ? facts.eligible.perPerson : facts.representedOrgs,
    pendingPresent: here.filter((p) => p.accreditation === 'pending').length,
    // Every represented organisation has an accredited voter, so this is never negative.
    orgsWithoutAgent: facts.eligible.perOrganization - facts.representedOrgs,
    quorum: quorumWith(input.quorum, facts, here, present),
  };
}

/** quorumOf over the people present, with the registry's counts taken from its facts. */
function quorumWith(
  rule: QuorumRule,
  facts: RegistryFacts,
  here: Participant[],
  present: ReadonlyMap<string, unknown>,
): Presence['quorum'] {
  if (rule.kind === 'none') return { unit: 'none', required: 0, actual: 0, base: 0, met: true };
  if (rule.kind === 'minimum')
    return {
      unit: 'people',
      required: rule.count,
      actual: present.size,
      base: facts.registered,
      met: present.size >= rule.count,
    };
  const base = facts.representedOrgs;
  const actual = new Set(here.filter(represents).map((p) => p.organizationId)).size;
  const required = Math.max(1, Math.ceil((base * rule.percent) / 100));
  return { unit: 'organizations', required, actual, base, met: actual >= required };
}

/** An organisation is represented by an accredited titular, suplente or delegate with a vote. */
const represents = (p: Participant): p is Participant & { organizationId: string } =>
  canVote(p) && p.organizationId !== null && p.role in PRIORITY;

/**
 * Quorum in the rule's own unit, whatever the vote rule: "50 % of accredited organisations"
 * counts organisations (however many of their people came), "at least N present" counts people.
 */
export function quorumOf(
  rule: QuorumRule,
  participants: Participant[],
  present: ReadonlyMap<string, unknown>,
): Presence['quorum'] {
  if (rule.kind === 'none') return { unit: 'none', required: 0, actual: 0, base: 0, met: true };
  if (rule.kind === 'minimum')
    return {
      unit: 'people',
      required: rule.count,
      actual: present.size,
      base: participants.length,
      met: present.size >= rule.count,
    };
  const reps = participants.filter(represents);
  const base = new Set(reps.map((p) => p.organizationId)).size;
  const actual = new Set(reps.filter((p) => present.has(p.id)).map((p) => p.organizationId)).size;
  const required = Math.max(1, Math.ceil((base * rule.percent) / 100));
  return { unit: 'organizations', required, actual, base, met: actual >= required };
}
