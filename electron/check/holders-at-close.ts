// Who held the votes when a round closed, recounted. The close's snapshot lists the vote
// holders (close-round.ts) and the Acta prints them; nothing held that list against the
// record, so a file whose snapshot gave an organisation's vote to its later arrival (the
// close event rewritten and the chain recomputed, or a clock set back under the rule that
// read it) checked green. Here the registry and the check-ins are replayed from the events
// before the close, and the holders counted again by voteHolders (shared/attendance/presence.ts),
// the one rule the screens, the kiosk and the close use. A close marked `holdersBy: 'log'`
// is recounted by the check-ins' log order; an older close (no mark) by check-in time, the
// rule it was made with, so an older file is held to what its build did. But deleting the mark
// is a forger's move too (adv29): a close without it is recounted by the log as well, and where
// the log gives the vote to someone else than the close recorded, check names both (a genuine
// older close where both orders agree stays green). A close whose snapshot lacks its venue or
// day cannot be recounted: that is named, not skipped.
import { type ArrivalKey, isOpen, voteHolders } from '../../shared/attendance/presence';
import { sortedEs } from '../../shared/collate';
import type { Ev } from '../platform/replay';
import { finding } from '../../shared/check-findings';
import type { RecordBefore } from './record-before';

export interface HoldersMismatch {
  roundId: string;
  /**
   * `recount`: the rule the close names gives other holders; `noLogMarker`: a close without
   * `holdersBy` agrees with check-in time but not with the log; `noVenue`: no venue/day to recount.
   */
  kind: 'recount' | 'noLogMarker' | 'noVenue';
  /** The close's snapshot and the recount: `organisation → person` (or the person alone). */
  frozen: string[];
  recomputed: string[];
}

interface Snap {
  venueId?: unknown;
  day?: unknown;
  voteRule?: unknown;
  holders?: { organizationId?: unknown; participantId?: unknown }[];
  holdersBy?: unknown;
}

const key = (h: { organizationId?: unknown; participantId?: unknown }) =>
  `${typeof h.organizationId === 'string' ? `${h.organizationId} → ` : ''}${String(h.participantId)}`;

/** The finding `minka check` prints for a mismatch (what differs on each side), English `what` for `--json`. */
export const holdersFinding = (m: HoldersMismatch) => {
  const only = (a: string[], b: string[]) => a.filter((x) => !b.includes(x)).join(', ') || '-';
  const frozen = only(m.frozen, m.recomputed);
  const log = only(m.recomputed, m.frozen);
  if (m.kind === 'noVenue') {
    const all = m.frozen.join(', ') || '-';
    return finding(
      'check.holders.noVenue',
      { frozen: all },
      `the close's snapshot has vote holders (${all}) but no venue or day: they cannot be recounted against the check-ins`,
    );
  }
  if (m.kind === 'noLogMarker')
    return finding(
      'check.holders.noLogMarker',
      { frozen, log },
      `vote holders recorded at the close (${frozen}) are not the first checked in by the log (${log}); the close carries no log-order marker (holdersBy), so only the clock puts them first`,
    );
  return finding(
    'check.holders.recount',
    { frozen, log },
    `vote holders frozen at the close (${frozen}) differ from the check-ins before it in log order (${log})`,
  );
};

/** Every closed round whose snapshot's vote holders differ from a recount over the log before its close. */
export function holdersMismatches(
  evs: readonly Ev[],
  at: (seq: number) => RecordBefore,
): HoldersMismatch[] {
  const out: HoldersMismatch[] = [];
  for (const close of evs) {
    if (close.type !== 'voting.roundClosed') continue;
    const snap = close.p.snapshot as Snap | undefined;
    if (!snap || !Array.isArray(snap.holders)) continue;
    const roundId = String(close.p.id);
    const frozen = snap.holders.map(key).sort();
    if (typeof snap.venueId !== 'string' || typeof snap.day !== 'string') {
      out.push({ roundId, kind: 'noVenue', frozen, recomputed: [] });
      continue;
    }
    const { participants, attendance } = at(close.seq);
    const open = attendance.filter(
      (r) => r.venueId === snap.venueId && r.day === snap.day && isOpen(r),
    );
    const recount = (byLog: boolean) => {
      const present = new Map<string, ArrivalKey>();
      for (const r of open) present.set(r.participantId, byLog ? r.checkInSeq : r.checkedInAt);
      // The order the close read the people in (presence-here.ts): it decided equal times.
      const people = sortedEs(
        participants.filter((p) => present.has(p.id)),
        (p) => [p.surnames, p.givenNames],
      );
      const rule = snap.voteRule === 'perPerson' ? 'perPerson' : 'perOrganization';
      return voteHolders(rule, people, present).map(key).sort();
    };
    const same = (a: string[]) => a.join('\n') === frozen.join('\n');
    const marked = snap.holdersBy === 'log';
    const recomputed = recount(marked);
    if (!same(recomputed)) out.push({ roundId, kind: 'recount', frozen, recomputed });
    else if (!marked) {
      const byLog = recount(true);
      if (!same(byLog)) out.push({ roundId, kind: 'noLogMarker', frozen, recomputed: byLog });
    }
  }
  return out;
}
