// Collect the minutes snapshot from the store in one read transaction: the records of
// every feature, with voting totals, criteria totals and the prioritised list computed by
// those features' own functions, so the Acta shows exactly what their screens showed.
import type { MinutesSnapshot } from '../../shared/minutes/build';
import type {
  MinutesCriteria,
  MinutesOfficial,
  MinutesPrioritized,
  MinutesRound,
} from '../../shared/minutes/payload';
import { toWeightedTotal, weightedTotals } from '../../shared/results/criteria';
import type { Db } from '../platform/db';
import { chainStatus } from '../platform/events';
import { getMatrix, hasCriteria, listScores } from '../criteria/criteria';
import { getClosingRemarks, listAgreements, listCommittee } from './minutes';
import { listAttendance, listInvitations } from '../attendance/attendance';
import { listMatters, listProposals, listReviews } from '../proposals/proposals';
import { listOrganizations, listParticipants } from '../registry/registry';
import { resultRounds, roundResultsShown } from '../results/results';
import { officialChoice, officialState } from '../results/official';
import { listReopenings } from '../workshop/setup-lock';
import { listRounds } from '../voting/voting';
import { roundTotals } from '../voting/round-reads';
import { getMeta, getSetup, workshopId } from '../workshop/workshop';
import { listConflicts, listDevices } from '../venues/venues-merge';
import { unreturnedKits } from '../venues/venues-unreturned';
import { kitRole } from '../venues/venues';
import { reappliedRulings } from '../venues/venues-ruling';
import { basisOf, lateRulingsOf } from './snapshot-basis';
import { MINUTES_LAYOUT } from '../../shared/minutes/payload';
import { proposalsSinceClose } from '../results/since-close';
import type { Organization, Participant } from '../../shared/schemas/attendance';
import { displayName } from '../../shared/schemas/attendance';
import type { Proposal } from '../../shared/schemas/proposals';

function hasTable(db: Db, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

function rounds(
  db: Db,
  people: Map<string, Participant>,
  orgs: Map<string, Organization>,
  proposals: Map<string, Proposal>,
): MinutesRound[] {
  if (!hasTable(db, 'voting_round')) return [];
  return listRounds(db).map((r): MinutesRound => {
    const closed = r.state === 'closed' && r.snapshot !== null;
    const totals = closed ? roundTotals(db, r.id) : null;
    const snap = r.snapshot;
    return {
      id: r.id,
      title: r.title,
      kind: r.kind,
      ballotType: r.ballotType,
      tieBreak: r.tieBreak,
      venueId: r.venueId,
      day: r.day,
      state: r.state,
      openedAt: r.openedAt,
      closedAt: r.closedAt,
      entitled:
        closed && snap
          ? {
              voteRule: snap.voteRule,
              count: snap.entitled,
              present: snap.presentIds.length,
              holders: snap.holders.map((h) => {
                const p = people.get(h.participantId);
                return {
                  organizationId: h.organizationId,
                  participantId: h.participantId,
                  name: p ? displayName(p) : '',
                  organization: h.organizationId ? (orgs.get(h.organizationId)?.name ?? '') : '',
                  basis: h.basis,
                };
              }),
            }
          : null,
      ballots: totals?.ballots ?? null,
      // Written only when there are some, so Actas sealed before blank votes rebuild the same.
      ...(totals?.blank ? { blank: totals.blank } : {}),
      items: (totals?.items ?? []).map((i) => ({
        itemId: i.itemId,
        code: proposals.get(i.itemId)?.code ?? '',
        label: i.label,
        votes: i.votes,
        points: i.points,
        shareCents: i.shareCents,
      })),
    };
  });
}

function criteria(db: Db, proposals: Proposal[]): MinutesCriteria | null {
  if (!hasCriteria(db)) return null;
  const matrix = getMatrix(db);
  const scores = listScores(db);
  const admitted = proposals.filter((p) => p.status === 'admitted');
  const totals = weightedTotals(
    matrix.criteria,
    scores,
    admitted.map((p) => p.id),
  );
  const given = new Map<string, Map<string, number>>();
  for (const s of scores) {
    let m = given.get(s.proposalId);
    if (!m) given.set(s.proposalId, (m = new Map<string, number>()));
    m.set(s.criterionId, s.score);
  }
  return {
    votesWeight: matrix.votesWeight,
    criteria: matrix.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      scaleMax: c.scaleMax,
    })),
    rows: admitted.flatMap((p) => {
      const t = totals.get(p.id);
      if (!t) return [];
      const w = toWeightedTotal(p.id, t);
      return [
        {
          proposalId: p.id,
          code: p.code,
          title: p.title,
          scores: Object.fromEntries(
            matrix.criteria.map((c) => [c.id, given.get(p.id)?.get(c.id) ?? null]),
          ),
          complete: w.complete,
          total: w.exact,
          display: w.display,
        },
      ];
    }),
  };
}

