// Does the state in the tables match what the event log says happened? The chain proves
// the log was not altered; this replays the log and compares it with the tables, so that
// an edit made with a raw SQLite tool to a table (a count, a check-in, a ballot) while the
// log is left alone is found too. Times are checked against the window between the
// previous event and the event that recorded the change (the row's time is read from the
// same clock just before the event's).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { canonicalize } from '../../shared/canonical';
import { DEFAULT_TIME_ZONE } from '../../shared/format';
import { migrate } from './migrations';
import { checkSignedMinutes } from '../followup/signed';

type Db = Database.Database;

export interface Problem {
  table: string;
  key: string;
  what: string;
}

export interface ConsistencyVerdict {
  ok: boolean;
  problems: Problem[];
  /** Tables whose rows are replayed from the log and compared. */
  covered: string[];
  /** Tables present in the file that this check does not replay (see README: what is detectable). */
  uncovered: string[];
}

interface Ev {
  seq: number;
  at: string;
  prevAt: string;
  /** The event before the previous one (a transaction may append two events after the row). */
  prev2At: string;
  /** The next event's time ('' for the last): a row written just after its event is before it. */
  nextAt: string;
  type: string;
  p: Record<string, unknown>;
  /** Written by a version that stamps a row with its event's own time (migration 7 on). */
  exact: boolean;
}

/** Every table the replay compares; the rest are listed as uncovered. */
export const COVERED_TABLES = [
  'attendance',
  'proposal',
  'proposal_review',
  'matter_raised',
  'hands_entry',
  'ballot',
  'round_voter',
  'paper_entry',
  'workshop',
  'venue',
  'sector',
  'organization',
  'participant',
  'invitation',
  'criterion_score',
  'criterion',
  'criteria_settings',
  'voting_round',
  'round_item',
  'agreement',
  'committee_member',
  'minutes_draft',
  'followup_minutes',
  'followup_plan',
  'followup_note',
  'followup_unlink',
  'followup_carry',
] as const;
/** Tables that are not workshop state (schema bookkeeping, the log itself). */
// ---- issue 20 (venues) begin: device tables are checked by checkVenues (venues-check.ts) ----
const VENUE_TABLES = [
  'venue_kit',
  'device',
  'device_seal',
  'device_event',
  'applied_event',
  'device_alias',
  'merge_conflict',
];
// ---- issue 20 (venues) end ----
const NOT_STATE = new Set(['event', 'meta', 'sqlite_sequence', ...VENUE_TABLES]);

const str = (x: unknown): string =>
  typeof x === 'string' ? x : x === null || x === undefined ? '' : JSON.stringify(x);
const same = (a: unknown, b: unknown): boolean =>
  canonicalize(a ?? null) === canonicalize(b ?? null);

function tables(db: Db): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
}

function events(db: Db): Ev[] {
  const marker = db
    .prepare("SELECT value FROM meta WHERE key = 'exact_times_from'")
    .pluck()
    .get() as string | undefined;
  const exactFrom = marker === undefined ? Infinity : Number(marker);
  const rows = db.prepare('SELECT seq, at, type, payload FROM event ORDER BY seq').all() as {
    seq: number;
    at: string;
    type: string;
    payload: string;
  }[];
  let prevAt = '';
  let prev2At = '';
  const out = rows.map((r) => {
    let p: Record<string, unknown> = {};
    try {
      const parsed = JSON.parse(r.payload) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
        p = parsed as Record<string, unknown>;
    } catch {
      // The chain verifier reports an unreadable payload.
    }
    const e: Ev = {
      seq: r.seq,
      at: r.at,
      prevAt,
      prev2At,
      nextAt: '',
      type: r.type,
      p,
      exact: r.seq >= exactFrom,
    };
    prev2At = prevAt;
    prevAt = r.at;
    return e;
  });
  out.forEach((e, i) => (e.nextAt = out[i + 1]?.at ?? ''));
  return out;
}

/**
 * A row's time is its event's time; in files written before migration 7 (which read the
 * clock twice) it must fall between the previous event and the one that recorded it.
 */
function inWindow(t: unknown, e: Ev): boolean {
  if (e.exact) return t === e.at;
  return typeof t === 'string' && t <= e.at && (e.prevAt === '' || t >= e.prevAt);
}

/**
 * Ballots: a kiosk ballot is written before two events (who voted, the ballot), a paper
 * ballot is settled just after its entry's event; so the window spans one event each way.
 */
function inWideWindow(t: unknown, e: Ev): boolean {
  return (
    typeof t === 'string' &&
    (e.prev2At === '' || t >= e.prev2At) &&
    (e.nextAt === '' || t <= e.nextAt)
  );
}

class Report {
  readonly problems: Problem[] = [];
  add(table: string, key: string, what: string): void {
    if (this.problems.length < 1000) this.problems.push({ table, key, what });
  }
  /** Rows keyed by `key`: missing, extra, and field-by-field differences. */
  compare(
    table: string,
    expected: Map<string, Record<string, unknown>>,
    actual: Map<string, Record<string, unknown>>,
    fields: string[],
  ): void {
    for (const [k, want] of expected) {
      const got = actual.get(k);
      if (!got) {
        this.add(table, k, 'row missing');
        continue;
      }
      for (const f of fields)
        if (!same(want[f], got[f])) this.add(table, k, `${f} differs from the event log`);
    }
    for (const k of actual.keys()) if (!expected.has(k)) this.add(table, k, 'row without an event');
  }
}

