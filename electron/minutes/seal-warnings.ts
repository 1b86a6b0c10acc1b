// What the seal asks to be confirmed, one checkbox each, besides "I confirm sealing" (fac26):
// an empty Comité de Vigilancia, and a closed round whose voters a settlement after its close
// ruled absent from its venue (the closed result stands; the Acta says so, and the quorum
// without them). The seal refuses while one that applies was not confirmed. The official
// round's own warnings are confirmed when it is chosen (results/official.ts). And a laptop's
// clock that ran backwards in the record (venues-clock.ts, finding F5): the verdicts follow
// the log's order, but the times printed are the clock's; named by its first step. And a kit
// issued and never merged back, and a ruling that moved a closed round's counts (adv27). And a
// venue laptop's events timed before its kit was issued or after their merge (misc28).
// An Acta in a language other than Spanish is one more (fac27: shared/minutes/acta-lang.ts).
// And the setup saved after the official round closed: time zone, fiscal year, municipality,
// title… (adv28: setup-changes.ts), printed in the Acta's basis. And a venue whose first
// check-in is on another day than its saved date (adv29: the date saved after the check-ins
// made a late convocation read as on time; the notice is counted to the day people met).
// And a ballot round closed here, then closed again with another laptop's ballots joined.
// And a round still open (fac30: the Acta then prints it as not closed, with no results, and
// nothing asked first). And check-ins recorded more than a day from their clock day (fac30: a
// venue date typed wrong). And a ballot round's laptop that marked voters and never closed the
// round (adv30b F4): its ballots are counted nowhere.
import type { Lang } from '../../shared/lang';
import { ACTA_DEFAULT_LANG, actaLangWarning } from '../../shared/minutes/acta-lang';
import type { SealWarning } from '../../shared/schemas/minutes';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { listCommittee } from './minutes';
import { basisOf, lateRulingsOf } from './snapshot-basis';
import { unreturnedKits } from '../venues/venues-unreturned';
import { reappliedRulings } from '../venues/venues-ruling';
import { joinedAfterClose } from '../venues/venues-joined-after-close';
import { unclosedDesks } from '../venues/venues-unclosed';
import { clockCheck } from '../venues/venues-clock';
import { withDeskClocks } from '../venues/venues-round-clocks';
import { formatDate, formatDateTime, formatSpan } from '../../shared/format';
import { firstMeetingDay, isLate, movedVenues } from '../../shared/attendance/convocation';
import { listArrivalClocks, listInvitations } from '../attendance/attendance';
import { getSetup } from '../workshop/workshop';
import {
  checkInsOffClock,
  checkInsTheEveBefore,
  roundDayParams,
  roundsOffClock,
} from '../../shared/attendance/day-off-clock';
import { listRounds } from '../voting/voting';
import { t } from '../../shared/i18n';