/** The prioritised list of the newest closed prioritisation round: selected first (in order), then the rest by rank. */
function prioritized(
  db: Db,
  envelopeCents: number,
  proposals: Map<string, Proposal>,
  sectors: Map<string, string>,
  cuiAtClose: boolean,
): MinutesPrioritized | null {
  if (!hasTable(db, 'voting_round') || !hasCriteria(db)) return null;
  // The round the facilitator chose; minutes sealed before that choice existed followed the
  // newest closed round, and `minka check` rebuilds those the same way.
  const roundId = officialChoice(db)?.roundId ?? resultRounds(db).defaultRoundId;
  if (!roundId) return null;
  // As the screen shows it: with the steps the rule ran (the Acta names them from layout 8).
  const res = roundResultsShown(db, roundId);
  if (res.kind !== 'priority') return null;
  const r = res.value;
  const selected = r.projects
    .filter((p) => p.selected)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const rest = r.projects
    .filter((p) => !p.selected)
    .sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  // Sector names as they stood when the round closed (frozen with it).
  const sectorAtClose = new Map(r.sectors.map((x) => [x.sectorId, x.name]));
  // The CUI as it stood at the close (adv27): one given or changed later is listed among the
  // changes since the close, not printed in the list the room saw.
  const atClose = proposalsSinceClose(
    db,
    roundId,
    new Set(r.projects.map((p) => p.proposalId)),
  ).atClose;
  let cumulative = 0;
  const items = [...selected, ...rest].map((p, i) => {
    cumulative += p.costCents;
    const prop = proposals.get(p.proposalId);
    const frozen = atClose.get(p.proposalId);
    return {
      rank: i + 1,
      proposalId: p.proposalId,
      code: p.code,
      cui: frozen && cuiAtClose ? String(frozen['cui'] ?? '') : (prop?.cui ?? ''),
      title: p.title,
      sectorId: p.sectorId,
      sector: sectorAtClose.get(p.sectorId) ?? sectors.get(p.sectorId) ?? '',
      amountCents: p.costCents,
      cofinancingCents: prop?.cofinancingCents ?? 0,
      cumulativeCents: cumulative,
      score: p.combined,
      funded: p.selected,
      ...(p.fromRemainder ? { fromRemainder: true } : {}),
    };
  });
  const ran = r.ran
    ? {
        ...r.ran,
        ...(r.ran.steps.length === 0 && r.problem ? { problem: r.problem.key } : {}),
      }
    : null;
  return {
    method: `${r.round.title} · ${r.ruleKey}`,
    envelopeCents: r.envelopeCents || envelopeCents,
    fundedTotalCents: r.totalCents,
    items,
    ...(r.split
      ? {
          split: {
            sectors: r.split.sectors.map((x) => ({
              sectorId: x.sectorId,
              name: x.name,
              shareCents: x.shareCents,
              selected: x.selected,
              spentCents: x.spentCents,
              leftoverCents: x.leftoverCents,
            })),
            pooledCents: r.split.pooledCents,
            remainder: r.split.remainder,
          },
        }
      : {}),
    ...(ran ? { ruleRan: ran } : {}),
  };
}

/** The chosen official round, the warnings confirmed with it and the rounds it supersedes. */
function official(db: Db): MinutesOfficial | undefined {
  if (!hasTable(db, 'voting_round')) return undefined;
  const choice = officialChoice(db);
  if (!choice) return undefined;
  const s = officialState(db);
  const chosen = s.candidates.find((c) => c.id === choice.roundId);
  if (!chosen) return undefined;
  return {
    roundId: chosen.id,
    title: chosen.title,
    closedAt: chosen.closedAt,
    chosenAt: choice.at,
    confirmed: [...choice.confirmed],
    // The payload's shape exactly (the presence computation carries more: base, unit), so the
    // minutes rebuilt by `minka check` equal the signed ones.
    quorum: chosen.quorum
      ? { required: chosen.quorum.required, actual: chosen.quorum.actual, met: chosen.quorum.met }
      : null,
    superseded: s.candidates
      .filter((c) => c.id !== chosen.id)
      .map((c) => ({ roundId: c.id, title: c.title, closedAt: c.closedAt })),
  };
}

