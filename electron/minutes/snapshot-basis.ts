// What the official result was computed from, for the Acta (MINUTES_LAYOUT 6): the frozen
// inputs of its round beside the setup and matrix now, and the settlements after a round's
// close that ruled one of its voters absent from its venue (fac26 field test). Read from
// the close events and the conflicts table only, so `minka check` rebuilds the same.
import type { MinutesBasis, MinutesLateRuling } from '../../shared/minutes/payload-basis';
import type { MinutesCriteria } from '../../shared/minutes/payload';
import { toWeightedTotal, weightedTotals } from '../../shared/results/criteria';
import type { Db } from '../platform/db';
import { getMatrix, hasCriteria, listScores } from '../criteria/criteria';
import { officialChoice } from '../results/official';
import { resultRounds } from '../results/results';
import { quorumNow, ROUND_CLOSED_EVENT, storedFrozen } from '../voting/round-freeze';
import { listRounds } from '../voting/voting';
import { listReopenings, REOPEN_EVENT } from '../workshop/setup-lock';
import { getSetup } from '../workshop/workshop';
import { listConflicts } from '../venues/venues-conflicts';
import { changedScores, matrixKey, proposalsSinceClose } from '../results/since-close';
import { closeSeqOf, setupSavesAfter } from './setup-changes';

/** The official round's frozen basis and matrix; {} when none (no round, or closed before freezing). */
export function basisOf(db: Db): { basis?: MinutesBasis; criteriaAtClose?: MinutesCriteria } {
  const roundId = officialChoice(db)?.roundId ?? resultRounds(db).defaultRoundId;
  if (!roundId) return {};
  const frozen = storedFrozen(db, roundId);
  if (!frozen || frozen.results.kind !== 'priority') return {};
  const inp = frozen.inputs;
  const setup = getSetup(db);
  const matrix = hasCriteria(db) ? getMatrix(db) : { criteria: [], votesWeight: 100 };
  const scores = hasCriteria(db) ? listScores(db) : [];
  const ids = inp.items.map((i) => i.id);
  // As frozen.ts computes the round's own result (who scored is not an input).
  const totals = weightedTotals(
    inp.criteria,
    inp.scores.map((s) => ({ ...s, scoredBy: '', scoredAt: '' })),
    ids,
  );
  const given = new Map(inp.scores.map((s) => [`${s.proposalId}|${s.criterionId}`, s.score]));
  const criteriaAtClose: MinutesCriteria = {
    votesWeight: inp.votesWeight,
    criteria: inp.criteria.map((c) => ({
      id: c.id,
      name: c.name,
      weight: c.weight,
      scaleMax: c.scaleMax,
    })),
    rows: inp.items.flatMap((it) => {
      const t = totals.get(it.id);
      if (!t) return [];
      const w = toWeightedTotal(it.id, t);
      return [
        {
          proposalId: it.id,
          code: it.code,
          title: it.title,
          scores: Object.fromEntries(
            inp.criteria.map((c) => [c.id, given.get(`${it.id}|${c.id}`) ?? null]),
          ),
          complete: w.complete,
          total: w.exact,
          display: w.display,
        },
      ];
    }),
  };
  const closedAt = inp.round.closedAt;
  const closeSeq = closeSeqOf(db, roundId);
  const setupChanges = closeSeq === null ? [] : setupSavesAfter(db, closeSeq);
  const basis: MinutesBasis = {
    roundId,
    title: inp.round.title,
    closedAt,
    atClose: {
      envelopeCents: inp.envelopeCents,
      rule: inp.rule,
      tieBreak: inp.tieBreak,
      sectorSplit: inp.sectorSplit === true,
      votesWeight: inp.votesWeight,
    },
    now: {
      envelopeCents: setup.envelopeCents,
      rule: setup.selectionRule,
      tieBreak: setup.tieBreak,
      sectorSplit: setup.sectorSplit,
      votesWeight: matrix.votesWeight,
    },
    matrixChanged: matrixKey(inp.criteria) !== matrixKey(matrix.criteria),
    scoresChanged: changedScores(inp, scores).map((it) => it.code),
    reopenings: reopeningsAfter(db, roundId, closedAt).map((r) => ({
      at: r.at,
      by: r.by,
      reason: r.reason,
    })),
    proposalChanges: proposalChangesOf(db, roundId, ids),
    // Layout 8 (adv28): the setup's other fields saved after the close (time zone, year…).
    ...(setupChanges.length ? { setupChanges } : {}),
  };
  return { basis, criteriaAtClose };
}