function byKey<T extends Record<string, unknown>>(
  rows: T[],
  key: (r: T) => string,
): Map<string, T> {
  return new Map(rows.map((r) => [key(r), r]));
}

function attendance(db: Db, evs: Ev[], r: Report): void {
  const want = new Map<string, Record<string, unknown>>();
  const times = new Map<string, { in: Ev; out?: Ev; undo?: Ev }>();
  for (const e of evs) {
    const id = str(e.p['id']);
    if (e.type === 'attendance.checkedIn') {
      want.set(id, {
        participant_id: e.p['participantId'],
        venue_id: e.p['venueId'],
        day: e.p['day'],
        sign_method: e.p['signMethod'],
        witness: e.p['witness'],
        out: false,
        undone: false,
        undo_reason: '',
      });
      times.set(id, { in: e });
    } else if (e.type === 'attendance.checkedOut') {
      const w = want.get(id);
      if (w) w['out'] = true;
      const t = times.get(id);
      if (t) t.out = e;
    } else if (e.type === 'attendance.checkInUndone') {
      const w = want.get(id);
      if (w) Object.assign(w, { undone: true, undo_reason: e.p['reason'] });
      const t = times.get(id);
      if (t) t.undo = e;
    }
  }
  const rows = db.prepare('SELECT * FROM attendance').all() as Record<string, unknown>[];
  const got = byKey(
    rows.map((x): Record<string, unknown> => ({
      ...x,
      out: x['checked_out_at'] !== null,
      undone: x['undone_at'] !== null,
    })),
    (x) => str(x['id']),
  );
  r.compare('attendance', want, got, [
    'participant_id',
    'venue_id',
    'day',
    'sign_method',
    'witness',
    'out',
    'undone',
    'undo_reason',
  ]);
  for (const [id, t] of times) {
    const row = got.get(id);
    if (!row) continue;
    if (!inWindow(row['checked_in_at'], t.in))
      r.add('attendance', id, 'checked_in_at outside the time of its event');
    if (t.out && !inWindow(row['checked_out_at'], t.out))
      r.add('attendance', id, 'checked_out_at outside the time of its event');
    if (t.undo && !inWindow(row['undone_at'], t.undo))
      r.add('attendance', id, 'undone_at outside the time of its event');
  }
}

function proposals(db: Db, evs: Ev[], r: Report): void {
  const want = new Map<string, Record<string, unknown>>();
  const reviews = new Map<string, Record<string, unknown>>();
  const matters = new Map<string, Record<string, unknown>>();
  const times = new Map<string, { added?: Ev; last?: Ev }>();
  const reviewAt = new Map<string, Ev>();
  for (const e of evs) {
    if (e.type === 'proposals.proposalAdded' || e.type === 'proposals.proposalEdited') {
      const p = e.p;
      const t = times.get(str(p['id'])) ?? {};
      if (e.type === 'proposals.proposalAdded') t.added = e;
      t.last = e;
      times.set(str(p['id']), t);
      want.set(str(p['id']), {
        code: p['code'],
        title: p['title'],
        description: p['description'],
        sector_id: p['sectorId'],
        community: p['community'],
        organization_id: p['organizationId'],
        estimated_cost_cents: p['estimatedCostCents'],
        beneficiaries: p['beneficiaries'],
        // Events logged before the unit existed counted people.
        beneficiary_unit: p['beneficiaryUnit'] ?? 'people',
        cui: p['cui'],
        cofinancing_cents: p['cofinancingCents'],
        carried_from: p['carriedFrom'],
      });
    } else if (
      e.type === 'proposals.pending' ||
      e.type === 'proposals.admitted' ||
      e.type === 'proposals.rejected'
    ) {
      reviews.set(str(e.p['id']), {
        proposal_id: e.p['proposalId'],
        decision: e.p['decision'],
        reason: e.p['reason'],
        // Events before further reasons existed carry none.
        also_reasons: JSON.stringify(e.p['alsoReasons'] ?? []),
        explanation: e.p['explanation'],
      });
      reviewAt.set(str(e.p['id']), e);
    } else if (e.type === 'proposals.matterRaised') {
      matters.set(str(e.p['id']), {
        text: e.p['text'],
        raised_by: e.p['raisedBy'],
        participant_id: e.p['participantId'],
        raised_at: e.p['raisedAt'],
      });
    }
  }
  const fields = [
    'code',
    'title',
    'description',
    'sector_id',
    'community',
    'organization_id',
    'estimated_cost_cents',
    'beneficiaries',
    'beneficiary_unit',
    'cui',
    'cofinancing_cents',
    'carried_from',
  ];
  const rows = byKey(db.prepare('SELECT * FROM proposal').all() as Record<string, unknown>[], (x) =>
    str(x['id']),
  );
  r.compare('proposal', want, rows, fields);
  for (const [id, t] of times) {
    const row = rows.get(id);
    if (!row) continue;
    if (t.added && !inWindow(row['created_at'], t.added))
      r.add('proposal', id, 'created_at outside the time of its event');
    if (t.last && !inWindow(row['updated_at'], t.last))
      r.add('proposal', id, 'updated_at outside the time of its event');
  }
  const reviewRows = byKey(
    db.prepare('SELECT * FROM proposal_review').all() as Record<string, unknown>[],
    (x) => str(x['id']),
  );
  r.compare('proposal_review', reviews, reviewRows, [
    'proposal_id',
    'decision',
    'reason',
    'also_reasons',
    'explanation',
  ]);
  for (const [id, e] of reviewAt) {
    const row = reviewRows.get(id);
    if (row && !inWindow(row['decided_at'], e))
      r.add('proposal_review', id, 'decided_at outside the time of its event');
  }
  r.compare(
    'matter_raised',
    matters,
    byKey(db.prepare('SELECT * FROM matter_raised').all() as Record<string, unknown>[], (x) =>
      str(x['id']),
    ),
    ['text', 'raised_by', 'participant_id', 'raised_at'],
  );
  // Review order decides a proposal's status: the newest review's seq must follow the log's order.
  const order = db.prepare('SELECT id FROM proposal_review ORDER BY seq').pluck().all() as string[];
  const logged = [...reviews.keys()];
  if (order.length === logged.length && order.some((id, i) => id !== logged[i]))
    r.add('proposal_review', '(order)', 'reviews are in a different order than in the event log');
}

