// A closed round's frozen result, held against the log it was frozen from.
//
// The close event carries the round's inputs and outcome (round-freeze.ts), and `minka check`
// recomputes the outcome from those inputs (frozenHolds). That alone proves the outcome
// follows from the inputs written beside it, not that those inputs are what the room
// recorded: whoever holds the file can rewrite the close event's counts, ballots, envelope or
// criteria, recompute the outcome with Minka's own code and re-chain every later event, and
// the file is consistent with itself. So each input is derived again here from the events
// logged before the close (the counts typed, the ballots entered, the proposals, the setup and
// the matrix as they stood then) and compared with what the close event froze.
//
// What stays outside: the kiosk's ballots have no event of their own (a ballot's content and
// its casting order must never be linked), so their content is what the close event carries;
// their number is held against the voters marked (ballot-box.replay.ts). The quorum and the
// holders are checked against the attendance elsewhere.
import type Database from 'better-sqlite3';
import { canonicalize } from '../../shared/canonical';
import { canonicalBallots, type FrozenInputs, type FrozenRound } from '../../shared/results/frozen';
import type { BallotContent } from '../../shared/schemas/voting';
import { DEFAULT_MATRIX } from '../criteria/criteria.replay';
import { type Ev, loggedEvents, Report } from '../platform/replay';
import { finding, type FindingParams } from '../../shared/check-findings';

export interface FrozenInputProblem {
  roundId: string;
  /** The English machine text (`--json`); `key` and `params` are what is printed (check-findings.ts). */
  what: string;
  key: string;
  params: FindingParams;
}

type Difference = Omit<FrozenInputProblem, 'roundId'>;
const F = (key: string, params: FindingParams, what: string): Difference =>
  finding(`check.frozen.${key}`, params, what);

const same = (a: unknown, b: unknown) => canonicalize(a ?? null) === canonicalize(b ?? null);

/** Every closed round's frozen inputs against the events logged before its close. */
export function checkFrozenInputs(
  db: Database.Database,
  /** The log already read through the union (checkRecord reads it once, issue 18). */
  logged: Ev[] | null = null,
): FrozenInputProblem[] {
  const evs = logged ?? loggedEvents(db, new Report());
  const ballotRows = ballotsByRound(db);
  const withCriteria =
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'criterion'").get() !==
    undefined;
  const problems: FrozenInputProblem[] = [];
  evs.forEach((e, i) => {
    if (e.type !== 'voting.roundClosed') return;
    const frozen = e.p.frozen as FrozenRound | undefined;
    if (!frozen?.inputs) return;
    const before = evs.slice(0, i);
    const rows = ballotRows.get(e.p.id) ?? [];
    for (const d of differences(frozen.inputs, before, e, rows, withCriteria))
      problems.push({ roundId: e.p.id, ...d });
  });
  return problems;
}

