// Voting replayed from its events: rounds and their items, show-of-hands counts, ballots
// (kiosk, imported, paper with its two typed entries) and who voted in each round.
import {
  allRows,
  byKey,
  type Db,
  type Ev,
  inWideWindow,
  inWindow,
  parseJson,
  type Report,
  type Row,
  same,
  str,
} from '../platform/replay';
import { replayBallotBox } from './ballot-box.replay';

const ROUND_FIELDS = [
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
];

export function replayVoting(db: Db, evs: Ev[], r: Report, names: Set<string>): void {
  if (!names.has('hands_entry')) return;
  const hands = new Map<string, Row>();
  const ballots = new Map<string, Row>();
  const voters = new Map<string, Row>();
  const paper = new Map<string, Row>();
  const kioskCount = new Map<string, number>();
  const rounds = new Map<string, Row>();
  const items = new Map<string, Row>();
  /** The event that last wrote each row with a time column, by `kind|key`. */
  const at = new Map<string, Ev>();
  for (const e of evs) {
    if (e.type === 'voting.roundCreated') {
      const p = e.p;
      rounds.set(p.id, {
        position: p.position,
        title: p.title,
        kind: p.kind,
        ballot_type: p.ballotType,
        max_choices: p.maxChoices,
        total_points: p.totalPoints,
        budget_cents: p.budgetCents,
        double_entry: p.doubleEntry ? 1 : 0,
        tie_break: p.tieBreak,
        venue_id: p.venueId,
        day: p.day,
        created_at: p.createdAt,
        state: 'draft',
        snapshot: null,
      });
      p.itemIds.forEach((item, i) => items.set(`${p.id}|${item}`, { position: i }));
      at.set(`round-created|${p.id}`, e);
    } else if (e.type === 'voting.roundOpened') {
      const w = rounds.get(e.p.id);
      if (w) Object.assign(w, { state: 'open', tie_break: e.p.tieBreak ?? w['tie_break'] });
      at.set(`round-opened|${e.p.id}`, e);
    } else if (e.type === 'voting.roundClosed') {
      const w = rounds.get(e.p.id);
      if (w) Object.assign(w, { state: 'closed', snapshot: e.p.snapshot ?? null });
      at.set(`round-closed|${e.p.id}`, e);
    } else if (e.type === 'voting.countEntered') {
      const k = `${e.p.roundId}|${e.p.itemId}|${e.p.operator}`;
      hands.set(k, { count: e.p.count });
      at.set(`hands|${k}`, e);
    } else if (e.type === 'voting.ballotCast') {
      // Legacy (files before migration 10; nothing writes it now): K0001… in casting order.
      // Newer kiosk ballots are in the box or the close event: ballot-box.replay.ts.
      const round = e.p.roundId;
      const n = (kioskCount.get(round) ?? 0) + 1;
      kioskCount.set(round, n);
      const k = `${round}|K${String(n).padStart(4, '0')}`;
      ballots.set(k, { source: 'kiosk', choices: e.p.choices, points: e.p.points ?? null });
      at.set(`ballot|${k}`, e);
    } else if (e.type === 'voting.voterMarked') {
      // The key a vote is counted under: the organisation (one vote per organisation) or the person.
      const k = `${e.p.roundId}|${e.p.participantId}`;
      voters.set(k, { voter_key: e.p.voterKey ?? e.p.organizationId ?? e.p.participantId });
      at.set(`voter|${k}`, e);
    } else if (e.type === 'voting.ballotsImported') {
      for (const b of e.p.ballots) {
        const k = `${e.p.roundId}|${b.serial}`;
        ballots.set(k, { source: 'import', choices: b.choices, points: b.points ?? null });
        at.set(`ballot|${k}`, e);
      }
    } else if (e.type === 'voting.paperEntered') {
      const k = `${e.p.roundId}|${e.p.serial}`;
      paper.set(`${k}|${e.p.typist}`, { choices: e.p.choices, points: e.p.points ?? null });
      at.set(`paper|${k}|${e.p.typist}`, e);
      at.set(`ballot|${k}`, e);
    } else if (e.type === 'voting.paperResolved') {
      const k = `${e.p.roundId}|${e.p.serial}`;
      const keep = e.p.keep;
      if (keep === 'void') {
        paper.delete(`${k}|A`);
        paper.delete(`${k}|B`);
      } else {
        const other = keep === 'A' ? 'B' : 'A';
        const src = paper.get(`${k}|${keep}`);
        if (src) paper.set(`${k}|${other}`, { ...src });
        at.set(`paper|${k}|${other}`, e);
      }
      at.set(`ballot|${k}`, e);
    }
  }
  const handsKey = (x: Row) => `${str(x['round_id'])}|${str(x['item_id'])}|${str(x['operator'])}`;
  const paperKey = (x: Row) => `${str(x['round_id'])}|${str(x['serial'])}|${str(x['typist'])}`;
  const ballotKey = (x: Row) => `${str(x['round_id'])}|${str(x['serial'])}`;
  const voterKey = (x: Row) => `${str(x['round_id'])}|${str(x['participant_id'])}`;
  const withContent = (x: Row): Row => ({
    ...x,
    choices: parseJson(x['choices']),
    points: parseJson(x['points']),
  });
  r.compare('hands_entry', hands, byKey(allRows(db, 'hands_entry'), handsKey), ['count']);
  r.compare('paper_entry', paper, byKey(allRows(db, 'paper_entry').map(withContent), paperKey), [
    'choices',
    'points',
  ]);
  const rows = allRows(db, 'ballot').map(withContent);
  const nonPaper = byKey(
    rows.filter((x) => x['source'] !== 'paper'),
    ballotKey,
  );
  r.compare('ballot', ballots, nonPaper, ['source', 'choices', 'points']);
  // A paper ballot is final only when both typists' entries exist; its content is typist A's.
  for (const x of rows.filter((b) => b['source'] === 'paper')) {
    const k = ballotKey(x);
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
    if (b && same(a, b) && !rows.some((x) => x['source'] === 'paper' && ballotKey(x) === serial))
      r.add('ballot', serial, 'paper ballot missing');
  }
  r.compare('round_voter', voters, byKey(allRows(db, 'round_voter'), voterKey), ['voter_key']);
  const roundRows = byKey(
    allRows(db, 'voting_round').map((x): Row => ({ ...x, snapshot: parseJson(x['snapshot']) })),
    (x) => str(x['id']),
  );
  r.compare('voting_round', rounds, roundRows, ROUND_FIELDS);
  r.compare(
    'round_item',
    items,
    byKey(allRows(db, 'round_item'), (x) => `${str(x['round_id'])}|${str(x['item_id'])}`),
    ['position'],
  );
  // Times: each row's time column against the event that last wrote it.
  const timed: [string, string, string, (x: Row) => string, boolean?][] = [
    ['hands_entry', 'entered_at', 'hands', handsKey],
    ['paper_entry', 'entered_at', 'paper', paperKey],
    ['ballot', 'cast_at', 'ballot', ballotKey, true],
    ['round_voter', 'voted_at', 'voter', voterKey],
  ];
  for (const [table, col, kind, key, wide] of timed)
    for (const x of allRows(db, table)) {
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
  if (names.has('ballot_box')) replayBallotBox(db, evs, r);
}