const parseJson = (s: unknown): unknown => {
  if (typeof s !== 'string') return s ?? null;
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
};

function voting(db: Db, evs: Ev[], r: Report, names: Set<string>): void {
  if (!names.has('hands_entry')) return;
  const hands = new Map<string, Record<string, unknown>>();
  const ballots = new Map<string, Record<string, unknown>>();
  const voters = new Map<string, Record<string, unknown>>();
  const paper = new Map<string, Record<string, unknown>>();
  const kioskCount = new Map<string, number>();
  const rounds = new Map<string, Record<string, unknown>>();
  const items = new Map<string, Record<string, unknown>>();
  /** The event that last wrote each row with a time column: key → [event, column]. */
  const at = new Map<string, Ev>();
  for (const e of evs) {
    const round = str(e.p['roundId']);
    if (e.type === 'voting.roundCreated') {
      const p = e.p;
      const id = str(p['id']);
      rounds.set(id, {
        position: p['position'],
        title: p['title'],
        kind: p['kind'],
        ballot_type: p['ballotType'],
        max_choices: p['maxChoices'],
        total_points: p['totalPoints'],
        budget_cents: p['budgetCents'],
        double_entry: p['doubleEntry'] ? 1 : 0,
        tie_break: p['tieBreak'],
        venue_id: p['venueId'],
        day: p['day'],
        created_at: p['createdAt'],
        state: 'draft',
        snapshot: null,
      });
      const ids = (Array.isArray(p['itemIds']) ? p['itemIds'] : []) as unknown[];
      ids.forEach((item, i) => items.set(`${id}|${str(item)}`, { position: i }));
      at.set(`round-created|${id}`, e);
    } else if (e.type === 'voting.roundOpened') {
      const w = rounds.get(str(e.p['id']));
      if (w) Object.assign(w, { state: 'open', tie_break: e.p['tieBreak'] ?? w['tie_break'] });
      at.set(`round-opened|${str(e.p['id'])}`, e);
    } else if (e.type === 'voting.roundClosed') {
      const w = rounds.get(str(e.p['id']));
      if (w) Object.assign(w, { state: 'closed', snapshot: e.p['snapshot'] ?? null });
      at.set(`round-closed|${str(e.p['id'])}`, e);
    } else if (e.type === 'voting.countEntered') {
      hands.set(`${round}|${str(e.p['itemId'])}|${str(e.p['operator'])}`, { count: e.p['count'] });
      at.set(`hands|${round}|${str(e.p['itemId'])}|${str(e.p['operator'])}`, e);
    } else if (e.type === 'voting.ballotCast') {
      // Kiosk ballots are numbered K0001… per round in the order they were cast.
      const n = (kioskCount.get(round) ?? 0) + 1;
      kioskCount.set(round, n);
      ballots.set(`${round}|K${String(n).padStart(4, '0')}`, {
        source: 'kiosk',
        choices: e.p['choices'],
        points: e.p['points'] ?? null,
      });
      at.set(`ballot|${round}|K${String(n).padStart(4, '0')}`, e);
    } else if (e.type === 'voting.voterMarked') {
      // The key a vote is counted under: the organisation (one vote per organisation) or the person.
      voters.set(`${round}|${str(e.p['participantId'])}`, {
        voter_key: e.p['organizationId'] ?? e.p['participantId'],
      });
      at.set(`voter|${round}|${str(e.p['participantId'])}`, e);
    } else if (e.type === 'voting.ballotsImported') {
      for (const b of (Array.isArray(e.p['ballots']) ? e.p['ballots'] : []) as Record<
        string,
        unknown
      >[]) {
        ballots.set(`${round}|${str(b['serial'])}`, {
          source: 'import',
          choices: b['choices'],
          points: b['points'] ?? null,
        });
        at.set(`ballot|${round}|${str(b['serial'])}`, e);
      }
    } else if (e.type === 'voting.paperEntered') {
      paper.set(`${round}|${str(e.p['serial'])}|${str(e.p['typist'])}`, {
        choices: e.p['choices'],
        points: e.p['points'] ?? null,
      });
      at.set(`paper|${round}|${str(e.p['serial'])}|${str(e.p['typist'])}`, e);
      at.set(`ballot|${round}|${str(e.p['serial'])}`, e);
    } else if (e.type === 'voting.paperResolved') {
      const serial = str(e.p['serial']);
      const keep = str(e.p['keep']);
      if (keep === 'void') {
        paper.delete(`${round}|${serial}|A`);
        paper.delete(`${round}|${serial}|B`);
      } else {
        const src = paper.get(`${round}|${serial}|${keep}`);
        if (src) paper.set(`${round}|${serial}|${keep === 'A' ? 'B' : 'A'}`, { ...src });
        at.set(`paper|${round}|${serial}|${keep === 'A' ? 'B' : 'A'}`, e);
      }
      at.set(`ballot|${round}|${serial}`, e);
    }
  }
  r.compare(
    'hands_entry',
    hands,
    byKey(
      db.prepare('SELECT * FROM hands_entry').all() as Record<string, unknown>[],
      (x) => `${str(x['round_id'])}|${str(x['item_id'])}|${str(x['operator'])}`,
    ),
    ['count'],
  );
  r.compare(
    'paper_entry',
    paper,
    byKey(
      (db.prepare('SELECT * FROM paper_entry').all() as Record<string, unknown>[]).map(
        (x): Record<string, unknown> => ({
          ...x,
          choices: parseJson(x['choices']),
          points: parseJson(x['points']),
        }),
      ),
      (x) => `${str(x['round_id'])}|${str(x['serial'])}|${str(x['typist'])}`,
    ),
    ['choices', 'points'],
  );
  const rows = (db.prepare('SELECT * FROM ballot').all() as Record<string, unknown>[]).map(
    (x): Record<string, unknown> => ({
      ...x,
      choices: parseJson(x['choices']),
      points: parseJson(x['points']),
    }),
  );
  const nonPaper = byKey(
    rows.filter((x) => x['source'] !== 'paper'),
    (x) => `${str(x['round_id'])}|${str(x['serial'])}`,
  );
  r.compare('ballot', ballots, nonPaper, ['source', 'choices', 'points']);
  // A paper ballot is final only when both typists' entries exist; its content is typist A's.
  for (const x of rows.filter((b) => b['source'] === 'paper')) {
    const k = `${str(x['round_id'])}|${str(x['serial'])}`;
    const a = paper.get(`${k}|A`);
    const b = paper.get(`${k}|B`);
    if (!a || !b) r.add('ballot', k, 'paper ballot without both typed entries in the log');
    else if (!same(a['choices'], x['choices']) || !same(a['points'], x['points']))
      r.add('ballot', k, 'paper ballot differs from the typed entries');
  }
  for (const [k, a] of paper) {
    if (!k.endsWith('|A')) continue;
    const serial = k.slice(0, -2);
    const b = paper.get(`${serial}|B`);
    if (
      b &&
      same(a, b) &&
      !rows.some(
        (x) => x['source'] === 'paper' && `${str(x['round_id'])}|${str(x['serial'])}` === serial,
      )
    )
      r.add('ballot', serial, 'paper ballot missing');
  }
  r.compare(
    'round_voter',
    voters,
    byKey(
      db.prepare('SELECT * FROM round_voter').all() as Record<string, unknown>[],
      (x) => `${str(x['round_id'])}|${str(x['participant_id'])}`,
    ),
    ['voter_key'],
  );
  const roundRows = byKey(
    (db.prepare('SELECT * FROM voting_round').all() as Record<string, unknown>[]).map(
      (x): Record<string, unknown> => ({ ...x, snapshot: parseJson(x['snapshot']) }),
    ),
    (x) => str(x['id']),
  );
  r.compare('voting_round', rounds, roundRows, [
    'position',
    'title',
    'kind',
    'ballot_type',
    'max_choices',
    'total_points',
    'budget_cents',
    'double_entry',
    'tie_break',
    'venue_id',
    'day',
    'created_at',
    'state',
    'snapshot',
  ]);
  r.compare(
    'round_item',
    items,
    byKey(
      db.prepare('SELECT * FROM round_item').all() as Record<string, unknown>[],
      (x) => `${str(x['round_id'])}|${str(x['item_id'])}`,
    ),
    ['position'],
  );
  // Times: each row's time column against the event that last wrote it.
  const timed: [string, string, string, (x: Record<string, unknown>) => string, boolean?][] = [
    [
      'hands_entry',
      'entered_at',
      'hands',
      (x) => `${str(x['round_id'])}|${str(x['item_id'])}|${str(x['operator'])}`,
    ],
    [
      'paper_entry',
      'entered_at',
      'paper',
      (x) => `${str(x['round_id'])}|${str(x['serial'])}|${str(x['typist'])}`,
    ],
    ['ballot', 'cast_at', 'ballot', (x) => `${str(x['round_id'])}|${str(x['serial'])}`, true],
    [
      'round_voter',
      'voted_at',
      'voter',
      (x) => `${str(x['round_id'])}|${str(x['participant_id'])}`,
    ],
  ];
  for (const [table, col, kind, key, wide] of timed)
    for (const x of db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
      const e = at.get(`${kind}|${key(x)}`);
      if (e && !(wide ? inWideWindow(x[col], e) : inWindow(x[col], e)))
        r.add(table, key(x), `${col} outside the time of its event`);
    }
  for (const [id, x] of roundRows) {
    for (const [col, kind] of [
      ['opened_at', 'round-opened'],
      ['closed_at', 'round-closed'],
    ] as const) {
      const e = at.get(`${kind}|${id}`);
      if (e ? !inWindow(x[col], e) : x[col] !== null)
        r.add('voting_round', id, `${col} differs from the event log`);
    }
  }
}

