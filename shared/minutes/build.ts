// The minutes model, built by a pure function from a snapshot of the store: the same
// snapshot always gives the same payload (and so the same canonical bytes, hash and
// signature). `minka check` rebuilds it from the database to detect edits after sealing.
import { compareEs } from '../collate';
import type {
  AttendanceRecord,
  Invitation,
  Organization,
  Participant,
} from '../schemas/attendance';
import { displayName } from '../schemas/attendance';
import { type ArrivalKey, voteHolders } from '../attendance/presence';
import { firstMeetingDay, isLate } from '../attendance/convocation';
import type { Agreement, CommitteeMember } from '../schemas/minutes';
import type { MatterRaised, Proposal, ProposalReview } from '../schemas/proposals';
import type { StoredWorkshopSetup } from '../schemas/workshop';
import type { MinutesConflict, MinutesDevice, MinutesUnreturnedKit } from './payload-venues';
import type { MinutesBasis, MinutesLateRuling } from './payload-basis';
import {
  MINUTES_FORMAT,
  MINUTES_VERSION,
  type MinutesCriteria,
  type MinutesOrganization,
  type MinutesPayload,
  type MinutesPerson,
  type MinutesOfficial,
  type MinutesPrioritized,
  type MinutesRound,
  type Signer,
} from './payload';

export interface MinutesSnapshot {
  workshopId: string;
  createdAt: string;
  setup: StoredWorkshopSetup;
  organizations: Organization[];
  participants: Participant[];
  invitations: Invitation[];
  attendance: AttendanceRecord[];
  proposals: Proposal[];
  reviews: ProposalReview[];
  matters: MatterRaised[];
  /** Rounds as the voting store reports them, already mapped (see electron/minutes/snapshot.ts). */
  rounds: MinutesRound[];
  criteria: MinutesCriteria | null;
  prioritized: MinutesPrioritized | null;
  /** The chosen official round (absent before the choice existed). */
  official?: MinutesOfficial;
  /** Reopenings of the locked setup (absent when none). */
  reopenings?: { at: string; by: string; reason: string; afterRound: string }[];
  /** Layout 6 (payload-basis.ts): what the official result used; absent otherwise. */
  basis?: MinutesBasis;
  criteriaAtClose?: MinutesCriteria;
  lateRulings?: MinutesLateRuling[];
  /** Venue devices merged in and their conflicts (absent when none). */
  devices?: MinutesDevice[];
  conflicts?: MinutesConflict[];
  /** Layout 7: kits issued and never merged back (absent when none). */
  unreturnedKits?: MinutesUnreturnedKit[];
  agreements: Agreement[];
  committee: CommitteeMember[];
  closingRemarks: string;
  chain: { head: string; length: number };
}