/** The venue devices merged in and the settled conflicts between them (issue 20). */
function venuesOf(db: Db): Pick<MinutesSnapshot, 'devices' | 'conflicts' | 'unreturnedKits'> {
  const devices = listDevices(db).map((d) => ({
    kitId: d.kitId,
    venue: d.venue,
    keyFingerprint: d.keyFingerprint,
    head: d.head,
    events: d.events,
    proof:
      d.proof?.kind === 'slip'
        ? { kind: 'slip' as const, note: '' }
        : // The seal waits for a device known only from a copy (venues-seal.ts): never 'carried' here.
          { kind: 'none' as const, note: d.proof?.kind === 'none' ? d.proof.note : '' },
    role: kitRole(db, d.kitId),
  }));
  const unreturned = unreturnedKits(db).map((k) => ({
    kitId: k.kitId,
    venue: k.venue,
    createdAt: k.createdAt,
  }));
  const moved = new Set(reappliedRulings(db).map((r) => r.conflictId));
  const conflicts = listConflicts(db).map((c) => ({
    kind: c.kind,
    label: c.label,
    sides: c.sides.map((x) => ({ source: x.source, venue: x.venue, at: x.at })),
    choice: c.settled?.choice ?? '',
    choiceVenue: c.sides.find((x) => x.source === c.settled?.choice)?.venue ?? '',
    note: c.settled?.note ?? '',
    settledAt: c.settled?.at ?? '',
    ...(moved.has(c.id) ? { reapplied: true as const } : {}),
  }));
  return {
    ...(devices.length ? { devices } : {}),
    ...(conflicts.length ? { conflicts } : {}),
    ...(unreturned.length ? { unreturnedKits: unreturned } : {}),
  };
}

/**
 * What the Acta is drawn from, read from the tables. `layout`: the layout of an Acta sealed
 * earlier that `minka check` rebuilds (before layout 7 the official list printed the CUI as it
 * was at the seal, not as at the close; before 8 no setup saves after the close in the basis).
 */
export function collectSnapshot(db: Db, layout = MINUTES_LAYOUT): MinutesSnapshot {
  return db.transaction((): MinutesSnapshot => {
    const setup = getSetup(db);
    const organizations = listOrganizations(db);
    const participants = listParticipants(db);
    const proposals = listProposals(db);
    const byId = new Map(proposals.map((p) => [p.id, p]));
    const chain = chainStatus(db);
    return {
      workshopId: workshopId(db),
      createdAt: getMeta(db, 'created_at') ?? '',
      setup,
      organizations,
      participants,
      invitations: listInvitations(db),
      attendance: listAttendance(db),
      proposals,
      reviews: listReviews(db),
      matters: listMatters(db),
      rounds: rounds(
        db,
        new Map(participants.map((p) => [p.id, p])),
        new Map(organizations.map((o) => [o.id, o])),
        byId,
      ),
      criteria: criteria(db, proposals),
      prioritized: prioritized(
        db,
        setup.envelopeCents,
        byId,
        new Map(setup.sectors.map((s) => [s.id, s.name])),
        layout >= 7,
      ),
      ...(() => {
        const o = official(db);
        return o ? { official: o } : {};
      })(),
      ...(() => {
        const r = listReopenings(db);
        return r.length ? { reopenings: r } : {};
      })(),
      ...(() => {
        const b = basisOf(db);
        if (layout < 8 && b.basis) delete b.basis.setupChanges;
        return b;
      })(),
      ...(() => {
        const l = lateRulingsOf(db);
        return l.length ? { lateRulings: l } : {};
      })(),
      ...venuesOf(db),
      agreements: listAgreements(db),
      committee: listCommittee(db),
      closingRemarks: getClosingRemarks(db),
      chain: { head: chain.head, length: chain.length },
    };
  })();
}
