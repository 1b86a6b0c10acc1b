// Voting rounds: created as drafts, opened, counted (show of hands with optional blind
// double entry, or individual ballots from the kiosk, paper double entry or a .pb file)
// and closed with a snapshot of who was present and entitled. Totals exist only once a
// round is closed; every change is one transaction with its event.
import { voteHolders, type VoteHolder } from '../../shared/attendance/presence';
import { displayName, type Participant } from '../../shared/schemas/attendance';
import type {
  BallotContent,
  BallotType,
  ItemCount,
  KioskVoter,
  Operator,
  PaperEntryView,
  Round,
  RoundDetail,
  RoundInput,
  RoundKind,
  RoundSnapshot,
  RoundState,
  RoundTotals,
} from '../../shared/schemas/voting';
import type { TieBreak, VoteRule } from '../../shared/schemas/workshop';
import type { Profile } from '../../shared/tally/profile';
import {
  checkBallot,
  computeTotals,
  roundToProfile,
  sameBallot,
  type RoundProposal,
} from '../../shared/voting';
import { sortedEs } from '../../shared/collate';
import { hasVoted, voteUnitKey } from '../../shared/voting/eligibility';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import {
  boxContents,
  boxCount,
  dropInBox,
  emptyBox,
  hasBox,
  kioskBallots,
  truncateWal,
} from './ballot-box';
import { listProposals } from '../proposals/proposals';
import {
  freezeRound,
  gatherInputs,
  quorumNow,
  ROUND_CLOSED_EVENT,
  storedFrozen,
} from './round-freeze';
import { getParticipant, organizationNames, participantsByIds } from '../registry/registry';
import { cached } from '../platform/statements';
import { holdersHere } from '../attendance/presence-here';
import { type Env, getSetup } from '../workshop/workshop';

interface RoundRow {
  id: string;
  position: number;
  title: string;
  kind: RoundKind;
  ballot_type: BallotType | null;
  max_choices: number | null;
  total_points: number | null;
  budget_cents: number | null;
  double_entry: 0 | 1;
  tie_break: TieBreak;
  venue_id: string;
  day: string;
  state: RoundState;
  created_at: string;
  opened_at: string | null;
  closed_at: string | null;
  snapshot: string | null;
}

const rowToRound = (r: RoundRow, itemIds: string[]): Round => ({
  id: r.id,
  position: r.position,
  title: r.title,
  kind: r.kind,
  ballotType: r.ballot_type,
  maxChoices: r.max_choices,
  totalPoints: r.total_points,
  budgetCents: r.budget_cents,
  doubleEntry: r.double_entry === 1,
  tieBreak: r.tie_break,
  venueId: r.venue_id,
  day: r.day,
  itemIds,
  state: r.state,
  createdAt: r.created_at,
  openedAt: r.opened_at,
  closedAt: r.closed_at,
  snapshot: r.snapshot ? (JSON.parse(r.snapshot) as RoundSnapshot) : null,
});

function itemsOf(db: Db, roundId: string): string[] {
  return db
    .prepare('SELECT item_id FROM round_item WHERE round_id = ? ORDER BY position')
    .pluck()
    .all(roundId) as string[];
}

export function listRounds(db: Db): Round[] {
  const rows = db.prepare('SELECT * FROM voting_round ORDER BY position').all() as RoundRow[];
  return rows.map((r) => rowToRound(r, itemsOf(db, r.id)));
}

export function getRound(db: Db, id: string): Round {
  const row = db.prepare('SELECT * FROM voting_round WHERE id = ?').get(id) as RoundRow | undefined;
  if (!row) throw new MinkaError('NOT_FOUND', 'voting.error.noRound');
  return rowToRound(row, itemsOf(db, id));
}

