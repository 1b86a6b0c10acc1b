// The quorum a round froze at its close, recomputed. The close stores the quorum beside the
// result (round-freeze.ts); the Acta's "below quorum at closing" warning and the official
// round's confirmations read it. Its inputs (the registry and the check-ins) are not frozen
// with it, so a stored figure edited in the close event, the chain then recomputed, left
// every other check green. Here the registry and the check-ins are replayed from the events
// before the close, and the quorum is counted again by the rule the close counts it with
// (presenceWith in shared/attendance/presence.ts, through computePresence), under the
// quorum rule of the setup as it stood then.
import { computePresence } from '../../shared/attendance/presence';
import type { QuorumAtClose } from '../../shared/schemas/official';
import { QuorumRule, type VoteRule } from '../../shared/schemas/workshop';
import type { Ev } from '../platform/replay';
import type { RecordBefore } from './record-before';
import type { FrozenRound } from '../../shared/results/frozen';
import { finding } from '../../shared/check-findings';

export interface QuorumMismatch {
  roundId: string;
  title: string;
  frozen: QuorumAtClose;
  recomputed: QuorumAtClose;
}

const figure = (q: QuorumAtClose) =>
  `${q.actual} of ${q.required} required, ${q.met ? 'met' : 'not met'}`;

/** The finding `minka check` prints for a mismatch (both figures). */
export const quorumFinding = (m: QuorumMismatch) =>
  finding(
    'check.results.quorum',
    {
      title: m.title,
      frozen: m.frozen.actual,
      frozenRequired: m.frozen.required,
      recount: m.recomputed.actual,
      recountRequired: m.recomputed.required,
    },
    `quorum frozen at the close of "${m.title}" (${figure(m.frozen)}) differs from the registry and check-ins before the close (${figure(m.recomputed)})`,
  );

/** The setup before the event `seq`: its quorum rule and vote rule, null when not logged. */
function setupBefore(evs: readonly Ev[]): { quorum: QuorumRule; voteRule: VoteRule } | null {
  let quorum: unknown = undefined;
  let voteRule: unknown = undefined;
  for (const e of evs) {
    const s =
      e.type === 'workshop.created' ? e.p.setup : e.type === 'workshop.setupSaved' ? e.p : null;
    if (!s) continue;
    if (s.quorum !== undefined) quorum = s.quorum;
    if (s.voteRule !== undefined) voteRule = s.voteRule;
  }
  const q = QuorumRule.safeParse(quorum);
  if (!q.success) return null;
  return { quorum: q.data, voteRule: voteRule === 'perPerson' ? 'perPerson' : 'perOrganization' };
}

/**
 * Every closed round whose frozen quorum differs from a recount over the record before its
 * close. A round frozen without a quorum (before it was frozen), closed before the setup
 * logged its quorum rule, or without its creation in the log, is left out: there is nothing
 * to count it from (the last is reported by frozen-inputs.ts).
 */
export function quorumMismatches(
  at: (seq: number) => RecordBefore,
  frozen: readonly { seq: number; roundId: string; frozen: FrozenRound }[],
): QuorumMismatch[] {
  const out: QuorumMismatch[] = [];
  for (const f of frozen) {
    const stored = f.frozen.quorum;
    if (!stored) continue;
    const record = at(f.seq);
    const { before } = record;
    const created = before.find((e) => e.type === 'voting.roundCreated' && e.p.id === f.roundId);
    const setup = setupBefore(before);
    const title = f.frozen.inputs.round.title;
    // A close without its round's creation is reported by frozen-inputs.ts: no venue, no day.
    if (!created || created.type !== 'voting.roundCreated' || !setup) continue;
    const q = computePresence({
      organizations: record.organizations,
      participants: record.participants,
      attendance: record.attendance,
      venueId: created.p.venueId,
      day: created.p.day,
      ...setup,
    }).quorum;
    const recomputed = { required: q.required, actual: q.actual, met: q.met };
    // The close stores presence's whole quorum (its unit and base too): every field must agree.
    const all: Record<string, unknown> = { ...q };
    const kept: Record<string, unknown> = { ...stored };
    const keys = new Set(['required', 'actual', 'met', ...Object.keys(kept)]);
    if ([...keys].some((k) => kept[k] !== all[k]))
      out.push({ roundId: f.roundId, title, frozen: stored, recomputed });
  }
  return out;
}
