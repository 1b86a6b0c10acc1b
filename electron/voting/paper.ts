// Paper ballots typed twice (typists A and B): a ballot counts once both readings agree.
import type { BallotContent, Operator, PaperEntryView, Round } from '../../shared/schemas/voting';
import { sameBallot } from '../../shared/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { ballotRound, insertBallot, mustBeValid, roomForBallots, rowContent } from './ballots';
import type { Env } from '../workshop/workshop';

interface PaperRow {
  serial: string;
  typist: Operator;
  choices: string;
  points: string | null;
}

// Before closing, a paper ballot's two typed versions are answered only while they differ: the
// typists must compare them with the paper in hand to keep one or void it (the sheet is in the
// room, anonymous, and carries no voter). Agreeing or half-typed entries carry no content.
export function paperViews(db: Db, round: Round): PaperEntryView[] {
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
