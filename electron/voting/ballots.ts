// Individual ballots of a round: what every way in shares (the count, the checks, the room left),
// a .pb file's import and the final ballots in serial order. Paper double entry is in paper.ts,
// the kiosk in kiosk.ts.
import type { BallotContent, Round } from '../../shared/schemas/voting';
import { checkBallot } from '../../shared/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { boxCount, hasBox, kioskBallots } from './ballot-box';
import { entitledCount } from './holders';
import { getRound, needState, proposalsById } from './voting';
import { type Env, getSetup } from '../workshop/workshop';

/** Ballots of a round: in `ballot` (paper, import, legacy kiosk) and the kiosk's, wherever kept. */
export function ballotCount(db: Db, roundId: string): number {
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

export function mustBeValid(
  db: Db,
  round: Round,
  content: BallotContent,
  ctx = ballotContext(db, round),
): void {
  const check = checkBallot(ctx, content);
  if (!check.ok) throw new MinkaError('INVALID_INPUT', check.key, check.params);
}

export function insertBallot(
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

export function ballotRound(db: Db, roundId: string): Round {
  const round = getRound(db, roundId);
  if (round.kind !== 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notBallotRound');
  needState(round, 'open');
  return round;
}

export function roomForBallots(db: Db, round: Round, adding: number): void {
  const entitled = entitledCount(db, round);
  const n = ballotCount(db, round.id);
  if (n + adding > entitled)
    throw new MinkaError('CONFLICT', 'voting.error.moreBallotsThanEntitled', {
      ballots: n + adding,
      entitled,
    });
}

export const rowContent = (r: { choices: string; points: string | null }): BallotContent => ({
  choices: JSON.parse(r.choices) as string[],
  points: r.points ? (JSON.parse(r.points) as number[]) : null,
});

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
