// minka tally FILE.pb [--rule KEY]: the tally engine on a pabulib file, explained round by
// round (or as one JSON object with --json). Exit 1 for a bad file, 2 for bad usage.
import { openSync, closeSync, fstatSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { BallotCollector, PbParseError, PbParser, type PbHeader } from '../../../shared/pabulib';
import {
  formatApprox,
  isTieBreak,
  parseRuleKey,
  Rational,
  RULE_KEYS,
  TallyError,
  TIE_BREAKS,
  tally,
  type Round,
  type TallyResult,
} from '../../../shared/tally';
import { CliFailure, type CliIO, type Command, parseArgs, tr, UsageError } from '../io';

/** Files above this are refused before being read whole (real pabulib files are < 10 MB). */
export const MAX_PB_BYTES = 100 * 1024 * 1024;

export const tallyCommand: Command = {
  name: 'tally',
  summaryKey: 'cli.tally.summary',
  usage: `tally FILE.pb [--rule KEY] [--tie-break ${TIE_BREAKS.join('|')}] [--json]`,
  run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['rule', 'tie-break'],
      flags: ['json'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.tally.oneFile');
    const given = values['rule'];
    if (given !== undefined && !parseRuleKey(given))
      throw new UsageError('cli.tally.unknownRule', { rule: given, rules: RULE_KEYS.join(', ') });
    const givenTie = values['tie-break'];
    if (givenTie !== undefined && !isTieBreak(givenTie))
      throw new UsageError('cli.tally.badTieBreak', {
        value: givenTie,
        values: TIE_BREAKS.join(', '),
      });

    const { header: election, ballots } = readPbFile(file, io);
    // Without --rule the file's own rule is run (a Minka export names the rule its result used
    // in META `minka_rule`, and its tie-break in `tie_break`), and the tally says so: a file
    // tallied under another rule than the Acta's selected other projects (field test fac28).
    const ruleKey = given ?? fileRule(election.meta);
    if (ruleKey === null)
      throw new UsageError('cli.tally.noRule', { file, rules: RULE_KEYS.join(', ') });
    const rule = parseRuleKey(ruleKey);
    if (!rule)
      throw new UsageError('cli.tally.unknownRule', { rule: ruleKey, rules: RULE_KEYS.join(', ') });
    const metaTie = election.meta['tie_break']?.trim() ?? '';
    const tieBreak =
      givenTie ?? (given === undefined && isTieBreak(metaTie) ? metaTie : 'lexicographic');
    // Read as the reference reads it; each liberty taken is said, with its line.
    const warnings = election.warnings.map((w) => ({
      line: w.line,
      code: w.code,
      message: tr(io, 'cli.tally.warningAt', {
        file,
        line: w.line,
        problem: tr(io, w.code, w.params),
      }),
    }));
    for (const w of warnings) io.err(w.message);
    let result: TallyResult;
    try {
      result = tally(ballots.compile(election), { rule, tieBreak });
    } catch (e) {
      if (e instanceof TallyError) throw new CliFailure(e.code, e.params);
      throw e;
    }
    if (flags.has('json')) {
      io.out(
        JSON.stringify({
          file: basename(file),
          rule: result.rule,
          /** "file" when no --rule was given and the file's META named the rule. */
          ruleFrom: given === undefined ? 'file' : 'option',
          tieBreak,
          budget: election.budget.toString(),
          selected: result.selected,
          selectionOrder: result.selectionOrder,
          totalCost: result.totalCost.toString(),
          ...(result.passes !== undefined ? { mesPasses: result.passes } : {}),
          rounds: result.rounds,
          warnings,
        }),
      );
    } else {
      if (given === undefined)
        io.out(tr(io, 'cli.tally.fileRule', { file: basename(file), rule: ruleKey, tieBreak }));
      printHuman(io, file, election, result);
    }
    return 0;
  },
};

/**
 * The rule a Minka export names in its META `minka_rule` (an engine key such as
 * "mes+add1+greedy"); null otherwise. pabulib's own `rule` key is not run: it names the city's
 * process ("greedy-threshold", "unknown"), which the engine's key of the same name need not be.
 */
export function fileRule(meta: Readonly<Record<string, string>>): string | null {
  const v = meta['minka_rule']?.trim();
  return v ? v : null;
}

/** Read size of each piece: small pieces keep each decoded string out of V8's large-object
 * space (1 MiB pieces measured 4.1× the file in peak memory, 64 KiB pieces 1.4×). */
const CHUNK_BYTES = 1 << 16;

export interface PbFileRead {
  header: PbHeader;
  ballots: BallotCollector;
}

/**
 * Read and parse a .pb file piece by piece, keeping the votes as flat arrays: memory
 * stays a small multiple of the file. Same errors as a whole read: a file that is not
 * UTF-8 is named as such even when a parse error comes first in it.
 */
export function readPbFile(file: string, io: CliIO): PbFileRead {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    throw new CliFailure('error.fileNotFound', { file });
  }
  let parseError: unknown = null;
  let header: PbHeader | null = null;
  let collector: BallotCollector;
  try {
    // Size is checked on the open descriptor, so the file we measure is the one we read.
    const size = fstatSync(fd).size;
    if (size > MAX_PB_BYTES) {
      throw new CliFailure('cli.tally.tooLarge', {
        file,
        size: Math.ceil(size / 2 ** 20),
        limit: MAX_PB_BYTES / 2 ** 20,
      });
    }
    collector = new BallotCollector(size);
    const parser = new PbParser(collector.add, { repeats: 'reference', voteFields: false });
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    const feed = (text: string) => {
      if (parseError || text.length === 0) return;
      try {
        parser.push(text);
      } catch (e) {
        parseError = e; // kept: the rest is still decoded, to report non-UTF-8 first
      }
    };
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, CHUNK_BYTES, null);
        if (n === 0) break;
        feed(decoder.decode(buf.subarray(0, n), { stream: true }));
      }
      feed(decoder.decode());
    } catch (e) {
      if (e instanceof TypeError) throw new CliFailure('cli.tally.notUtf8', { file });
      throw e;
    }
    if (!parseError) {
      try {
        header = parser.end();
      } catch (e) {
        parseError = e;
      }
    }
  } finally {
    closeSync(fd);
  }
  if (parseError || !header) {
    const e = parseError;
    if (e instanceof PbParseError) {
      const problem = tr(io, e.code, e.params);
      throw e.line > 0
        ? new CliFailure('cli.tally.badFileAt', { file, line: e.line, problem })
        : new CliFailure('cli.tally.badFile', { file, problem });
    }
    throw e;
  }
  return { header, ballots: collector };
}

