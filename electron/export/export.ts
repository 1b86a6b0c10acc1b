import { EXPORT_FORMAT, EXPORT_VERSION, type WorkshopExport } from '../../shared/schemas/export';
import type { Db } from '../platform/db';
import { chainStatus, listEvents } from '../platform/events';
import { exportVenues } from '../venues/venues-merge';
import { listMatters, listProposals, listReviews } from '../proposals/proposals';
import { exportCriteria } from '../criteria/criteria';
import { allResults } from '../results/results';
import { exportRounds } from '../voting/voting-export';
import { getMeta, getSetup, workshopId } from '../workshop/workshop';
import {
  exportMinutes,
  getClosingRemarks,
  listAgreements,
  listCommittee,
} from '../minutes/minutes';
import { listAttendance, listInvitations } from '../attendance/attendance';
import { listOrganizations, listParticipants } from '../registry/registry';
import { getMatrix, hasCriteria } from '../criteria/criteria';
import { exportFollowup } from '../followup/followup-export';
import { firstMeetingDay, isLate, noticeDays } from '../../shared/attendance/convocation';
import { effectiveRule, mesOverriddenBySplit } from '../../shared/results/sector-split';

/** Build the export document from the store (read-only; one consistent snapshot). */
export function exportWorkshop(db: Db, now: Date): WorkshopExport {
  return db.transaction((): WorkshopExport => {
    const { venues, ...setup } = getSetup(db);
    const chain = chainStatus(db);
    const sealedAt = db.prepare('SELECT sealed_at FROM workshop WHERE id = 1').pluck().get() as
      string | null;
    // A read-only export of a file made before proposals existed has no such tables.
    const hasProposals =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'proposal'").get() !==
      undefined;
    const reviews = hasProposals ? listReviews(db) : [];
    // Each proposal with its decisions, oldest first; the last one is its status.
    const proposals = (hasProposals ? listProposals(db) : []).map((p) => ({
      ...p,
      reviews: reviews.filter((r) => r.proposalId === p.id).map(({ proposalId: _p, ...r }) => r),
    }));
    // The registry's rows carry their creation time; the store's list leaves it out.
    const createdAt = new Map(
      (
        db.prepare('SELECT id, created_at FROM participant').all() as {
          id: string;
          created_at: string;
        }[]
      ).map((r) => [r.id, r.created_at]),
    );
    // Notice is counted to the day people first met, as the minutes count it (adv29).
    const attendance = listAttendance(db);
    const firstDate = firstMeetingDay(venues, attendance);
    const events = [];
    for (let after = 0; ;) {
      const page = listEvents(db, { afterSeq: after, limit: 1000 });
      events.push(...page);
      if (page.length < 1000) break;
      after = page[page.length - 1]?.seq ?? after;
    }
    return {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: now.toISOString(),
      workshop: {
        workshopId: workshopId(db),
        createdAt: getMeta(db, 'created_at') ?? '',
        sealedAt,
        ...setup,
        // A file that names MES with the split on (saved before the pair was refused): the rule
        // that ran, so no reader takes "mes" for it. Only then, so other archived exports still
        // compare equal (`minka check --export`).
        ...(mesOverriddenBySplit(setup) ? { appliedRule: effectiveRule(setup) } : {}),
      },
      venues,
      organizations: listOrganizations(db),
      participants: listParticipants(db).map((p) => ({
        ...p,
        createdAt: createdAt.get(p.id) ?? '',
      })),
      invitations: listInvitations(db).map((i) => {
        const days = firstDate === null ? null : noticeDays(i.sentOn, firstDate);
        return { ...i, noticeDays: days, late: isLate(i.sentOn, firstDate, setup.minNoticeDays) };
      }),
      // The log position stays out: the events below carry it, and the key keeps its shape.
      attendance: attendance.map(({ checkInSeq: _seq, ...r }) => r),
      proposals,
      rounds: exportRounds(db),
      criteria: exportCriteria(db),
      votesWeight: hasCriteria(db) ? getMatrix(db).votesWeight : null,
      results: allResults(db),
      mattersRaised: hasProposals ? listMatters(db) : [],
      agreements: listAgreements(db),
      committee: listCommittee(db),
      closingRemarks: getClosingRemarks(db),
      minutes: exportMinutes(db),
      followup: exportFollowup(db),
      chain: { head: chain.head, length: chain.length },
      events,
      ...exportVenues(db),
    };
  })();
}