/** The warnings that apply now; with `lang`, the Acta's language's own (the seal knows it). */
export function sealWarnings(db: Db, lang?: Lang): SealWarning[] {
  const out: SealWarning[] = [];
  const langWarning = lang ? actaLangWarning(lang) : null;
  if (langWarning) out.push(langWarning);
  if (listCommittee(db).length === 0)
    out.push({ id: 'committeeEmpty', key: 'minutes.ui.sealWarn.committeeEmpty', params: {} });
  for (const l of lateRulingsOf(db))
    out.push({
      id: `lateRuling:${l.roundId}`,
      key: 'minutes.ui.sealWarn.lateRuling',
      params: {
        title: l.title,
        venue: l.venue,
        count: l.absent.length,
        actual: l.quorum?.actual ?? 0,
        required: l.quorum?.required ?? 0,
        met: l.quorum && !l.quorum.met ? 'notMet' : 'met',
      },
    });
  const clock = clockCheck(db);
  const first = clock.backwards[0];
  if (first)
    out.push({
      id: 'clockBackwards',
      key: first.kitId
        ? 'minutes.ui.sealWarn.clockBackwardsVenue'
        : 'minutes.ui.sealWarn.clockBackwards',
      params: {
        count: clock.backwards.length,
        seq: first.seq,
        at: formatDateTime(first.at, clock.timeZone),
        prevSeq: first.prevSeq,
        prevAt: formatDateTime(first.prevAt, clock.timeZone),
        back: formatSpan(first.backSeconds),
        venue: first.venue || (first.kitId ?? '').slice(0, 8),
      },
    });
  // A venue laptop's events timed outside its kit's window (misc28), one per laptop.
  const windows = new Map<string, typeof clock.outside>();
  for (const w of clock.outside) windows.set(w.kitId, [...(windows.get(w.kitId) ?? []), w]);
  for (const [kit, ws] of windows) {
    const w = ws[0] as (typeof ws)[number];
    out.push({
      id: `clockOutsideKit:${kit}`,
      key:
        w.bound === 'beforeIssued'
          ? 'minutes.ui.sealWarn.clockBeforeKit'
          : 'minutes.ui.sealWarn.clockAfterMerge',
      params: {
        venue: w.venue || kit.slice(0, 8),
        kit: kit.slice(0, 8),
        count: ws.reduce((n, x) => n + x.events, 0),
        seq: w.seq,
        at: formatDateTime(w.at, clock.timeZone),
        boundAt: formatDateTime(w.boundAt, clock.timeZone),
      },
    });
  }
  // A kit issued for a venue and never merged back: that venue's record is missing (adv27).
  for (const k of unreturnedKits(db))
    out.push({
      id: `kitNotReturned:${k.kitId}`,
      key: 'minutes.ui.sealWarn.kitNotReturned',
      params: { venue: k.venue, kit: k.kitCode },
    });
  // A ruling on a round's counts that replaced a closed result (adv27): the room may have seen it.
  for (const r of reappliedRulings(db))
    out.push({
      id: `countsRuled:${r.roundId}`,
      key: 'minutes.ui.sealWarn.countsRuled',
      params: { title: r.title, venue: r.venue, kit: r.kit },
    });
  // A ballot round closed here, then joined with another laptop's ballots: closed again with a
  // different result (ballotconf: the union of a venue's laptops).
  for (const r of joinedAfterClose(db))
    out.push({
      id: `ballotsJoined:${r.roundId}`,
      key: 'minutes.ui.sealWarn.ballotsJoined',
      params: { title: r.title, venue: r.venue },
    });
  // A ballot round's laptop that marked voters and never closed it: their ballots stayed in its
  // box, counted nowhere (adv30b F4). One per round, its laptops' kits and voters summed.
  // A laptop that closed but whose close is held, not joined, likewise (adv32 F8: heldDesk).
  const unclosed = new Map<string, ReturnType<typeof unclosedDesks>>();
  for (const d of unclosedDesks(db)) {
    const k = d.held ? `heldDesk:${d.roundId}` : `unclosedDesk:${d.roundId}`;
    unclosed.set(k, [...(unclosed.get(k) ?? []), d]);
  }
  for (const [id, ds] of unclosed)
    out.push({
      id,
      key: `minutes.ui.sealWarn.${id.slice(0, id.indexOf(':'))}`,
      params: {
        title: ds[0]?.title ?? '',
        venue: ds[0]?.venue ?? '',
        kit: ds.map((d) => d.kit).join(', '),
        count: ds.reduce((n, d) => n + d.voters, 0),
        papers: ds.reduce((n, d) => n + d.papers, 0),
      },
    });
  // A venue whose check-ins are on another day than its date: the venue table prints the date,
  // the convocation's notice is counted to the day they met (adv29).
  const setup = getSetup(db);
  // Read once: the venue dates, the days off the clock and the evening-before check-ins.
  const attendance = listArrivalClocks(db);
  const rounds = listRounds(db);
  const moved = movedVenues(setup.venues, attendance);
  if (moved.length) {
    const first = firstMeetingDay(setup.venues, attendance);
    const late = listInvitations(db).filter((i) =>
      isLate(i.sentOn, first, setup.minNoticeDays),
    ).length;
    for (const m of moved)
      out.push({
        id: `venueDateMoved:${m.venueId}`,
        key: 'minutes.ui.sealWarn.venueDateMoved',
        params: {
          venue: m.name,
          date: formatDate(m.date),
          // Not `met`: the seal panel reads that name as a quorum's met/notMet.
          firstDay: formatDate(m.met),
          late,
          days: setup.minNoticeDays,
        },
      });
  }
  // Check-ins recorded under a day more than a day from their clock day (fac30: a venue date
  // typed wrong files the room under it; shared/attendance/day-off-clock.ts has the rule).
  const tz = setup.timeZone;
  for (const v of checkInsOffClock(setup.venues, attendance, tz))
    out.push({
      id: `checkInDayOffClock:${v.venueId}`,
      key: 'minutes.ui.sealWarn.checkInDayOffClock',
      params: {
        venue: v.name,
        count: v.count,
        total: v.total,
        day: formatDate(v.day),
        clock: formatDate(v.clock),
      },
    });
  // Check-ins for a day made the evening before by people checked in that evening's day too
  // (adv31 F3): day 1's room carried into day 2's quorum and vote holders.
  for (const v of checkInsTheEveBefore(setup.venues, attendance, tz, rounds))
    out.push({
      id: `checkInEve:${v.venueId}:${v.day}`,
      key: 'minutes.ui.sealWarn.checkInEve',
      params: { venue: v.name, day: formatDate(v.day), count: v.count, total: v.total },
    });
  // A round opened or closed on another day than its own (adv30 F2): its quorum and vote
  // holders are the attendance of its day, not of the day the room voted. Every desk's opening
  // and close counts, whatever order the desks were merged in (adv31 F4).
  for (const r of roundsOffClock(withDeskClocks(db, rounds), setup.venues, tz))
    out.push({
      id: `roundDayOffClock:${r.roundId}`,
      key: 'minutes.ui.sealWarn.roundDayOffClock',
      params: roundDayParams(r),
    });
  // A round still open: the room may have voted, and the Acta will print it without results.
  for (const r of rounds.filter((x) => x.state === 'open'))
    out.push({
      id: `roundOpen:${r.id}`,
      key: 'minutes.ui.sealWarn.roundOpen',
      params: {
        title: r.title,
        venue: setup.venues.find((v) => v.id === r.venueId)?.name ?? '',
        day: r.day ? formatDate(r.day) : '',
      },
    });
  // The setup saved after the official round closed (time zone, fiscal year, municipality…).
  const basis = basisOf(db).basis;
  const saves = basis?.setupChanges ?? [];
  if (basis && saves.length)
    out.push({
      id: 'setupAfterClose',
      key: 'minutes.ui.sealWarn.setupAfterClose',
      params: {
        title: basis.title,
        count: saves.length,
        // Named in the Acta's language, as its basis will print them.
        fields: [...new Set(saves.flatMap((x) => x.changes.map((c) => c.field)))]
          .map((f) => t(lang ?? ACTA_DEFAULT_LANG, `minutes.pdf.setup.field.${f}`))
          .join(', '),
      },
    });
  return out;
}

/**
 * Refuse to seal while a warning that applies now was not confirmed (named in the error);
 * otherwise answer the ids of those that apply, all confirmed, for the seal's event to keep.
 */
export function requireSealWarnings(
  db: Db,
  acknowledged: readonly string[],
  lang: Lang = ACTA_DEFAULT_LANG,
): string[] {
  const applying = sealWarnings(db, lang);
  const missing = applying.filter((w) => !acknowledged.includes(w.id));
  if (missing.length)
    throw new MinkaError('CONFLICT', 'minutes.error.sealUnconfirmed', {
      count: missing.length,
      list: missing
        .map((w) => {
          const named = w.params['title'] ?? w.params['venue'];
          return typeof named === 'string' ? `${w.id} («${named}»)` : w.id;
        })
        .join('; '),
    });
  return applying.map((w) => w.id);
}