function differences(
  inp: FrozenInputs,
  before: readonly Ev[],
  close: Extract<Ev, { type: 'voting.roundClosed' }>,
  ballotRows: readonly BallotContent[],
  withCriteria: boolean,
): Difference[] {
  const out: Difference[] = [];
  const id = close.p.id;
  const created = last(before, 'voting.roundCreated', (e) => e.p.id === id);
  if (!created)
    return [F('notCreated', {}, `the round's creation is not in the log before its close`)];
  const opened = last(before, 'voting.roundOpened', (e) => e.p.id === id);

  // The round as created and opened.
  const r = inp.round;
  if (r.id !== id)
    out.push(F('roundId', { id: r.id }, `the frozen round id ${r.id} is not the closed round's`));
  if (r.title !== created.p.title)
    out.push(F('title', {}, 'the frozen title differs from the round created'));
  if (r.kind !== created.p.kind)
    out.push(F('kind', {}, 'the frozen kind differs from the round created'));
  if ((r.ballotType ?? null) !== (created.p.ballotType ?? null))
    out.push(F('ballotType', {}, 'the frozen ballot type differs from the round created'));
  if ((r.maxChoices ?? null) !== (created.p.maxChoices ?? null))
    out.push(F('maxChoices', {}, 'the frozen maximum of choices differs from the round created'));
  if (Date.parse(r.closedAt) !== Date.parse(close.at))
    out.push(
      F(
        'closedAt',
        { frozenAt: r.closedAt, closeAt: close.at },
        `the frozen closing time ${r.closedAt} is not the close event's ${close.at}`,
      ),
    );
  const tieBreak = opened?.p.tieBreak ?? created.p.tieBreak;
  if (inp.tieBreak !== tieBreak)
    out.push(
      F(
        'tieBreak',
        { tieBreakFrozen: inp.tieBreak, tieBreakRound: tieBreak },
        `the frozen tie-break ${inp.tieBreak} is not the round's ${tieBreak}`,
      ),
    );
  const snapshot = close.p.snapshot as { entitled?: number } | undefined;
  if (snapshot?.entitled !== undefined && snapshot.entitled !== r.entitled)
    out.push(
      F(
        'entitled',
        { frozen: r.entitled, snapshot: snapshot.entitled },
        `${r.entitled} frozen as entitled, the close's snapshot says ${snapshot.entitled}`,
      ),
    );

  // The items: the round's, with each proposal's code, title, sector and cost as it stood.
  const ids = inp.items.map((x) => x.id);
  if (!same(ids, created.p.itemIds))
    out.push(F('items', {}, 'the frozen items are not the round’s items in ballot order'));
  if (r.kind === 'sector') {
    const names = new Map((lastSetup(before)?.sectors ?? []).map((x) => [x.id, x.name]));
    for (const item of inp.items)
      if (item.title !== (names.get(item.id) ?? item.id))
        out.push(
          F(
            'sectorName',
            { sector: item.title },
            `sector ${item.title}: not the sector's name in the setup then`,
          ),
        );
  } else {
    const props = new Map<string, Extract<Ev, { type: 'proposals.proposalAdded' }>['p']>();
    for (const e of before)
      if (e.type === 'proposals.proposalAdded' || e.type === 'proposals.proposalEdited')
        props.set(e.p.id, e.p);
    for (const item of inp.items) {
      const p = props.get(item.id);
      if (!p)
        out.push(
          F(
            'itemMissing',
            { code: item.code },
            `item ${item.code}: no such proposal in the log before the close`,
          ),
        );
      else if (
        p.code !== item.code ||
        p.title !== item.title ||
        p.sectorId !== item.sectorId ||
        p.estimatedCostCents !== item.costCents
      )
        out.push(
          F(
            'itemDiffers',
            { code: item.code },
            `item ${item.code}: code, title, sector or cost differ from the proposal then`,
          ),
        );
    }
  }

  // What the room recorded: the counts typed (operator A's, which the close requires final),
  // or the ballots entered and the kiosk's.
  if (inp.counts !== null) {
    const typed = new Map<string, number>();
    for (const e of before)
      if (e.type === 'voting.countEntered' && e.p.roundId === id && e.p.operator === 'A')
        typed.set(e.p.itemId, e.p.count);
    for (const item of created.p.itemIds) {
      const want = typed.get(item) ?? 0;
      const got = inp.counts[item];
      if (got !== want) {
        const code = inp.items.find((x) => x.id === item)?.code || item;
        out.push(
          F(
            'count',
            { code, frozen: got ?? '-', typed: want },
            `${code}: ${String(got)} frozen, ${want} typed in the log`,
          ),
        );
      }
    }
    for (const item of Object.keys(inp.counts))
      if (!created.p.itemIds.includes(item))
        out.push(F('countExtra', { item }, `a count frozen for ${item}, not an item`));
  }
  if (inp.ballots !== null) {
    const kiosk = (close.p.kioskBallots ?? []).map((b): BallotContent => ({
      choices: b.choices,
      points: b.points ?? null,
    }));
    const want = canonicalBallots([...ballotRows, ...kiosk]);
    if (!same(want, inp.ballots))
      out.push(
        F(
          'ballots',
          { frozen: inp.ballots.length, entered: want.length },
          `the ${inp.ballots.length} frozen ballots are not the ${want.length} entered and taken from the box`,
        ),
      );
  }

  // The setup and the matrix as they stood.
  const setup = lastSetup(before);
  if (setup?.envelopeCents !== undefined && setup.envelopeCents !== inp.envelopeCents)
    out.push(
      F(
        'envelope',
        { frozenCents: inp.envelopeCents, setupCents: setup.envelopeCents },
        `envelope ${inp.envelopeCents} frozen, the setup then said ${setup.envelopeCents}`,
      ),
    );
  if (setup?.selectionRule !== undefined && setup.selectionRule !== inp.rule)
    out.push(
      F(
        'rule',
        { frozen: inp.rule, setup: setup.selectionRule },
        `rule ${inp.rule} frozen, the setup then said ${setup.selectionRule}`,
      ),
    );
  if (setup?.sectors !== undefined) {
    const sectors = setup.sectors.map((s) => ({ id: s.id, name: s.name }));
    if (!same(sectors, inp.sectors))
      out.push(F('sectors', {}, 'the frozen sectors differ from the setup then'));
  }
  if (r.kind !== 'sector' && setup && (setup.sectorSplit === true) !== (inp.sectorSplit === true))
    out.push(F('sectorSplit', {}, 'the frozen sector split differs from the setup then'));
  // The matrix: every round of a file with the criteria tables froze it (the ordinance's
  // defaults until one is saved); a file without them froze none, and weight 0.
  const matrix = withCriteria
    ? (last(before, 'criteria.matrixSaved', () => true)?.p ?? DEFAULT_MATRIX)
    : { criteria: [], votesWeight: 0 };
  if (matrix.votesWeight !== inp.votesWeight)
    out.push(
      F(
        'votesWeight',
        { frozen: inp.votesWeight, matrix: matrix.votesWeight },
        `votes weight ${inp.votesWeight} frozen, the matrix then said ${matrix.votesWeight}`,
      ),
    );
  if (!same(matrix.criteria, inp.criteria))
    out.push(F('criteria', {}, 'the frozen criteria differ from the matrix then'));
  if (r.kind !== 'sector' && withCriteria) {
    const items = new Set(ids);
    // Each proposal's last scoring replaces its earlier ones (kept per proposal: replacing by
    // a scan of every key made this quadratic in the scorings, issue 18).
    const byProposal = new Map<string, Map<string, number>>();
    for (const e of before)
      if (e.type === 'criteria.scored' && items.has(e.p.proposalId)) {
        const given = new Map<string, number>();
        for (const s of e.p.scores) given.set(s.criterionId, s.score);
        byProposal.set(e.p.proposalId, given);
      }
    const known = new Set(matrix.criteria.map((c) => c.id));
    const scores: [string, number][] = [];
    for (const [proposalId, given] of byProposal)
      for (const [criterionId, score] of given)
        if (known.has(criterionId)) scores.push([`${proposalId}|${criterionId}`, score]);
    const frozenScores = inp.scores.map((s) => [`${s.proposalId}|${s.criterionId}`, s.score]);
    if (!same(scores.sort(), frozenScores.sort()))
      out.push(F('scores', {}, 'the frozen scores differ from the scores given before the close'));
  }

  // The envelope split of the newest sector vote closed before (by position), as it froze it.
  if (r.kind !== 'sector') {
    const sectorRounds = new Map<string, number>();
    for (const e of before)
      if (e.type === 'voting.roundCreated' && e.p.kind === 'sector')
        sectorRounds.set(e.p.id, e.p.position);
    let newest: { position: number; frozen: FrozenRound | undefined } | null = null;
    for (const e of before)
      if (e.type === 'voting.roundClosed' && sectorRounds.has(e.p.id)) {
        const position = sectorRounds.get(e.p.id) as number;
        if (!newest || position > newest.position)
          newest = { position, frozen: e.p.frozen as FrozenRound | undefined };
      }
    const res = newest?.frozen?.results;
    const shares =
      res?.kind === 'sector'
        ? Object.fromEntries(
            res.value.sectors.flatMap((s) =>
              s.shareCents === null ? [] : [[s.sectorId, s.shareCents] as const],
            ),
          )
        : {};
    if (!same(shares, inp.shares))
      out.push(
        F('shares', {}, 'the frozen envelope split differs from the sector vote closed before'),
      );
  }
  return out;
}