/** The round a projector follows: the newest open one, else the newest closed one. */
export function currentRound(db: Db): Round | null {
  const id = db
    .prepare(
      "SELECT id FROM voting_round WHERE state <> 'draft' ORDER BY (state = 'open') DESC, position DESC LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
  return id ? getRound(db, id) : null;
}

export function latestClosedRound(db: Db, kind?: RoundKind): Round | null {
  const id = db
    .prepare(
      "SELECT id FROM voting_round WHERE state = 'closed' AND (? IS NULL OR kind = ?) ORDER BY position DESC LIMIT 1",
    )
    .pluck()
    .get(kind ?? null, kind ?? null) as string | undefined;
  return id ? getRound(db, id) : null;
}

// ---- who may vote ---------------------------------------------------------------

/** Vote holders present now at the round's venue and day (titular, else suplente, else delegate). */
export function currentHolders(
  db: Db,
  round: Pick<Round, 'venueId' | 'day'>,
): { holders: VoteHolder[]; presentIds: string[]; people: Map<string, Participant> } {
  // Only the people present are read (presence-here.ts): closing does not reload the registry,
  // nor count it (the quorum's counts are presenceHere's, not needed here).
  return holdersHere(db, round, getSetup(db).voteRule);
}

/**
 * How many vote holders are present now, counted in SQL over the open check-ins of the
 * round's venue and day: a count written on every show-of-hands entry or ballot must not
 * reload the registry (2,000 people: 0.1 s a count). Equal to currentHolders().length:
 * one per present person who may vote, or one per organisation with a present titular,
 * suplente or delegate who may vote (voteHolders' rule).
 */
export function entitledCount(db: Db, round: Pick<Round, 'venueId' | 'day'>): number {
  const perPerson = getSetup(db).voteRule === 'perPerson';
  return cached(
    db,
    `SELECT ${perPerson ? 'COUNT(*)' : 'COUNT(DISTINCT p.organization_id)'}
       FROM attendance a JOIN participant p ON p.id = a.participant_id
      WHERE a.venue_id = ? AND a.day = ? AND a.undone_at IS NULL AND a.checked_out_at IS NULL
        AND p.accreditation = 'accredited' AND p.voice = 'voiceAndVote'
        ${perPerson ? '' : "AND p.organization_id IS NOT NULL AND p.role IN ('titular', 'suplente', 'delegate')"}`,
  )
    .pluck()
    .get(round.venueId, round.day) as number;
}

/**
 * The vote `participantId` holds now, or undefined — reading only that person's
 * organisation (voteHolders decides within one organisation, so the answer is the one
 * currentHolders gives).
 */
export function holderOf(
  db: Db,
  round: Pick<Round, 'venueId' | 'day'>,
  participantId: string,
): VoteHolder | undefined {
  const orgId = cached(db, 'SELECT organization_id FROM participant WHERE id = ?')
    .pluck()
    .get(participantId) as string | null | undefined;
  if (orgId === undefined) return undefined;
  const rows = cached(
    db,
    `SELECT a.participant_id AS id, a.checked_in_at AS at
       FROM attendance a JOIN participant p ON p.id = a.participant_id
      WHERE a.venue_id = ? AND a.day = ? AND a.undone_at IS NULL AND a.checked_out_at IS NULL
        AND (p.id = ? OR (? IS NOT NULL AND p.organization_id = ?))
      ORDER BY p.surnames COLLATE NOCASE, p.given_names COLLATE NOCASE`,
  ).all(round.venueId, round.day, participantId, orgId, orgId) as { id: string; at: string }[];
  const present = new Map(rows.map((r) => [r.id, r.at]));
  const people = [...present.keys()].map((id) => getParticipant(db, id));
  return voteHolders(getSetup(db).voteRule, people, present).find(
    (h) => h.participantId === participantId,
  );
}

// ---- create, open, close --------------------------------------------------------

function proposalsById(db: Db): Map<string, RoundProposal & { status: string }> {
  const sectors = new Map(getSetup(db).sectors.map((s) => [s.id, s.name]));
  return new Map(
    listProposals(db).map((p) => [
      p.id,
      {
        id: p.id,
        code: p.code,
        title: p.title,
        costCents: p.estimatedCostCents,
        sector: sectors.get(p.sectorId) ?? '',
        status: p.status,
      },
    ]),
  );
}

export function createRound(db: Db, env: Env, input: RoundInput): Round {
  return db
    .transaction(() => {
      const setup = getSetup(db);
      if (!setup.venues.some((v) => v.id === input.venueId))
        throw new MinkaError('NOT_FOUND', 'voting.error.noVenue');
      const ballot = input.kind === 'ballot';
      if (ballot !== (input.ballotType !== null))
        throw new MinkaError(
          'INVALID_INPUT',
          ballot ? 'voting.error.ballotTypeNeeded' : 'voting.error.ballotTypeOnlyForBallots',
        );
      if (input.ballotType === 'cumulative' && input.totalPoints === null)
        throw new MinkaError('INVALID_INPUT', 'voting.error.totalPointsNeeded');
      let itemIds: string[];
      if (input.kind === 'sector') {
        const ids = setup.sectors.map((s) => s.id);
        itemIds = input.itemIds.length ? input.itemIds : ids;
        for (const id of itemIds)
          if (!ids.includes(id)) throw new MinkaError('NOT_FOUND', 'voting.error.noSector');
      } else {
        const props = proposalsById(db);
        const admitted = [...props.values()]
          .filter((p) => p.status === 'admitted')
          .map((p) => p.id);
        itemIds = input.itemIds.length ? input.itemIds : admitted;
        for (const id of itemIds) {
          const p = props.get(id);
          if (!p) throw new MinkaError('NOT_FOUND', 'voting.error.noProposal');
          if (p.status !== 'admitted')
            throw new MinkaError('INVALID_INPUT', 'voting.error.notAdmitted', { code: p.code });
        }
      }
      if (new Set(itemIds).size !== itemIds.length)
        throw new MinkaError('INVALID_INPUT', 'voting.error.duplicateItem');
      if (itemIds.length === 0)
        throw new MinkaError(
          'INVALID_INPUT',
          input.kind === 'sector' ? 'voting.error.noSectors' : 'voting.error.noAdmitted',
        );
      const position =
        (db
          .prepare('SELECT COALESCE(MAX(position), 0) + 1 FROM voting_round')
          .pluck()
          .get() as number) ?? 1;
      const round: Round = {
        ...input,
        maxChoices:
          input.ballotType === 'approval' ||
          input.ballotType === 'ranking' ||
          input.ballotType === 'knapsack'
            ? input.maxChoices
            : null,
        totalPoints: input.ballotType === 'cumulative' ? input.totalPoints : null,
        budgetCents:
          input.ballotType === 'knapsack' ? (input.budgetCents ?? setup.envelopeCents) : null,
        doubleEntry: ballot ? false : input.doubleEntry,
        tieBreak: input.tieBreak ?? setup.tieBreak,
        itemIds,
        id: env.newId(),
        position,
        state: 'draft',
        createdAt: env.now().toISOString(),
        openedAt: null,
        closedAt: null,
        snapshot: null,
      };
      db.prepare(
        `INSERT INTO voting_round (id, position, title, kind, ballot_type, max_choices, total_points, budget_cents, double_entry, tie_break, venue_id, day, state, created_at)
         VALUES (@id, @position, @title, @kind, @ballotType, @maxChoices, @totalPoints, @budgetCents, @doubleEntry, @tieBreak, @venueId, @day, 'draft', @createdAt)`,
      ).run({ ...round, doubleEntry: round.doubleEntry ? 1 : 0 });
      const ins = db.prepare(
        'INSERT INTO round_item (round_id, item_id, position) VALUES (?, ?, ?)',
      );
      itemIds.forEach((id, i) => ins.run(round.id, id, i));
      const { state: _s, openedAt: _o, closedAt: _c, snapshot: _n, ...payload } = round;
      appendEvent(db, env.now(), { type: 'voting.roundCreated', payload: payload });
      return round;
    })
    .immediate();
}

function needState(round: Round, state: RoundState): void {
  if (round.state !== state)
    throw new MinkaError('CONFLICT', `voting.error.not_${state}`, { title: round.title });
}

export function openRound(db: Db, env: Env, id: string): Round {
  return db
    .transaction(() => {
      const round = getRound(db, id);
      needState(round, 'draft');
      const at = env.now().toISOString();
      db.prepare("UPDATE voting_round SET state = 'open', opened_at = ? WHERE id = ?").run(at, id);
      appendEvent(db, new Date(at), {
        type: 'voting.roundOpened',
        payload: { id, tieBreak: round.tieBreak },
      });
      return { ...round, state: 'open' as const, openedAt: at };
    })
    .immediate();
}

/** Close: every count final, no paper ballot pending, and the snapshot of who was entitled stored. */
export function closeRound(db: Db, env: Env, id: string): Round {
  const closed = db
    .transaction(() => {
      const round = getRound(db, id);
      needState(round, 'open');
      const { holders, presentIds } = currentHolders(db, round);
      if (round.kind === 'ballot') {
        const pending = paperViews(db, round).filter((p) => p.status !== 'final');
        if (pending.length)
          throw new MinkaError('CONFLICT', 'voting.error.paperPending', {
            count: pending.length,
            serials: pending
              .slice(0, 5)
              .map((p) => p.serial)
              .join(', '),
          });
        const n = ballotCount(db, id);
        if (n > holders.length)
          throw new MinkaError('CONFLICT', 'voting.error.moreBallotsThanEntitled', {
            ballots: n,
            entitled: holders.length,
          });
      } else {
        const counts = countViews(db, round, 'A');
        const open = counts.filter((c) => c.status !== 'final');
        if (open.length)
          throw new MinkaError('CONFLICT', 'voting.error.countsPending', { count: open.length });
        const over = counts.find((c) => (c.a ?? 0) > holders.length);
        if (over)
          throw new MinkaError('CONFLICT', 'voting.error.countOverEntitled', {
            count: over.a ?? 0,
            entitled: holders.length,
          });
      }
      const at = env.now().toISOString();
      const snapshot: RoundSnapshot = {
        at,
        venueId: round.venueId,
        day: round.day,
        voteRule: getSetup(db).voteRule,
        presentIds,
        holders: holders.map((h) => ({ ...h })),
        entitled: holders.length,
      };
      // The result is frozen now, from the record as the room saw it closed: counts or
      // ballots, proposals, criteria, envelope, shares, rule and tie-break, and the outcome.
      const { json: frozen } = freezeRound(
        gatherInputs(db, round, {
          closedAt: at,
          entitled: holders.length,
          counts:
            round.kind === 'ballot'
              ? null
              : new Map(countViews(db, round, 'A').map((c) => [c.itemId, c.a ?? 0])),
          ballots: round.kind === 'ballot' ? roundBallots(db, id).map((b) => b.content) : null,
        }),
        quorumNow(db, round),
      );
      // The kiosk's ballots leave the box for the close event, in content order.
      const kiosk = round.kind === 'ballot' && hasBox(db) ? boxContents(db, id) : [];
      if (hasBox(db)) emptyBox(db, id);
      db.prepare(
        "UPDATE voting_round SET state = 'closed', closed_at = ?, snapshot = ? WHERE id = ?",
      ).run(at, JSON.stringify(snapshot), id);
      appendEvent(db, new Date(at), {
        type: ROUND_CLOSED_EVENT,
        payload: {
          id,
          snapshot,
          frozen,
          ...(round.kind === 'ballot'
            ? { kioskBallots: kiosk.map((b) => ({ choices: b.choices, points: b.points })) }
            : {}),
        },
      });
      return { ...round, state: 'closed' as const, closedAt: at, snapshot };
    })
    .immediate();
  // No WAL frame may keep the box as it grew (the box pages were zeroed by secure_delete).
  if (closed.kind === 'ballot') truncateWal(db);
  return closed;
}

// ---- show of hands ----------------------------------------------------------------

interface HandsRow {
  item_id: string;
  operator: Operator;
  count: number;
}

function countViews(db: Db, round: Round, asker: Operator): ItemCount[] {
  const rows = db
    .prepare('SELECT item_id, operator, count FROM hands_entry WHERE round_id = ?')
    .all(round.id) as HandsRow[];
  const get = (item: string, op: Operator) =>
    rows.find((r) => r.item_id === item && r.operator === op)?.count ?? null;
  return round.itemIds.map((itemId) => {
    const a = get(itemId, 'A');
    const b = get(itemId, 'B');
    const mine = asker === 'A' ? a : b;
    if (!round.doubleEntry)
      return { itemId, status: a === null ? 'empty' : 'final', mine: a, a, b: null };
    if (a === null && b === null) return { itemId, status: 'empty', mine, a: null, b: null };
    if (a === null || b === null) return { itemId, status: 'waiting', mine, a: null, b: null };
    return { itemId, status: a === b ? 'final' : 'mismatch', mine, a, b };
  });
}

/**
 * The counts as the API answers them. Secrecy until closing (issue 14, item 6): while the round
 * is open no caller gets a number, not even "its own" (nothing proves who asks), only each
 * item's state: entered, waiting for the second operator, agreeing or differing. The counting
 * screen keeps what was typed in it.
 */
function visibleCounts(db: Db, round: Round, asker: Operator): ItemCount[] {
  const views = countViews(db, round, asker);
  if (round.state === 'closed') return views;
  return views.map((c) => ({ ...c, mine: null, a: null, b: null }));
}

export function enterCount(
  db: Db,
  env: Env,
  input: { roundId: string; itemId: string; operator: Operator; count: number },
): ItemCount {
  return db
    .transaction(() => {
      const round = getRound(db, input.roundId);
      if (round.kind === 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notHandsRound');
      needState(round, 'open');
      if (!round.itemIds.includes(input.itemId))
        throw new MinkaError('NOT_FOUND', 'voting.error.notOnBallot', { item: input.itemId });
      if (input.operator === 'B' && !round.doubleEntry)
        throw new MinkaError('INVALID_INPUT', 'voting.error.noSecondOperator');
      const entitled = entitledCount(db, round);
      if (input.count > entitled)
        throw new MinkaError('INVALID_INPUT', 'voting.error.countOverEntitled', {
          count: input.count,
          entitled,
        });
      const at = env.now().toISOString();
      db.prepare(
        `INSERT INTO hands_entry (round_id, item_id, operator, count, entered_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (round_id, item_id, operator) DO UPDATE SET count = excluded.count, entered_at = excluded.entered_at`,
      ).run(round.id, input.itemId, input.operator, input.count, at);
      appendEvent(db, new Date(at), {
        type: 'voting.countEntered',
        payload: {
          roundId: round.id,
          itemId: input.itemId,
          operator: input.operator,
          count: input.count,
        },
      });
      const view = visibleCounts(db, round, input.operator).find((c) => c.itemId === input.itemId);
      if (!view) throw new MinkaError('INTERNAL', 'error.internal', { message: 'count view' });
      return view;
    })
    .immediate();
}

// ---- ballots ------------------------------------------------------------------------

/** Ballots of a round: in `ballot` (paper, import, legacy kiosk) and the kiosk's, wherever kept. */
function ballotCount(db: Db, roundId: string): number {
  const inTable = db
    .prepare('SELECT COUNT(*) FROM ballot WHERE round_id = ?')
    .pluck()
    .get(roundId) as number;
  const closed = db.prepare('SELECT state FROM voting_round WHERE id = ?').pluck().get(roundId);
  return (
    inTable +
    (closed === 'closed'
      ? kioskBallots(db, roundId, true).length
      : hasBox(db)
        ? boxCount(db, roundId)
        : 0)
  );
}

function ballotContext(db: Db, round: Round) {
  const props = proposalsById(db);
  return {
    round,
    costCents: new Map([...props.values()].map((p) => [p.id, p.costCents])),
    limitCents: round.budgetCents ?? getSetup(db).envelopeCents,
    label: (id: string) => props.get(id)?.code ?? id,
  };
}

function mustBeValid(
  db: Db,
  round: Round,
  content: BallotContent,
  ctx = ballotContext(db, round),
): void {
  const check = checkBallot(ctx, content);
  if (!check.ok) throw new MinkaError('INVALID_INPUT', check.key, check.params);
}

function insertBallot(
  db: Db,
  env: Env,
  roundId: string,
  serial: string,
  source: 'kiosk' | 'paper' | 'import',
  c: BallotContent,
): void {
  db.prepare(
    'INSERT INTO ballot (id, round_id, serial, source, choices, points, cast_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    env.newId(),
    roundId,
    serial,
    source,
    JSON.stringify(c.choices),
    c.points ? JSON.stringify(c.points) : null,
    env.now().toISOString(),
  );
}

function ballotRound(db: Db, roundId: string): Round {
  const round = getRound(db, roundId);
  if (round.kind !== 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notBallotRound');
  needState(round, 'open');
  return round;
}

function roomForBallots(db: Db, round: Round, adding: number): void {
  const entitled = entitledCount(db, round);
  const n = ballotCount(db, round.id);
  if (n + adding > entitled)
    throw new MinkaError('CONFLICT', 'voting.error.moreBallotsThanEntitled', {
      ballots: n + adding,
      entitled,
    });
}

/**
 * One ballot at the kiosk: the voter must hold a vote now (present, accredited, with vote),
 * and their vote (their organisation's, under one vote per organisation) must be unused.
 */
export function castKioskBallot(
  db: Db,
  env: Env,
  input: { roundId: string; participantId: string; ballot: BallotContent },
): { ballots: number } {
  return db
    .transaction(() => {
      const round = ballotRound(db, input.roundId);
      const holder = holderOf(db, round, input.participantId);
      if (!holder) throw new MinkaError('CONFLICT', 'voting.error.notEntitled');
      const key = voteUnitKey(getSetup(db).voteRule, holder);
      if (
        db
          .prepare('SELECT 1 FROM round_voter WHERE round_id = ? AND voter_key = ?')
          .get(round.id, key)
      )
        throw new MinkaError('CONFLICT', 'voting.error.alreadyVoted');
      mustBeValid(db, round, input.ballot);
      roomForBallots(db, round, 1);
      const n = ballotCount(db, round.id);
      // Into the box: no voter, no time, no serial, no event of its own (see ballot-box.ts).
      dropInBox(db, round.id, input.ballot);
      const votedAt = env.now().toISOString();
      db.prepare(
        'INSERT INTO round_voter (round_id, voter_key, participant_id, voted_at) VALUES (?, ?, ?, ?)',
      ).run(round.id, key, input.participantId, votedAt);
      // One event: who voted, without the ballot. The ballot enters the log at closing.
      appendEvent(db, new Date(votedAt), {
        type: 'voting.voterMarked',
        payload: {
          roundId: round.id,
          participantId: input.participantId,
          organizationId: holder.organizationId,
          // The key the vote is counted under (the person under one vote per person).
          voterKey: key,
        },
      });
      return { ballots: n + 1 };
    })
    .immediate();
}

interface PaperRow {
  serial: string;
  typist: Operator;
  choices: string;
  points: string | null;
}

const rowContent = (r: { choices: string; points: string | null }): BallotContent => ({
  choices: JSON.parse(r.choices) as string[],
  points: r.points ? (JSON.parse(r.points) as number[]) : null,
});

// Before closing, a paper ballot's two typed versions are answered only while they differ: the
// typists must compare them with the paper in hand to keep one or void it (the sheet is in the
// room, anonymous, and carries no voter). Agreeing or half-typed entries carry no content.
function paperViews(db: Db, round: Round): PaperEntryView[] {
  const rows = db
    .prepare(
      'SELECT serial, typist, choices, points FROM paper_entry WHERE round_id = ? ORDER BY serial, typist',
    )
    .all(round.id) as PaperRow[];
  const by = new Map<string, PaperRow[]>();
  for (const r of rows) by.set(r.serial, [...(by.get(r.serial) ?? []), r]);
  return [...by.entries()].map(([serial, rs]) => {
    const a = rs.find((r) => r.typist === 'A');
    const b = rs.find((r) => r.typist === 'B');
    const typists = rs.map((r) => r.typist);
    if (!a || !b) return { serial, status: 'waiting' as const, typists, a: null, b: null };
    const same = sameBallot(round.ballotType, rowContent(a), rowContent(b));
    return {
      serial,
      status: same ? ('final' as const) : ('mismatch' as const),
      typists,
      a: same ? null : rowContent(a),
      b: same ? null : rowContent(b),
    };
  });
}

/** Re-derive the final ballot of one paper serial from its two entries. */
function settlePaper(db: Db, env: Env, round: Round, serial: string): PaperEntryView {
  db.prepare("DELETE FROM ballot WHERE round_id = ? AND serial = ? AND source = 'paper'").run(
    round.id,
    serial,
  );
  const view = paperViews(db, round).find((p) => p.serial === serial) ?? {
    serial,
    status: 'waiting' as const,
    typists: [],
    a: null,
    b: null,
  };
  if (view.status === 'final') {
    roomForBallots(db, round, 1);
    const row = db
      .prepare(
        "SELECT choices, points FROM paper_entry WHERE round_id = ? AND serial = ? AND typist = 'A'",
      )
      .get(round.id, serial) as PaperRow;
    insertBallot(db, env, round.id, serial, 'paper', rowContent(row));
  }
  return view;
}

/** One typist's entry of a numbered paper ballot; it counts once both typists agree. */
export function enterPaperBallot(
  db: Db,
  env: Env,
  input: { roundId: string; serial: string; typist: Operator; ballot: BallotContent },
): PaperEntryView {
  return db
    .transaction(() => {
      const round = ballotRound(db, input.roundId);
      const clash = db
        .prepare(
          "SELECT source FROM ballot WHERE round_id = ? AND serial = ? AND source <> 'paper'",
        )
        .get(round.id, input.serial);
      if (clash)
        throw new MinkaError('CONFLICT', 'voting.error.serialUsed', { serial: input.serial });
      mustBeValid(db, round, input.ballot);
      const at = env.now().toISOString();
      db.prepare(
        `INSERT INTO paper_entry (round_id, serial, typist, choices, points, entered_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (round_id, serial, typist) DO UPDATE SET choices = excluded.choices, points = excluded.points, entered_at = excluded.entered_at`,
      ).run(
        round.id,
        input.serial,
        input.typist,
        JSON.stringify(input.ballot.choices),
        input.ballot.points ? JSON.stringify(input.ballot.points) : null,
        at,
      );
      appendEvent(db, new Date(at), {
        type: 'voting.paperEntered',
        payload: {
          roundId: round.id,
          serial: input.serial,
          typist: input.typist,
          choices: input.ballot.choices,
          points: input.ballot.points,
        },
      });
      return settlePaper(db, env, round, input.serial);
    })
    .immediate();
}

/** After checking the paper: keep typist A's or B's reading, or void the ballot. */
export function resolvePaper(
  db: Db,
  env: Env,
  input: { roundId: string; serial: string; keep: Operator | 'void' },
): PaperEntryView | null {
  return db
    .transaction(() => {
      const round = ballotRound(db, input.roundId);
      const view = paperViews(db, round).find((p) => p.serial === input.serial);
      if (!view)
        throw new MinkaError('NOT_FOUND', 'voting.error.noPaper', { serial: input.serial });
      const at = env.now().toISOString();
      if (input.keep === 'void') {
        db.prepare('DELETE FROM paper_entry WHERE round_id = ? AND serial = ?').run(
          round.id,
          input.serial,
        );
        db.prepare("DELETE FROM ballot WHERE round_id = ? AND serial = ? AND source = 'paper'").run(
          round.id,
          input.serial,
        );
      } else {
        const other = input.keep === 'A' ? 'B' : 'A';
        const src = db
          .prepare(
            'SELECT choices, points FROM paper_entry WHERE round_id = ? AND serial = ? AND typist = ?',
          )
          .get(round.id, input.serial, input.keep) as PaperRow | undefined;
        if (!src)
          throw new MinkaError('NOT_FOUND', 'voting.error.noPaper', { serial: input.serial });
        db.prepare(
          `INSERT INTO paper_entry (round_id, serial, typist, choices, points, entered_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (round_id, serial, typist) DO UPDATE SET choices = excluded.choices, points = excluded.points, entered_at = excluded.entered_at`,
        ).run(round.id, input.serial, other, src.choices, src.points, at);
      }
      appendEvent(db, new Date(at), {
        type: 'voting.paperResolved',
        payload: { roundId: round.id, serial: input.serial, keep: input.keep },
      });
      return input.keep === 'void' ? null : settlePaper(db, env, round, input.serial);
    })
    .immediate();
}

/** Ballots typed elsewhere (a .pb file): all or nothing; serials must be new on the round. */
export function importBallots(
  db: Db,
  env: Env,
  roundId: string,
  ballots: { serial: string; content: BallotContent }[],
  source: string,
): { imported: number } {
  return db
    .transaction(() => {
      const round = ballotRound(db, roundId);
      const ctx = ballotContext(db, round);
      const used = new Set([
        ...(db
          .prepare('SELECT serial FROM ballot WHERE round_id = ?')
          .pluck()
          .all(round.id) as string[]),
        ...(db
          .prepare('SELECT serial FROM paper_entry WHERE round_id = ?')
          .pluck()
          .all(round.id) as string[]),
      ]);
      for (const b of ballots) {
        if (used.has(b.serial))
          throw new MinkaError('CONFLICT', 'voting.error.serialUsed', { serial: b.serial });
        used.add(b.serial);
        const check = checkBallot(ctx, b.content);
        if (!check.ok)
          throw new MinkaError('INVALID_INPUT', 'voting.pb.badBallot', {
            voter: b.serial,
            problem: check.key,
            ...check.params,
          });
      }
      roomForBallots(db, round, ballots.length);
      for (const b of ballots) insertBallot(db, env, round.id, b.serial, 'import', b.content);
      appendEvent(db, env.now(), {
        type: 'voting.ballotsImported',
        payload: {
          roundId: round.id,
          source,
          ballots: ballots.map((b) => ({
            serial: b.serial,
            choices: b.content.choices,
            points: b.content.points,
          })),
        },
      });
      return { imported: ballots.length };
    })
    .immediate();
}

/** Final ballots of a round in serial order (with their serials, for pabulib voter ids). */
export function roundBallots(
  db: Db,
  roundId: string,
): { serial: string; content: BallotContent }[] {
  const rows = db
    .prepare('SELECT serial, choices, points FROM ballot WHERE round_id = ? ORDER BY serial')
    .all(roundId) as { serial: string; choices: string; points: string | null }[];
  const closed =
    db.prepare('SELECT state FROM voting_round WHERE id = ?').pluck().get(roundId) === 'closed';
  // Kiosk ballots have no serial of their own: numbered here in content order (legacy kiosk
  // rows in `ballot` keep theirs, K0001…; these follow them).
  const taken = rows.filter((r) => r.serial.startsWith('K')).length;
  const kiosk = kioskBallots(db, roundId, closed).map((content, i) => ({
    serial: `K${String(taken + i + 1).padStart(4, '0')}`,
    content,
  }));
  return [...rows.map((r) => ({ serial: r.serial, content: rowContent(r) })), ...kiosk];
}

// ---- reading ------------------------------------------------------------------------

/** What the counting screens and the kiosk need; never totals (those wait for closing). */
export function roundDetail(db: Db, roundId: string, asker: Operator = 'A'): RoundDetail {
  return db.transaction((): RoundDetail => {
    const round = getRound(db, roundId);
    const live = round.state !== 'closed';
    const now = live ? currentHolders(db, round) : null;
    const holders = now ? now.holders : (round.snapshot?.holders ?? []);
    const rule: VoteRule = (live ? null : round.snapshot?.voteRule) ?? getSetup(db).voteRule;
    let voters: KioskVoter[] = [];
    if (round.kind === 'ballot') {
      const voted = new Set(
        db
          .prepare('SELECT voter_key FROM round_voter WHERE round_id = ?')
          .pluck()
          .all(round.id) as string[],
      );
      // Only the holders and their organisations, not the registry (issue 18: size-independent).
      const people =
        now?.people ?? participantsByIds(db, [...new Set(holders.map((h) => h.participantId))]);
      const orgs = organizationNames(db, [
        ...new Set(holders.flatMap((h) => (h.organizationId ? [h.organizationId] : []))),
      ]);
      voters = holders.map((h) => {
        const p = people.get(h.participantId);
        return {
          participantId: h.participantId,
          organizationId: h.organizationId,
          name: p ? displayName(p) : h.participantId,
          organization: h.organizationId ? (orgs.get(h.organizationId) ?? '') : '',
          basis: h.basis,
          dni: p?.dni ?? '',
          voted: hasVoted(rule, h, voted),
        };
      });
      voters = sortedEs(voters, (v) => [v.name]);
    }
    return {
      round,
      voteRule: rule,
      entitled: holders.length,
      ballots: round.kind === 'ballot' ? ballotCount(db, round.id) : 0,
      counts: round.kind === 'ballot' ? [] : visibleCounts(db, round, asker),
      paper: round.kind === 'ballot' ? paperViews(db, round) : [],
      voters,
    };
  })();
}

function mustBeClosed(round: Round): void {
  if (round.state !== 'closed')
    throw new MinkaError('CONFLICT', 'voting.error.notClosed', { title: round.title });
}

/** Totals of a closed round (refused before closing: results stay hidden until then). */
export function roundTotals(db: Db, roundId: string): RoundTotals {
  return db.transaction((): RoundTotals => {
    const round = getRound(db, roundId);
    mustBeClosed(round);
    const frozen = storedFrozen(db, roundId);
    if (frozen) return frozen.totals;
    const setup = getSetup(db);
    const labels = new Map<string, string>();
    if (round.kind === 'sector') for (const s of setup.sectors) labels.set(s.id, s.name);
    else for (const p of proposalsById(db).values()) labels.set(p.id, `${p.code} ${p.title}`);
    const counts = new Map<string, number>();
    if (round.kind !== 'ballot')
      for (const c of countViews(db, round, 'A')) counts.set(c.itemId, c.a ?? 0);
    return computeTotals({
      round,
      labels,
      entitled: round.snapshot?.entitled ?? 0,
      counts,
      ballots: round.kind === 'ballot' ? roundBallots(db, round.id).map((b) => b.content) : [],
      envelopeCents: setup.envelopeCents,
    });
  })();
}

/** The proposals on a ballot round, in ballot order, with code, cost and sector. */
export function roundProposals(db: Db, round: Round): RoundProposal[] {
  const props = proposalsById(db);
  return round.itemIds.flatMap((id) => {
    const p = props.get(id);
    return p
      ? [{ id: p.id, code: p.code, title: p.title, costCents: p.costCents, sector: p.sector }]
      : [];
  });
}

/** proposal code → proposal id for a round's items. */
export function roundCodes(db: Db, roundId: string): Map<string, string> {
  return new Map(roundProposals(db, getRound(db, roundId)).map((p) => [p.code, p.id]));
}

/** The tally engine's profile of a closed ballot round (project ids are proposal codes). */
export function roundProfile(db: Db, roundId: string): Profile {
  return db.transaction((): Profile => {
    const round = getRound(db, roundId);
    if (round.kind !== 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notBallotRound');
    mustBeClosed(round);
    return roundToProfile(
      round,
      roundProposals(db, round),
      roundBallots(db, round.id).map((b) => b.content),
      getSetup(db).envelopeCents,
    );
  })();
}
