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
  /** Accredited organisations (or persons) that could vote: the quorum's base. */
  eligible: number;
  quorum: { required: number; actual: number; met: boolean };
}

/** A check-in that still counts: not undone, not checked out. */
export function isOpen(r: Pick<AttendanceRecord, 'undoneAt' | 'checkedOutAt'>): boolean {
  return r.undoneAt === null && r.checkedOutAt === null;
}

const canVote = (p: Participant) => p.accreditation === 'accredited' && p.voice === 'voiceAndVote';

const PRIORITY: Record<string, number> = { titular: 0, suplente: 1, delegate: 2 };

/**
 * The vote rule: with one vote per organisation, the titular present holds it, else the
 * suplente, else a delegate (with authorisation); ties within a role go to who came first.
 */
export function voteHolders(rule: VoteRule, participants: Participant[], present: Map<string, string>): VoteHolder[] {
  const voters = participants.filter((p) => present.has(p.id) && canVote(p));
  if (rule === 'perPerson') return voters.map((p) => ({ organizationId: p.organizationId, participantId: p.id, basis: 'person' as const }));
  const best = new Map<string, Participant>();
  for (const p of voters) {
    if (!p.organizationId || !(p.role in PRIORITY)) continue;
    const cur = best.get(p.organizationId);
    const rank = (x: Participant) => [PRIORITY[x.role] ?? 9, present.get(x.id) ?? ''] as const;
    if (!cur) best.set(p.organizationId, p);
    else {
      const [a, at] = rank(p);
      const [b, bt] = rank(cur);
      if (a < b || (a === b && at < bt)) best.set(p.organizationId, p);
    }
  }
  return [...best.entries()].map(([organizationId, p]) => ({ organizationId, participantId: p.id, basis: p.role as 'titular' | 'suplente' | 'delegate' }));
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
  const orgById = new Map(input.organizations.map((o) => [o.id, o]));
  // participantId → check-in time, for open check-ins here and today.
  const present = new Map<string, string>();
  for (const r of input.attendance) if (r.venueId === input.venueId && r.day === input.day && isOpen(r)) present.set(r.participantId, r.checkedInAt);

  const byOrgType: Presence['byOrgType'] = {};
  const byCommunity: Record<string, number> = {};
  const bySex = { F: 0, M: 0, X: 0 };
  for (const p of input.participants) {
    if (!present.has(p.id)) continue;
    const org = p.organizationId ? orgById.get(p.organizationId) : undefined;
    const type = org?.type ?? 'none';
    byOrgType[type] = (byOrgType[type] ?? 0) + 1;
    if (org?.community) byCommunity[org.community] = (byCommunity[org.community] ?? 0) + 1;
    bySex[p.sex]++;
  }
  const communities = new Set(input.organizations.map((o) => o.community).filter((c) => c !== ''));
  const absentCommunities = [...communities].filter((c) => !byCommunity[c]).sort((a, b) => a.localeCompare(b, 'es'));

  const holders = voteHolders(input.voteRule, input.participants, present);
  const eligible =
    input.voteRule === 'perPerson'
      ? input.participants.filter(canVote).length
      : new Set(input.participants.filter((p) => canVote(p) && p.organizationId).map((p) => p.organizationId)).size;
  const actual = input.quorum.kind === 'minimum' ? present.size : holders.length;
  const required = input.quorum.kind === 'none' ? 0 : input.quorum.kind === 'minimum' ? input.quorum.count : Math.ceil((eligible * input.quorum.percent) / 100);
  return {
    presentIds: new Set(present.keys()),
    total: present.size,
    byOrgType,
    byCommunity,
    bySex,
    absentCommunities,
    voteHolders: holders,
    eligible,
    quorum: { required, actual, met: actual >= required },
  };
}
