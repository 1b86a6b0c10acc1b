// The workshop's identity (meta) and setup (workshop row, venues, sectors, time zone),
// replayed from the creation event and the last saved setup.
import { DEFAULT_TIME_ZONE } from '../../shared/format';
import type { ParsedPayload } from '../../shared/events';
import {
  allRows,
  byKey,
  type Db,
  type Ev,
  type Report,
  type Row,
  same,
  str,
} from '../platform/replay';

/** Every key of the meta table Minka writes (workshop.ts, migration 7). */
const KNOWN_META = new Set(['workshop_id', 'created_at', 'exact_times_from', 'time_zone']);

type Setup = ParsedPayload<'workshop.setupSaved'>;

/** Whether `kitId` is this file's own kit: its venue_kit row marked 'self' (a venue copy). */
function ownKit(db: Db, kitId: string): boolean {
  const table = db
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'venue_kit'")
    .get();
  if (!table) return false;
  return (
    db.prepare("SELECT 1 FROM venue_kit WHERE id = ? AND role = 'self'").get(kitId) !== undefined
  );
}

export function replayWorkshop(db: Db, evs: Ev[], r: Report): void {
  const metaRows = db.prepare('SELECT key, value FROM meta').all() as {
    key: string;
    value: string;
  }[];
  // The workshop's identity: the id and creation time are those of the first event.
  const created = evs.find((e) => e.type === 'workshop.created');
  let last: Setup | null = null;
  for (const e of evs) {
    if (e.type === 'workshop.created') {
      const meta = new Map(metaRows.map((m) => [m.key, m.value]));
      if (e === created) {
        if (meta.get('workshop_id') !== e.p.workshopId)
          r.add('meta', 'workshop_id', 'differs from the event log');
        if (meta.get('created_at') !== e.at)
          r.add('meta', 'created_at', 'differs from the event log');
      }
      last = e.p.setup;
    } else if (e.type === 'workshop.setupSaved') last = e.p;
  }
  if (!last) return;
  // The time zone every date is shown and printed in lives in meta; the setup event names it
  // when it is not the default. A renamed or unknown meta key is an edit too.
  for (const m of metaRows)
    if (m.key === 'device_kit') {
      // A venue kit's own id (venues.ts, prepareKit): known where it names this file's own kit
      // row; on a main workshop (no such row) it is an edit, and would make it act as a kit.
      if (!ownKit(db, m.value)) r.add('meta', m.key, 'names no kit of this file (not a venue kit)');
    } else if (!KNOWN_META.has(m.key)) r.add('meta', m.key, 'not a key Minka writes');
  const zone = metaRows.find((m) => m.key === 'time_zone')?.value ?? DEFAULT_TIME_ZONE;
  if (zone !== (last.timeZone ?? DEFAULT_TIME_ZONE))
    r.add('meta', 'time_zone', 'differs from the event log');
  const w = db.prepare('SELECT * FROM workshop WHERE id = 1').get() as Row | undefined;
  if (!w) return r.add('workshop', '1', 'row missing');
  const scalar: [keyof Setup, string][] = [
    ['municipality', 'municipality'],
    ['ubigeo', 'ubigeo'],
    ['fiscalYear', 'fiscal_year'],
    ['title', 'title'],
    ['envelopeCents', 'envelope_cents'],
    ['voteRule', 'vote_rule'],
    ['tieBreak', 'tie_break'],
    ['minNoticeDays', 'min_notice_days'],
  ];
  for (const [k, col] of scalar)
    if (k in last && !same(last[k], w[col]))
      r.add('workshop', '1', `${col} differs from the event log`);
  const quorum = last.quorum;
  if (quorum) {
    if (!same(quorum.kind, w['quorum_kind']))
      r.add('workshop', '1', 'quorum_kind differs from the event log');
    if (!same(quorum.percent ?? quorum.count ?? null, w['quorum_value']))
      r.add('workshop', '1', 'quorum_value differs from the event log');
  }
  if (
    'selectionRule' in last &&
    'selection_rule' in w &&
    !same(last.selectionRule, w['selection_rule'])
  )
    r.add('workshop', '1', 'selection_rule differs from the event log');
  if (
    'representatives_public' in w &&
    !same(last.representativesPublic === true ? 1 : 0, w['representatives_public'])
  )
    r.add('workshop', '1', 'representatives_public differs from the event log');
  const list = (items: Row[], table: 'venue' | 'sector', cols: string[]) => {
    const want = new Map(
      items.map((it, i) => [
        str(it['id']),
        { ...Object.fromEntries(cols.map((c) => [c, it[c]])), position: i },
      ]),
    );
    r.compare(
      table,
      want,
      byKey(allRows(db, table), (x) => str(x['id'])),
      [...cols, 'position'],
    );
  };
  list(last.venues ?? [], 'venue', ['name', 'place', 'date']);
  list(last.sectors ?? [], 'sector', ['name']);
  replaySectorSplit(db, evs, r);
}

/** The setup's sector split flag against the newest setup in the log (absent: off). */
export function replaySectorSplit(db: Db, evs: readonly Ev[], r: Report): void {
  let last: { sectorSplit?: boolean | undefined } | null = null;
  for (const e of evs) {
    if (e.type === 'workshop.created') last = e.p.setup;
    else if (e.type === 'workshop.setupSaved') last = e.p;
  }
  if (
    !(db.pragma('table_info(workshop)') as { name: string }[]).some(
      (c) => c.name === 'sector_split',
    )
  )
    return;
  const w = db.prepare('SELECT sector_split FROM workshop WHERE id = 1').get() as
    { sector_split: number } | undefined;
  if (!w || !last) return;
  if ((last.sectorSplit === true ? 1 : 0) !== w.sector_split)
    r.add('workshop', '1', 'sector_split differs from the event log');
}
