// minka demo / check / export: the workshop file from the command line.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Core } from '../../core/core';
import { MinkaError } from '../../platform/classify-error';
import { writeDemoPlan } from './plan';
import { writeFileAtomic } from '../../platform/atomic';
import type { VenueCheck } from '../../venues/venues-check';
import type { ExportComparison } from '../../export/export-check';
import type { WorkshopCheck } from '../../../shared/schemas/check';
import { CliFailure, type CliIO, type Command, parseArgs, tr, UsageError } from '../io';
import { fingerprint } from '../../../shared/fingerprint';
import { clockStepMessage, clockWindowMessage } from '../../../shared/clock-steps';
import { DEFAULT_TIME_ZONE, formatSpan } from '../../../shared/format';
import { consistencyFinding, type Finding, findingMessage } from '../../../shared/check-findings';
import { dayWarningLines } from '../../../shared/attendance/day-off-clock';
import { unclosedDeskLines } from '../../../shared/voting/unclosed-desks';
import { minutesJson, reportMinutes } from './check-minutes';

function fail(e: unknown): never {
  if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
  throw e;
}

export const demoCommand: Command = {
  name: 'demo',
  summaryKey: 'cli.demo.summary',
  usage: 'demo --out FILE.minka',
  async run(args, io) {
    const { values } = parseArgs(args, { values: ['out'] });
    const out = values['out'];
    if (!out) throw new UsageError('cli.error.missingValue', { flag: '--out' });
    const path = resolve(out);
    if (existsSync(path)) throw new CliFailure('error.alreadyExists', { file: out });
    // Through the core's dispatch, in the output's folder as its data folder.
    const core = new Core({ dataDir: dirname(path), host: 'cli' });
    try {
      const state = await core.call('workshop:createDemo', { file: basename(path) });
      io.out(
        tr(io, 'cli.demo.written', {
          file: out,
          events: state.chain.length,
          fingerprint: state.chain.fingerprint,
        }),
      );
      // The demo's plan files beside it: CLI-only output, read from the new workshop.
      writeDemoPlan(core.get(state.workshopId).db, path, io, core.env.now());
    } catch (e) {
      fail(e);
    } finally {
      core.closeAll();
    }
    return 0;
  },
};