function printHuman(io: CliIO, file: string, e: PbHeader, r: TallyResult): void {
  const name = (id: string) => {
    const n = e.projects.find((p) => p.id === id)?.fields['name'];
    return n ? `${id} «${n.length > 60 ? n.slice(0, 57) + '…' : n}»` : id;
  };
  io.out(
    tr(io, 'cli.tally.header', {
      rule: r.rule,
      file: basename(file),
      projects: e.projects.length,
      voters: e.voteCount,
      budget: e.budget.toString(),
    }),
  );
  if (r.passes !== undefined && r.passes > 1) {
    // The share of the outcome returned: when the last pass overspent, the one before it.
    const raise = r.add1Raise ?? r.passes - 1;
    const perVoter = e.budget.divInt(Math.max(1, e.voteCount)).add(Rational.of(raise));
    io.out(tr(io, 'cli.tally.passes', { passes: r.passes, perVoter: formatApprox(perVoter, 2) }));
  }
  let phase: Round['phase'] | null = null;
  let n = 0;
  for (const round of r.rounds) {
    if (round.phase !== phase) {
      phase = round.phase;
      io.out('');
      io.out(tr(io, `cli.tally.phase.${phase}`));
      n = 0;
    }
    const c = round.chosen;
    if (c) {
      n++;
      const common = {
        project: name(c.project),
        cost: c.cost,
        supporters: c.supporters,
        remaining: c.remaining,
      };
      let line: string;
      if (round.phase === 'mes') {
        const rho = (c.rho ?? 0).toPrecision(6);
        line =
          c.pricePerSupporter === undefined
            ? tr(io, 'tally.chosen.mesPoints', { ...common, rho })
            : tr(io, 'tally.chosen.mes', { ...common, rho, price: c.pricePerSupporter.toFixed(2) });
      } else if (round.phase === 'phragmen')
        line = tr(io, 'tally.chosen.phragmen', { ...common, load: (c.load ?? 0).toPrecision(6) });
      else line = tr(io, 'tally.chosen.greedy', common);
      const tie = c.tiedWith
        ? ` (${tr(io, 'tally.tiedWith', { projects: c.tiedWith.join(', ') })})`
        : '';
      io.out(`${tr(io, 'cli.tally.round', { n })}. ${line}${tie}`);
    }
    for (const s of round.skipped)
      io.out(
        tr(io, 'tally.skipped', {
          project: name(s.project),
          reason: tr(io, `tally.reason.${s.reason}`),
        }),
      );
  }
  io.out('');
  io.out(
    r.selected.length > 0
      ? tr(io, 'cli.tally.selected', {
          count: r.selected.length,
          projects: r.selectionOrder.join(', '),
        })
      : tr(io, 'cli.tally.noneSelected'),
  );
  io.out(
    tr(io, 'cli.tally.total', {
      total: r.totalCost.toString(),
      budget: e.budget.toString(),
      left: e.budget.sub(r.totalCost).toString(),
    }),
  );
}