function last<T extends Ev['type']>(
  evs: readonly Ev[],
  type: T,
  pick: (e: Extract<Ev, { type: T }>) => boolean,
): Extract<Ev, { type: T }> | undefined {
  for (let i = evs.length - 1; i >= 0; i--) {
    const e = evs[i] as Ev;
    if (e.type === type && pick(e as Extract<Ev, { type: T }>))
      return e as Extract<Ev, { type: T }>;
  }
  return undefined;
}

/** The setup as the last save before this point left it (each save carries the whole setup). */
function lastSetup(evs: readonly Ev[]) {
  for (let i = evs.length - 1; i >= 0; i--) {
    const e = evs[i] as Ev;
    if (e.type === 'workshop.setupSaved') return e.p;
    if (e.type === 'workshop.created') return e.p.setup;
  }
  return undefined;
}

/** Each round's ballots in the `ballot` table (paper, imported, legacy kiosk), checked against the log by the replay. */
function ballotsByRound(db: Database.Database): Map<string, BallotContent[]> {
  const m = new Map<string, BallotContent[]>();
  const rows = db.prepare('SELECT round_id, choices, points FROM ballot').all() as {
    round_id: string;
    choices: string;
    points: string | null;
  }[];
  for (const r of rows) {
    const list = m.get(r.round_id) ?? [];
    try {
      list.push({
        choices: JSON.parse(r.choices) as string[],
        points: r.points === null ? null : (JSON.parse(r.points) as number[]),
      });
    } catch {
      // A row that does not parse is reported by the replay; here it only fails to match.
      list.push({ choices: [r.choices], points: null });
    }
    m.set(r.round_id, list);
  }
  return m;
}
