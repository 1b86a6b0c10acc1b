// Voting rounds, the feature's store: created as drafts, opened, counted and closed with a
// snapshot of who was present and entitled; totals exist only once a round is closed, and every
// change is one transaction with its event. This file holds the rounds themselves (read, create,
// open); beside it: who may vote (holders.ts), the show of hands (hands.ts), ballots (ballots.ts:
// the shared checks, a .pb import; paper.ts: paper double entry; kiosk.ts: the kiosk), closing
// (close-round.ts) and what the screens read (round-reads.ts).
import type {
  Round,
  RoundInput,
  RoundKind,
  RoundSnapshot,
  RoundState,
  BallotType,
} from '../../shared/schemas/voting';
import type { TieBreak } from '../../shared/schemas/workshop';
import type { RoundProposal } from '../../shared/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { listProposals } from '../proposals/proposals';
import { type Env, getSetup } from '../workshop/workshop';
import { effectiveRule } from '../../shared/results/sector-split';

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

// ---- create, open ---------------------------------------------------------------

/** The workshop's proposals by id, as a round shows them (code, title, cost, sector name). */
export function proposalsById(db: Db): Map<string, RoundProposal & { status: string }> {
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
      // MES shares the envelope among each person's ballot: a show-of-hands count has none, so
      // under MES such a round would select nothing (field test fac28: accepted, then empty).
      if (input.kind === 'hands' && effectiveRule(setup) === 'mes')
        throw new MinkaError('INVALID_INPUT', 'results.error.mesNeedsBallots');
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

export function needState(round: Round, state: RoundState): void {
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