/** Every key of the meta table Minka writes (workshop.ts, migration 7). */
const KNOWN_META = new Set(['workshop_id', 'created_at', 'exact_times_from', 'time_zone']);

function setup(db: Db, evs: Ev[], r: Report): void {
  // The workshop's identity: the id and creation time are those of the first event.
  const created = evs.find((e) => e.type === 'workshop.created');
  if (created) {
    const meta = new Map(
      (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map(
        (m) => [m.key, m.value],
      ),
    );
    if (meta.get('workshop_id') !== created.p['workshopId'])
      r.add('meta', 'workshop_id', 'differs from the event log');
    if (meta.get('created_at') !== created.at)
      r.add('meta', 'created_at', 'differs from the event log');
  }
  let last: Record<string, unknown> | null = null;
  for (const e of evs) {
    if (e.type === 'workshop.created')
      last = (e.p['setup'] as Record<string, unknown> | undefined) ?? null;
    else if (e.type === 'workshop.setupSaved') last = e.p;
  }
  if (!last) return;
  // The time zone every date is shown and printed in lives in meta; the setup event names it
  // when it is not the default. A renamed or unknown meta key is an edit too.
  const metaRows = db.prepare('SELECT key, value FROM meta').all() as {
    key: string;
    value: string;
  }[];
  for (const m of metaRows)
    if (!KNOWN_META.has(m.key)) r.add('meta', m.key, 'not a key Minka writes');
  const zone = metaRows.find((m) => m.key === 'time_zone')?.value ?? DEFAULT_TIME_ZONE;
  const wantZone = typeof last['timeZone'] === 'string' ? last['timeZone'] : DEFAULT_TIME_ZONE;
  if (zone !== wantZone) r.add('meta', 'time_zone', 'differs from the event log');
  const w = db.prepare('SELECT * FROM workshop WHERE id = 1').get() as
    Record<string, unknown> | undefined;
  if (!w) return r.add('workshop', '1', 'row missing');
  const scalar: [string, string][] = [
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
  const quorum = last['quorum'] as
    { kind?: unknown; percent?: unknown; count?: unknown } | undefined;
  if (quorum) {
    if (!same(quorum.kind, w['quorum_kind']))
      r.add('workshop', '1', 'quorum_kind differs from the event log');
    if (!same(quorum.percent ?? quorum.count ?? null, w['quorum_value']))
      r.add('workshop', '1', 'quorum_value differs from the event log');
  }
  if (
    'selectionRule' in last &&
    'selection_rule' in w &&
    !same(last['selectionRule'], w['selection_rule'])
  )
    r.add('workshop', '1', 'selection_rule differs from the event log');
  if (
    'representatives_public' in w &&
    !same(last['representativesPublic'] === true ? 1 : 0, w['representatives_public'])
  )
    r.add('workshop', '1', 'representatives_public differs from the event log');
  const list = (key: string, table: string, cols: string[]) => {
    const items = (Array.isArray(last?.[key]) ? last[key] : []) as Record<string, unknown>[];
    const want = new Map(
      items.map((it, i) => [
        str(it['id']),
        { ...Object.fromEntries(cols.map((c) => [c, it[c]])), position: i },
      ]),
    );
    r.compare(
      table,
      want,
      byKey(
        db.prepare(`SELECT * FROM ${table === 'venue' ? 'venue' : 'sector'}`).all() as Record<
          string,
          unknown
        >[],
        (x) => str(x['id']),
      ),
      [...cols, 'position'],
    );
  };
  list('venues', 'venue', ['name', 'place', 'date']);
  list('sectors', 'sector', ['name']);
}

const PARTICIPANT_FIELDS: [string, string][] = [
  ['dni', 'dni'],
  ['givenNames', 'given_names'],
  ['surnames', 'surnames'],
  ['sex', 'sex'],
  ['language', 'language'],
  ['organizationId', 'organization_id'],
  ['role', 'role'],
  ['authorization', 'authorization'],
  ['voice', 'voice'],
  ['accreditation', 'accreditation'],
];
const ORG_FIELDS: [string, string][] = [
  ['name', 'name'],
  ['type', 'type'],
  ['community', 'community'],
  ['standingProof', 'standing_proof'],
  ['standingRef', 'standing_ref'],
];

const pick = (p: Record<string, unknown>, fields: [string, string][]) =>
  Object.fromEntries(fields.map(([k, col]) => [col, p[k] ?? null]));

/**
 * The registry: organisations and participants saved one by one carry their id in the
 * event; rows from a CSV import are matched by DNI (participants) or name (organisations),
 * since the import event records the rows as read, before ids were given.
 */
function registry(db: Db, evs: Ev[], r: Report): void {
  const orgs = new Map<string, Record<string, unknown>>();
  const people = new Map<string, Record<string, unknown>>();
  const importedPeople = new Map<string, Record<string, unknown>>();
  const importedOrgs = new Map<string, Record<string, unknown>>();
  const invitations = new Map<string, Record<string, unknown>>();
  const accreditation = new Map<string, unknown>();
  const createdAt = new Map<string, unknown>();
  const importedAt = new Map<string, string>();
  for (const e of evs) {
    if (e.type === 'registry.organizationSaved') orgs.set(str(e.p['id']), pick(e.p, ORG_FIELDS));
    else if (e.type === 'registry.participantSaved' || e.type === 'registry.walkInRegistered') {
      people.set(str(e.p['id']), pick(e.p, PARTICIPANT_FIELDS));
      // Since migration 7 the event carries the row's creation time.
      if (typeof e.p['createdAt'] === 'string') createdAt.set(str(e.p['id']), e.p['createdAt']);
      accreditation.delete(str(e.p['id']));
    } else if (e.type === 'registry.accreditationSet') {
      for (const id of (Array.isArray(e.p['participantIds'])
        ? e.p['participantIds']
        : []) as unknown[])
        accreditation.set(str(id), e.p['status']);
    } else if (e.type === 'registry.imported') {
      const data = (e.p['data'] ?? {}) as Record<string, unknown>;
      for (const o of (Array.isArray(data['organizations']) ? data['organizations'] : []) as Record<
        string,
        unknown
      >[])
        importedOrgs.set(str(o['name']).toLowerCase(), pick(o, ORG_FIELDS));
      for (const x of (Array.isArray(data['participants']) ? data['participants'] : []) as Record<
        string,
        unknown
      >[]) {
        if (e.exact && str(x['dni']) && !importedAt.has(str(x['dni'])))
          importedAt.set(str(x['dni']), e.at);
        if (str(x['dni']))
          importedPeople.set(
            str(x['dni']),
            pick(
              x,
              PARTICIPANT_FIELDS.filter(([k]) => k !== 'organizationId'),
            ),
          );
      }
    } else if (e.type === 'convocation.invitationLogged') {
      invitations.set(str(e.p['id']), {
        organization_id: e.p['organizationId'],
        sent_on: e.p['sentOn'],
        channel: e.p['channel'],
        note: e.p['note'],
      });
    } else if (e.type === 'convocation.invitationRemoved') invitations.delete(str(e.p['id']));
  }
  const orgRows = db.prepare('SELECT * FROM organization').all() as Record<string, unknown>[];
  const orgWant = new Map(orgs);
  for (const o of orgRows) {
    const id = str(o['id']);
    const imp = importedOrgs.get(str(o['name']).toLowerCase());
    if (!orgWant.has(id) && imp) orgWant.set(id, imp);
  }
  r.compare(
    'organization',
    orgWant,
    byKey(orgRows, (x) => str(x['id'])),
    ORG_FIELDS.map(([, c]) => c),
  );
  const rows = db.prepare('SELECT * FROM participant').all() as Record<string, unknown>[];
  const want = new Map<string, Record<string, unknown>>();
  for (const [id, p] of people) want.set(id, { ...p });
  for (const row of rows) {
    const id = str(row['id']);
    const imp = importedPeople.get(str(row['dni']));
    if (!want.has(id) && imp) want.set(id, { ...imp, organization_id: row['organization_id'] });
  }
  for (const [id, status] of accreditation) {
    const w = want.get(id);
    if (w) w['accreditation'] = status;
  }
  r.compare(
    'participant',
    want,
    byKey(rows, (x) => str(x['id'])),
    PARTICIPANT_FIELDS.map(([, c]) => c),
  );
  for (const row of rows) {
    const id = str(row['id']);
    const when = createdAt.get(id) ?? importedAt.get(str(row['dni']));
    if (when !== undefined && row['created_at'] !== when)
      r.add('participant', id, 'created_at differs from the event log');
  }
  r.compare(
    'invitation',
    invitations,
    byKey(db.prepare('SELECT * FROM invitation').all() as Record<string, unknown>[], (x) =>
      str(x['id']),
    ),
    ['organization_id', 'sent_on', 'channel', 'note'],
  );
}

/** The ordinance defaults migration 4 writes before any event; a saved matrix replaces them. */
const DEFAULT_CRITERIA = [
  { id: 'poverty', name: 'Brecha de pobreza', weight: 40, scaleMax: 10 },
  { id: 'services', name: 'Acceso a servicios básicos', weight: 30, scaleMax: 10 },
  { id: 'technical', name: 'Evaluación técnica', weight: 30, scaleMax: 10 },
];

function scores(db: Db, evs: Ev[], r: Report): void {
  const want = new Map<string, Record<string, unknown>>();
  const at = new Map<string, Ev>();
  let matrix: { criteria: Record<string, unknown>[]; votesWeight: unknown } = {
    criteria: DEFAULT_CRITERIA,
    votesWeight: 50,
  };
  for (const e of evs) {
    if (e.type === 'criteria.matrixSaved')
      matrix = {
        criteria: (Array.isArray(e.p['criteria']) ? e.p['criteria'] : []) as Record<
          string,
          unknown
        >[],
        votesWeight: e.p['votesWeight'],
      };
    if (e.type !== 'criteria.scored') continue;
    const pid = str(e.p['proposalId']);
    for (const k of [...want.keys()]) if (k.startsWith(`${pid}|`)) want.delete(k);
    for (const sc of (Array.isArray(e.p['scores']) ? e.p['scores'] : []) as Record<
      string,
      unknown
    >[]) {
      want.set(`${pid}|${str(sc['criterionId'])}`, {
        score: sc['score'],
        scored_by: e.p['scoredBy'],
      });
      at.set(`${pid}|${str(sc['criterionId'])}`, e);
    }
  }
  const rows = byKey(
    db.prepare('SELECT * FROM criterion_score').all() as Record<string, unknown>[],
    (x) => `${str(x['proposal_id'])}|${str(x['criterion_id'])}`,
  );
  r.compare('criterion_score', want, rows, ['score', 'scored_by']);
  for (const [k, x] of rows) {
    const e = at.get(k);
    if (e && !inWindow(x['scored_at'], e))
      r.add('criterion_score', k, 'scored_at outside the time of its event');
  }
  const crit = new Map(
    matrix.criteria.map((c, i) => [
      str(c['id']),
      { position: i, name: c['name'], weight: c['weight'], scale_max: c['scaleMax'] },
    ]),
  );
  r.compare(
    'criterion',
    crit,
    byKey(db.prepare('SELECT * FROM criterion').all() as Record<string, unknown>[], (x) =>
      str(x['id']),
    ),
    ['position', 'name', 'weight', 'scale_max'],
  );
  const vw = db.prepare('SELECT votes_weight FROM criteria_settings WHERE id = 1').pluck().get() as
    number | undefined;
  if (!same(vw ?? null, matrix.votesWeight))
    r.add('criteria_settings', '1', 'votes_weight differs from the event log');
}

/** The closing before the seal: agreements, the oversight committee, the closing remarks. */
function closing(db: Db, evs: Ev[], r: Report): void {
  const agreements = new Map<string, Record<string, unknown>>();
  const added = new Map<string, Ev>();
  const members = new Map<string, Record<string, unknown>>();
  let remarks: string | null = null;
  for (const e of evs) {
    const p = e.p;
    const id = str(p['id']);
    if (e.type === 'minutes.agreementAdded') {
      // A new agreement goes after the others standing at the time.
      let position = -1;
      for (const a of agreements.values()) position = Math.max(position, Number(a['position']));
      agreements.set(id, {
        position: position + 1,
        text: p['text'],
        responsible: p['responsible'],
        due: p['due'],
      });
      added.set(id, e);
    } else if (e.type === 'minutes.agreementEdited') {
      const a = agreements.get(id);
      if (a) Object.assign(a, { text: p['text'], responsible: p['responsible'], due: p['due'] });
    } else if (e.type === 'minutes.agreementRemoved') agreements.delete(id);
    else if (e.type === 'minutes.memberAdded' || e.type === 'minutes.memberEdited')
      members.set(id, {
        position: p['position'],
        participant_id: p['participantId'],
        name: p['name'],
        dni: p['dni'],
        organization: p['organization'],
        role: p['role'],
      });
    else if (e.type === 'minutes.memberRemoved') members.delete(id);
    else if (e.type === 'minutes.closingRemarksSaved') remarks = str(p['text']);
  }
  const rows = byKey(
    db.prepare('SELECT * FROM agreement').all() as Record<string, unknown>[],
    (x) => str(x['id']),
  );
  r.compare('agreement', agreements, rows, ['position', 'text', 'responsible', 'due']);
  for (const [id, row] of rows) {
    const e = added.get(id);
    if (e && !inWindow(row['created_at'], e))
      r.add('agreement', id, 'created_at outside the time of its event');
  }
  r.compare(
    'committee_member',
    members,
    byKey(db.prepare('SELECT * FROM committee_member').all() as Record<string, unknown>[], (x) =>
      str(x['id']),
    ),
    ['position', 'participant_id', 'name', 'dni', 'organization', 'role'],
  );
  const draft = db
    .prepare('SELECT closing_remarks FROM minutes_draft WHERE id = 1')
    .pluck()
    .get() as string | undefined;
  if ((draft ?? null) !== remarks)
    r.add('minutes_draft', '1', 'closing_remarks differs from the event log');
}

const sha256 = (text: unknown): string =>
  createHash('sha256').update(str(text), 'utf8').digest('hex');

/**
 * The follow-up register: each row from its event; the stored signed payloads, plan
 * reports and carried histories against the hashes their events recorded.
 */
function followup(db: Db, evs: Ev[], r: Report): void {
  const minutes = new Map<string, Record<string, unknown>>();
  const plans = new Map<string, Record<string, unknown>>();
  const planHash = new Map<string, string>();
  const notes = new Map<string, Record<string, unknown>>();
  const unlinks = new Map<string, Record<string, unknown>>();
  const carries = new Map<string, Record<string, unknown>>();
  const carryHash = new Map<string, string>();
  for (const e of evs) {
    const p = e.p;
    if (e.type === 'followup.minutesImported')
      minutes.set(str(p['id']), {
        fiscal_year: p['fiscalYear'],
        source: p['source'],
        file_name: p['fileName'],
        imported_at: p['importedAt'],
      });
    else if (e.type === 'followup.planRecorded') {
      plans.set(str(p['id']), {
        minutes_id: p['minutesId'],
        file_name: p['fileName'],
        sha256: p['sha256'],
        fingerprint: p['fingerprint'],
        recorded_at: p['recordedAt'],
      });
      planHash.set(str(p['id']), str(p['reportSha256']));
    } else if (e.type === 'followup.noteAdded')
      notes.set(str(p['id']), {
        ref: p['ref'],
        fiscal_year: p['fiscalYear'],
        status: p['status'],
        date: p['date'],
        note: p['note'],
        created_at: p['createdAt'],
      });
    else if (e.type === 'followup.unlinked') unlinks.set(`${str(p['a'])}|${str(p['b'])}`, {});
    else if (e.type === 'followup.relinked') unlinks.delete(`${str(p['a'])}|${str(p['b'])}`);
    else if (e.type === 'followup.carried') {
      carries.set(str(p['proposalId']), { ref: p['ref'], carried_at: p['carriedAt'] });
      carryHash.set(str(p['proposalId']), str(p['historySha256']));
    }
  }
  const all = (t: string) => db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[];
  const mRows = all('followup_minutes');
  r.compare(
    'followup_minutes',
    minutes,
    byKey(mRows, (x) => str(x['id'])),
    ['fiscal_year', 'source', 'file_name', 'imported_at'],
  );
  for (const row of mRows) {
    if (sha256(row['payload']) !== str(row['id']))
      r.add('followup_minutes', str(row['id']), 'payload differs from its recorded hash');
    else if (!checkSignedMinutes(str(row['payload']), str(row['signature'])))
      r.add('followup_minutes', str(row['id']), 'signature does not hold');
  }
  const pRows = all('followup_plan');
  r.compare(
    'followup_plan',
    plans,
    byKey(pRows, (x) => str(x['id'])),
    ['minutes_id', 'file_name', 'sha256', 'fingerprint', 'recorded_at'],
  );
  for (const row of pRows) {
    const want = planHash.get(str(row['id']));
    if (want !== undefined && sha256(row['report']) !== want)
      r.add('followup_plan', str(row['id']), 'report differs from its recorded hash');
  }
  r.compare(
    'followup_note',
    notes,
    byKey(all('followup_note'), (x) => str(x['id'])),
    ['ref', 'fiscal_year', 'status', 'date', 'note', 'created_at'],
  );
  r.compare(
    'followup_unlink',
    unlinks,
    byKey(all('followup_unlink'), (x) => `${str(x['a'])}|${str(x['b'])}`),
    [],
  );
  const cRows = all('followup_carry');
  r.compare(
    'followup_carry',
    carries,
    byKey(cRows, (x) => str(x['proposal_id'])),
    ['ref', 'carried_at'],
  );
  for (const row of cRows) {
    const want = carryHash.get(str(row['proposal_id']));
    if (want !== undefined && sha256(row['history']) !== want)
      r.add('followup_carry', str(row['proposal_id']), 'history differs from its recorded hash');
  }
}

/**
 * The file's schema (tables, indexes, triggers — the sealing triggers among them) must be
 * exactly what the migrations up to its version create: a dropped trigger or a renamed index
 * changes no row, but it is not a Minka file as written.
 */
function schema(db: Db, r: Report): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const ref = new Database(':memory:');
  try {
    migrate(ref, version);
    const q =
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name";
    type Row = { type: string; name: string; tbl_name: string; sql: string | null };
    const want = new Map((ref.prepare(q).all() as Row[]).map((x) => [`${x.type} ${x.name}`, x]));
    const got = new Map((db.prepare(q).all() as Row[]).map((x) => [`${x.type} ${x.name}`, x]));
    for (const [k, w] of want) {
      const g = got.get(k);
      if (!g) r.add('sqlite_schema', k, `missing from the schema of version ${version}`);
      else if (g.tbl_name !== w.tbl_name || g.sql !== w.sql)
        r.add('sqlite_schema', k, `differs from the schema of version ${version}`);
    }
    for (const k of got.keys())
      if (!want.has(k)) r.add('sqlite_schema', k, `not part of the schema of version ${version}`);
  } finally {
    ref.close();
  }
}

/** Replay the event log and compare it with the tables it produced. Read-only. */
export function checkConsistency(db: Db): ConsistencyVerdict {
  const names = new Set(tables(db));
  const evs = events(db);
  const r = new Report();
  const run = (f: () => void, table: string) => {
    try {
      f();
    } catch (e) {
      r.add(table, '*', `cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  run(() => schema(db, r), 'sqlite_schema');
  if (names.has('attendance')) run(() => attendance(db, evs, r), 'attendance');
  if (names.has('proposal')) run(() => proposals(db, evs, r), 'proposal');
  run(() => voting(db, evs, r, names), 'ballot');
  run(() => setup(db, evs, r), 'workshop');
  if (names.has('participant')) run(() => registry(db, evs, r), 'participant');
  if (names.has('criterion_score')) run(() => scores(db, evs, r), 'criterion_score');
  if (names.has('agreement')) run(() => closing(db, evs, r), 'agreement');
  if (names.has('followup_minutes')) run(() => followup(db, evs, r), 'followup_minutes');
  const covered = COVERED_TABLES.filter((t) => names.has(t));
  const uncovered = [...names]
    .filter((t) => !NOT_STATE.has(t) && !(COVERED_TABLES as readonly string[]).includes(t))
    .sort();
  return { ok: r.problems.length === 0, problems: r.problems, covered: [...covered], uncovered };
}