export const checkCommand: Command = {
  name: 'check',
  summaryKey: 'cli.check.summary',
  usage: 'check FILE.minka [--fingerprint XXXX-XXXX-XXXX-XXXX] [--export FILE.json] [--json]',
  async run(args, io) {
    const { positionals, flags, values } = parseArgs(args, {
      flags: ['json'],
      values: ['fingerprint', 'export'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const exportFile = values['export'];
    // Through the core's dispatch, on the file opened read-only: the app may have it open.
    const core = new Core({ dataDir: dirname(resolve(file)), host: 'cli' });
    let r: WorkshopCheck;
    let archived: unknown;
    try {
      let workshopId: string;
      try {
        workshopId = core.openReadOnly(resolve(file)).id;
      } catch (e) {
        if (flags.has('json') && e instanceof MinkaError) {
          io.out(
            JSON.stringify({
              ok: false,
              file,
              integrity: e.code === 'CORRUPT_FILE' ? 'corrupt' : 'unreadable',
              error: e.code,
            }),
          );
          return 1;
        }
        fail(e);
      }
      // An archived export to compare with the file: read before anything is reported.
      archived = exportFile === undefined ? undefined : readExportFile(exportFile);
      r = await core.call('workshop:check', {
        workshopId,
        ...(values['fingerprint'] !== undefined ? { fingerprint: values['fingerprint'] } : {}),
        ...(archived !== undefined ? { archivedExport: archived } : {}),
      });
    } catch (e) {
      fail(e);
    } finally {
      core.closeAll();
    }
    const { chain, consistency, anchor, minutes, results, venues, export: exported, ok } = r;
    if (flags.has('json')) {
      io.out(
        JSON.stringify({
          ok,
          ...(r.environment ? { environment: true } : {}),
          file,
          integrity: r.integrity,
          ...(r.error ? { error: r.error } : {}),
          ...(chain
            ? {
                chain: {
                  ok: chain.ok,
                  length: chain.length,
                  head: chain.head,
                  fingerprint: chain.fingerprint,
                  ...(chain.brokenAt !== undefined
                    ? { brokenAt: chain.brokenAt, reason: chain.reason }
                    : {}),
                },
              }
            : {}),
          ...(consistency
            ? {
                consistency: {
                  ok: consistency.ok,
                  differences: consistency.problems.length,
                  problems: consistency.problems.slice(0, 50),
                  covered: consistency.covered,
                  uncovered: consistency.uncovered,
                },
              }
            : {}),
          ...(anchor ? { anchor } : {}),
          ...(exported ? { export: { file: exportFile, ...exported } } : {}),
          ...(results ? { results } : {}),
          ...(venues ? { venues } : {}),
          ...(r.clock ? { clock: r.clock } : {}),
          ...(r.venueDates ? { venueDates: r.venueDates } : {}),
          checkInDays: r.checkInDays, // left out of the JSON when there are none
          ...(minutes ? { minutes: minutesJson(io, minutes) } : {}),
        }),
      );
      return exitCode(r);
    }
    if (r.integrity !== 'ok' || !chain || !consistency) {
      const unreadable = r.integrity === 'ok' && r.error?.startsWith('RECORD_UNREADABLE');
      io.err(
        unreadable
          ? tr(io, 'cli.check.recordUnreadable', { file, message: r.error ?? '' })
          : tr(io, 'backup.check.corrupt', { file }),
      );
      return 1;
    }
    io.out(tr(io, 'backup.check.integrityOk', { file }));
    if (chain.ok)
      io.out(tr(io, 'cli.check.chainOk', { length: chain.length, fingerprint: chain.fingerprint }));
    else
      io.err(
        tr(io, 'cli.check.chainBroken', { seq: chain.brokenAt ?? 0, reason: chain.reason ?? '' }),
      );
    // A finding's detail in the reader's language, its times in the workshop's zone.
    const said = (f: Finding) => {
      const m = findingMessage(
        f,
        r.results?.timeZone ?? r.clock?.timeZone ?? DEFAULT_TIME_ZONE,
        (k) => tr(io, k),
      );
      return tr(io, m.key, m.params);
    };
    const first = consistency.problems[0];
    if (first)
      io.err(
        tr(io, 'backup.check.consistencyBroken', {
          count: consistency.problems.length,
          table: first.table,
          key: first.key,
          what: said(consistencyFinding(first.what)),
        }),
      );
    else io.out(tr(io, 'backup.check.consistencyOk', { tables: consistency.covered.length }));
    if (consistency.uncovered.length)
      io.out(tr(io, 'backup.check.uncovered', { tables: consistency.uncovered.join(', ') }));
    if (anchor) {
      if (anchor.matched === 'minutes')
        io.out(tr(io, 'backup.check.anchorMinutes', { fingerprint: anchor.fingerprint }));
      else if (anchor.seq !== null)
        io.out(
          tr(io, 'backup.check.anchorFound', { fingerprint: anchor.fingerprint, seq: anchor.seq }),
        );
      else io.err(tr(io, 'backup.check.anchorMissing', { fingerprint: anchor.fingerprint }));
      if (anchor.matched !== null && (anchor.digits ?? 16) < 16)
        io.out(
          tr(io, 'backup.check.anchorShort', {
            fingerprint: anchor.fingerprint,
            digits: anchor.digits ?? 0,
          }),
        );
    }
    if (results) {
      if (results.ok) io.out(tr(io, 'cli.check.resultsOk', { rounds: results.rounds }));
      for (const p of results.problems) {
        const q = p.quorum;
        const fig = (x: { actual: number; required: number; met: boolean }) =>
          tr(io, x.met ? 'cli.check.quorumMet' : 'cli.check.quorumNotMet', {
            actual: x.actual,
            required: x.required,
          });
        io.err(
          q
            ? tr(io, 'cli.check.quorumBroken', {
                round: p.roundId,
                title: q.title,
                frozen: fig(q.frozen),
                recomputed: fig(q.recomputed),
              })
            : p.inputs || p.holders
              ? tr(io, p.inputs ? 'cli.check.frozenInputBroken' : 'cli.check.holdersBroken', {
                  round: p.roundId,
                  what: said(p),
                })
              : tr(io, 'cli.check.resultsBroken', { round: p.roundId }),
        );
      }
    }
    if (minutes) reportMinutes(io, minutes);
    if (venues) reportVenues(io, venues);
    if (r.clock) reportClock(io, r.clock);
    // Warnings: venue dates (adv29), check-in days (fac30), unclosed ballot desks (adv30b F4).
    for (const l of [...dayWarningLines(r), ...unclosedDeskLines(venues?.unclosed)])
      io.out(tr(io, l.key, l.params));
    if (exported && exportFile !== undefined) reportExport(io, exportFile, exported);
    return exitCode(r);
  },
};

/** 0 intact, 1 a finding, 3 nothing found but this computer could not check the Acta's pages. */
const exitCode = (r: WorkshopCheck): number => (r.ok ? 0 : r.environment ? 3 : 1);

/** Each laptop's clock running backwards (a warning: the exit code does not change). */
function reportClock(io: CliIO, c: NonNullable<WorkshopCheck['clock']>): void {
  if (c.backwards.length) {
    io.out(tr(io, 'check.clock.heading', { count: c.backwards.length }));
    for (const s of c.backwards) {
      const m = clockStepMessage(s, c.timeZone, (k) => tr(io, k));
      io.out(`  ${tr(io, m.key, m.params)}`);
    }
    io.out(tr(io, 'check.clock.note', { tolerance: formatSpan(c.toleranceSeconds) }));
  }
  // A venue laptop's events outside its kit's window (misc28).
  if (c.outside.length) {
    io.out(tr(io, 'check.clock.windowHeading', { count: c.outside.length }));
    for (const w of c.outside) {
      const m = clockWindowMessage(w, c.timeZone, (k) => tr(io, k));
      io.out(`  ${tr(io, m.key, m.params)}`);
    }
    io.out(tr(io, 'check.clock.windowNote', { tolerance: formatSpan(c.windowToleranceSeconds) }));
  }
}

/** Each venue device's own chain and signed head, and the conflicts between devices (issue 20). */
function reportVenues(io: CliIO, v: VenueCheck): void {
  for (const d of v.devices) {
    const params = {
      venue: d.venue,
      key: d.keyFingerprint,
      events: d.events,
      head: fingerprint(d.head),
    };
    if (d.ok) {
      io.out(tr(io, 'venues.check.deviceOk', params));
      // How the head was vouched for when merged: the venue's closing slip, or nothing (why).
      if (d.proof)
        io.out(
          d.proof.kind === 'slip'
            ? tr(io, 'venues.check.proofSlip', { head: fingerprint(d.proof.head) })
            : d.proof.kind === 'none'
              ? tr(io, 'venues.check.proofNone', { note: d.proof.note || '—' })
              : tr(io, 'venues.check.proofCarried', { by: d.proof.by.slice(0, 8) }),
        );
    } else
      io.err(
        tr(
          io,
          d.what === 'chain'
            ? 'venues.check.deviceBroken'
            : d.what === 'applied'
              ? 'venues.check.deviceApplied'
              : 'venues.check.deviceUnsigned',
          {
            ...params,
            seq: d.applied?.[0]?.deviceSeq ?? d.brokenAt ?? '-',
            mainSeq: d.applied?.[0]?.mainSeq ?? '-',
            field: d.applied?.[0]?.field ?? '-',
            count: d.applied?.length ?? 0,
          },
        ),
      );
  }
  io.out(
    tr(io, 'venues.check.conflicts', { open: v.conflicts.open, settled: v.conflicts.settled }),
  );
  for (const id of v.conflicts.unrecorded) io.err(tr(io, 'venues.check.unrecorded', { id }));
  for (const id of v.conflicts.missing) io.err(tr(io, 'venues.check.missing', { id }));
  for (const id of v.conflicts.unlisted) io.err(tr(io, 'venues.check.unlisted', { id }));
  for (const id of v.conflicts.changed ?? [])
    io.err(tr(io, 'venues.check.conflictChanged', { id }));
  for (const x of v.unlinked ?? [])
    io.err(
      tr(io, x.what === 'notApplied' ? 'venues.check.notApplied' : 'venues.check.heldApplied', {
        kit: x.kitId.slice(0, 8),
        seq: x.deviceSeq,
        type: x.type,
      }),
    );
  for (const x of v.orphanApplied ?? [])
    io.err(tr(io, 'venues.check.orphanApplied', { kit: x.kitId.slice(0, 8), mainSeq: x.mainSeq }));
  for (const { joined: _, ...x } of v.ballotUnions ?? []) io.err(tr(io, 'venues.check.union', x));
  for (const x of v.kitRows ?? [])
    io.err(tr(io, `venues.check.kitRow.${x.what}`, { kit: x.kitId.slice(0, 8) }));
}

export const exportCommand: Command = {
  name: 'export',
  summaryKey: 'cli.export.summary',
  usage: 'export FILE.minka [--open-data] [--out FILE.json]',
  async run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['out'],
      flags: ['open-data'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    // Through the core's dispatch, on the file opened read-only: the app may have it open.
    const core = new Core({ dataDir: dirname(resolve(file)), host: 'cli' });
    try {
      const w = core.openReadOnly(resolve(file));
      const { text } = await core.call('workshop:export', {
        workshopId: w.id,
        openData: flags.has('open-data'),
      });
      const out = values['out'];
      if (out) {
        writeFileAtomic(resolve(out), text);
        io.err(tr(io, 'cli.export.written', { file: out }));
      } else {
        io.out(text.slice(0, -1));
      }
      return 0;
    } catch (e) {
      fail(e);
    } finally {
      core.closeAll();
    }
  },
};

/** The archived export named by `--export`, parsed; a translated failure if it cannot be read. */
function readExportFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    throw new CliFailure('export.check.unreadable', { file });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CliFailure('export.check.notJson', { file });
  }
}

function reportExport(io: Parameters<Command['run']>[1], file: string, c: ExportComparison): void {
  if (c.format === null) return io.err(tr(io, 'export.check.notExport', { file }));
  if (c.ok) return io.out(tr(io, 'export.check.ok', { file, compared: c.compared }));
  io.err(tr(io, 'export.check.differs', { file, count: c.differing, compared: c.compared }));
  for (const d of c.differences)
    io.err(
      tr(io, 'export.check.difference', {
        path: d.path,
        inFile: d.file ?? '—',
        inExport: d.export ?? '—',
      }),
    );
}