/** The round's proposal events after its close, names for ids, long texts cut (adv27). */
function proposalChangesOf(
  db: Db,
  roundId: string,
  ids: readonly string[],
): NonNullable<MinutesBasis['proposalChanges']> {
  const sector = new Map(getSetup(db).sectors.map((x) => [x.id, x.name]));
  const org = (id: string) =>
    id
      ? ((db.prepare('SELECT name FROM organization WHERE id = ?').pluck().get(id) as
          string | undefined) ?? id)
      : '';
  const shown = (field: string, v: string) =>
    field === 'sectorId'
      ? (sector.get(v) ?? v)
      : field === 'organizationId'
        ? org(v)
        : v.length > 80
          ? `${v.slice(0, 79)}…`
          : v;
  return proposalsSinceClose(db, roundId, new Set(ids)).changes.map((c) => ({
    code: c.code,
    at: c.at,
    by: c.by,
    kind: c.kind,
    changes: c.changes.map((x) => ({
      field: x.field,
      before: shown(x.field, x.before),
      after: shown(x.field, x.after),
    })),
  }));
}

/**
 * The setup's reopenings logged after the round's close: by the log's order, not the clock
 * (finding F5: a reopening back-dated by setting the laptop's clock back was left out of the
 * Acta's changes since the close). The clock only where no close event is logged.
 */
function reopeningsAfter(db: Db, roundId: string, closedAt: string) {
  const closeSeq = db
    .prepare("SELECT max(seq) FROM event WHERE type = ? AND json_extract(payload, '$.id') = ?")
    .pluck()
    .get(ROUND_CLOSED_EVENT, roundId) as number | null;
  const all = listReopenings(db);
  if (closeSeq === null) return all.filter((r) => r.at > closedAt);
  // listReopenings reads the same events in the same order (by seq).
  const seqs = db
    .prepare('SELECT seq FROM event WHERE type = ? ORDER BY seq')
    .pluck()
    .all(REOPEN_EVENT) as number[];
  return all.filter((_, i) => (seqs[i] ?? 0) > closeSeq);
}

/**
 * Closed rounds whose voters a check-in conflict settled after the close ruled absent from
 * the round's venue: the result stands (the room saw it), the Acta says so with the quorum
 * recomputed without them (the same count as the Resumen tab: attendance now).
 */
export function lateRulingsOf(db: Db): MinutesLateRuling[] {
  const conflicts = listConflicts(db).filter((c) => c.kind === 'checkIn' && c.settled);
  if (!conflicts.length) return [];
  const setup = getSetup(db);
  const venueName = new Map(setup.venues.map((v) => [v.id, v.name]));
  const out: MinutesLateRuling[] = [];
  for (const r of listRounds(db)) {
    const snap = r.snapshot;
    if (r.state !== 'closed' || !snap || !r.closedAt) continue;
    const venue = venueName.get(r.venueId) ?? '';
    const present = new Set(snap.presentIds);
    const absent: MinutesLateRuling['absent'] = [];
    for (const c of conflicts) {
      const settled = c.settled;
      // No clock comparison (a venue laptop's clock is its own): a settlement before the close
      // would have undone the check-in first, and the close's snapshot would not list them.
      if (!settled) continue;
      const [pid, day] = c.subject.split('|');
      if (!pid || day !== r.day || !present.has(pid)) continue;
      const kept = c.sides.find((x) => x.source === settled.choice);
      const lost = c.sides.some((x) => x.source !== settled.choice && x.venue === venue);
      if (!kept || kept.venue === venue || !lost) continue;
      const holder = snap.holders.find((h) => h.participantId === pid);
      absent.push({
        name: c.label,
        organization: holder?.organizationId
          ? ((db
              .prepare('SELECT name FROM organization WHERE id = ?')
              .pluck()
              .get(holder.organizationId) as string | undefined) ?? '')
          : '',
        keptAt: kept.venue,
        settledAt: settled.at,
        note: settled.note,
      });
    }
    if (!absent.length) continue;
    const q = setup.quorum.kind === 'none' ? null : quorumNow(db, r);
    out.push({
      roundId: r.id,
      title: r.title,
      venue,
      closedAt: r.closedAt,
      absent,
      quorum: q ? { required: q.required, actual: q.actual, met: q.met } : null,
      unit: setup.quorum.kind === 'minimum' ? 'people' : 'organizations',
    });
  }
  return out;
}