export interface SealStamp {
  sealedAt: string;
  signer: Signer;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Who held a vote (field test fac28: the Acta printed "with voice and vote" for all 19 present
 * where one vote per organisation gave 8). One definition with the rounds' own "entitled to
 * vote" lines (adv29: check-outs and registry saves after a close moved the table's marks away
 * from the rounds'): at a venue and day with a closed round, the holders frozen by its closes;
 * at a venue and day without one, the shared holder rule over everyone checked in (not undone),
 * first check-in first. A holder anywhere held a vote.
 */
function heldVotes(s: MinutesSnapshot): Set<string> {
  const dayKey = (venueId: string, day: string) => `${venueId}\u0000${day}`;
  const out = new Set<string>();
  const frozen = new Set<string>();
  for (const r of s.rounds) {
    if (r.state !== 'closed' || !r.entitled) continue;
    frozen.add(dayKey(r.venueId, r.day));
    for (const h of r.entitled.holders) out.add(h.participantId);
  }
  // Arrival is the check-in's place in the log (checkInSeq), the holder rule's own key, not
  // the laptop's clock.
  const groups = new Map<string, Map<string, ArrivalKey>>();
  for (const a of s.attendance) {
    if (a.undoneAt !== null) continue;
    const key = dayKey(a.venueId, a.day);
    if (frozen.has(key)) continue;
    const present = groups.get(key) ?? new Map<string, ArrivalKey>();
    if (!present.has(a.participantId)) present.set(a.participantId, a.checkInSeq);
    groups.set(key, present);
  }
  for (const present of groups.values())
    for (const h of voteHolders(s.setup.voteRule, s.participants, present))
      out.add(h.participantId);
  return out;
}

function attendanceSection(
  s: MinutesSnapshot,
): MinutesPayload['attendance'] & { venueCounts: Map<string, number> } {
  const venueOrder = new Map(s.setup.venues.map((v, i) => [v.id, i]));
  const present = new Map<string, { venues: Set<string>; last: AttendanceRecord }>();
  const venueCounts = new Map<string, Set<string>>();
  for (const a of s.attendance) {
    if (a.undoneAt !== null) continue;
    const e = present.get(a.participantId) ?? { venues: new Set<string>(), last: a };
    e.venues.add(a.venueId);
    e.last = a;
    present.set(a.participantId, e);
    const vc = venueCounts.get(a.venueId) ?? new Set<string>();
    vc.add(a.participantId);
    venueCounts.set(a.venueId, vc);
  }
  const people = s.participants.filter((p) => present.has(p.id));
  const holders = heldVotes(s);
  const person = (p: Participant): MinutesPerson => {
    const e = present.get(p.id);
    return {
      participantId: p.id,
      name: displayName(p),
      dni: p.dni,
      sex: p.sex,
      role: p.role,
      voice: p.voice,
      accreditation: p.accreditation,
      signMethod: e?.last.signMethod ?? 'signature',
      witness: e?.last.witness ?? '',
      venueIds: [...(e?.venues ?? [])].sort(
        (a, b) => (venueOrder.get(a) ?? 0) - (venueOrder.get(b) ?? 0) || byText(a, b),
      ),
      heldVote: holders.has(p.id),
    };
  };
  const sortPeople = (xs: MinutesPerson[]) =>
    xs.sort((a, b) => compareEs(a.name, b.name) || byText(a.participantId, b.participantId));
  const organizations: MinutesOrganization[] = [];
  const orgs = [...s.organizations].sort((a, b) => compareEs(a.name, b.name) || byText(a.id, b.id));
  for (const o of orgs) {
    const members = sortPeople(people.filter((p) => p.organizationId === o.id).map(person));
    if (members.length)
      organizations.push({
        id: o.id,
        name: o.name,
        type: o.type,
        community: o.community,
        people: members,
      });
  }
  const loose = sortPeople(
    people
      .filter(
        (p) => p.organizationId === null || !s.organizations.some((o) => o.id === p.organizationId),
      )
      .map(person),
  );
  if (loose.length)
    organizations.push({ id: null, name: '', type: 'individual', community: '', people: loose });
  const all = organizations.flatMap((o) => o.people);
  const totals = {
    people: all.length,
    organizations: organizations.filter((o) => o.id !== null).length,
    women: all.filter((p) => p.sex === 'F').length,
    men: all.filter((p) => p.sex === 'M').length,
    other: all.filter((p) => p.sex === 'X').length,
    voiceAndVote: all.filter((p) => p.voice === 'voiceAndVote').length,
    voiceOnly: all.filter((p) => p.voice === 'voiceOnly').length,
    voteHolders: all.filter((p) => p.heldVote).length,
    thumbprint: all.filter((p) => p.signMethod === 'thumbprint').length,
    ruego: all.filter((p) => p.signMethod === 'ruego').length,
  };
  return {
    totals,
    organizations,
    venueCounts: new Map([...venueCounts].map(([k, v]) => [k, v.size])),
  };
}

/** Build the minutes payload (everything but the signature) from a store snapshot. */
export function buildMinutes(s: MinutesSnapshot, stamp: SealStamp): MinutesPayload {
  const { setup } = s;
  const sectorName = new Map(setup.sectors.map((x) => [x.id, x.name]));
  const orgName = new Map(s.organizations.map((o) => [o.id, o.name]));
  const { venueCounts, ...attendance } = attendanceSection(s);

  // Counted to the day people first met, not to a venue date saved after the check-ins (adv29).
  const first = firstMeetingDay(setup.venues, s.attendance);
  const sent = s.invitations.map((i) => i.sentOn).sort();
  const convocation = {
    organizationsInvited: new Set(s.invitations.map((i) => i.organizationId)).size,
    invitations: s.invitations.length,
    late: s.invitations.filter((i) => isLate(i.sentOn, first, setup.minNoticeDays)).length,
    firstSentOn: sent[0] ?? '',
    lastSentOn: sent.at(-1) ?? '',
  };

  const proposals = [...s.proposals]
    .sort((a, b) => byText(a.code.toLowerCase(), b.code.toLowerCase()) || byText(a.id, b.id))
    .map((p) => ({
      id: p.id,
      code: p.code,
      cui: p.cui,
      title: p.title,
      sectorId: p.sectorId,
      sector: sectorName.get(p.sectorId) ?? '',
      community: p.community,
      organization: p.organizationId ? (orgName.get(p.organizationId) ?? '') : '',
      estimatedCostCents: p.estimatedCostCents,
      cofinancingCents: p.cofinancingCents,
      beneficiaries: p.beneficiaries,
      // Written only when not people, so an Acta signed before units rebuilds the same.
      ...(p.beneficiaryUnit !== 'people' ? { beneficiaryUnit: p.beneficiaryUnit } : {}),
      carriedFrom: p.carriedFrom,
      status: p.status,
    }));

  // The decision that made each rejected proposal rejected: its newest review.
  const latest = new Map<string, ProposalReview>();
  for (const r of s.reviews) latest.set(r.proposalId, r);
  const rejected = proposals
    .filter((p) => p.status === 'rejected')
    .map((p) => {
      const r = latest.get(p.id);
      return {
        proposalId: p.id,
        code: p.code,
        cui: p.cui,
        title: p.title,
        estimatedCostCents: p.estimatedCostCents,
        reason: r?.reason ?? '',
        ...(r?.alsoReasons.length ? { alsoReasons: r.alsoReasons } : {}),
        explanation: r?.explanation ?? '',
        decidedAt: r?.decidedAt ?? '',
      };
    });

  const matters = [...s.matters]
    .sort((a, b) => byText(a.raisedAt, b.raisedAt) || byText(a.id, b.id))
    .map((m) => ({ text: m.text, raisedBy: m.raisedBy, raisedAt: m.raisedAt }));

  return {
    format: MINUTES_FORMAT,
    version: MINUTES_VERSION,
    workshop: {
      workshopId: s.workshopId,
      municipality: setup.municipality,
      ubigeo: setup.ubigeo,
      fiscalYear: setup.fiscalYear,
      title: setup.title,
      envelopeCents: setup.envelopeCents,
      quorum: setup.quorum,
      voteRule: setup.voteRule,
      tieBreak: setup.tieBreak,
      minNoticeDays: setup.minNoticeDays,
      createdAt: s.createdAt,
    },
    venues: setup.venues.map((v) => ({
      id: v.id,
      name: v.name,
      place: v.place,
      date: v.date,
      attendees: venueCounts.get(v.id) ?? 0,
    })),
    sectors: setup.sectors.map((x) => ({ id: x.id, name: x.name })),
    convocation,
    attendance,
    proposals,
    rejected,
    rounds: s.rounds,
    criteria: s.criteria,
    prioritized: s.prioritized,
    ...(s.official ? { official: s.official } : {}),
    ...(s.reopenings?.length ? { reopenings: s.reopenings } : {}),
    ...(s.basis ? { basis: s.basis } : {}),
    ...(s.criteriaAtClose ? { criteriaAtClose: s.criteriaAtClose } : {}),
    ...(s.lateRulings?.length ? { lateRulings: s.lateRulings } : {}),
    matters,
    ...(s.devices?.length ? { devices: s.devices } : {}),
    ...(s.conflicts?.length ? { conflicts: s.conflicts } : {}),
    ...(s.unreturnedKits?.length ? { unreturnedKits: s.unreturnedKits } : {}),
    agreements: [...s.agreements]
      .sort((a, b) => a.position - b.position)
      .map((a, i) => ({ n: i + 1, text: a.text, responsible: a.responsible, due: a.due })),
    committee: [...s.committee]
      .sort((a, b) => a.position - b.position)
      .map((m, i) => ({
        n: i + 1,
        name: m.name,
        dni: m.dni,
        organization: m.organization,
        role: m.role,
        participantId: m.participantId,
      })),
    closingRemarks: s.closingRemarks,
    chain: { head: s.chain.head, length: s.chain.length },
    sealedAt: stamp.sealedAt,
    signer: stamp.signer,
  };
}
