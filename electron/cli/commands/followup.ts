// `minka followup FILE.minka [--add ACTA.pdf|EARLIER.minka] [--plan PLAN.csv --year YYYY] [--json] [--pdf OUT.pdf]`:
// the follow-up register of a workshop from the command line — add an earlier year's sealed
// minutes, record that year's final plan, and print each project's history (or the JSON the
// screen reads, or the printed "Historia de los acuerdos" with --pdf, signed with a key kept
// in the workshop file's folder).
import { resolve, basename } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import type { Output } from '../../../shared/api';
import { formatDayOf, formatSoles } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import { entryText, sourceText, STATE_MARK, STATES } from '../../../shared/followup/words';
import { Core } from '../../core/core';
import { defaultDataDir } from '../../platform/paths';
import { MinkaError } from '../../platform/classify-error';
import { writeFileAtomic } from '../../platform/atomic';
import { MAX_WORKSHOP_BYTES } from '../../followup/service';
import { CliFailure, type CliIO, type Command, parseArgs, tr, UsageError } from '../io';

type Register = Output<'followup:get'>;

function readInput(path: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliFailure('error.fileNotFound', { file: path });
  }
  if (size > MAX_WORKSHOP_BYTES)
    throw new CliFailure('followup.error.tooLarge', {
      file: basename(path),
      mb: MAX_WORKSHOP_BYTES / 1048576,
    });
  return readFileSync(path);
}

function printRegister(io: CliIO, reg: Register): void {
  const tt = (key: string, params?: Record<string, string | number>) => t(io.lang, key, params);
  io.out(
    tr(io, 'followup.cli.heading', {
      own: reg.fiscalYear,
      years: reg.minutes.map((m) => m.fiscalYear).join(', ') || '—',
    }),
  );
  for (const m of reg.minutes) {
    io.out(
      tr(io, 'followup.cli.minutes', {
        year: m.fiscalYear,
        fingerprint: m.fingerprint,
        agreed: m.agreedCount,
        unfunded: m.unfundedCount,
        rejected: m.rejectedCount,
        file: m.fileName,
      }),
    );
    for (const p of m.plans)
      io.out(
        tr(io, 'followup.cli.plan', {
          file: p.fileName,
          fingerprint: p.fingerprint,
          date: formatDayOf(p.recordedAt),
        }),
      );
    if (m.plans.length === 0) io.out(tr(io, 'followup.cli.noPlan'));
  }
  for (const b of reg.broken) io.err(tr(io, 'followup.error.broken', { file: b }));
  io.out('');
  io.out(
    STATES.filter((s) => reg.counts[s] > 0)
      .map((s) => `${STATE_MARK[s]} ${tt(`followup.state.${s}`)}: ${reg.counts[s]}`)
      .join(' · '),
  );
  for (const p of reg.projects) {
    io.out('');
    const cui = p.cui ? `CUI ${p.cui}` : tt('followup.timeline.noCui');
    const pending = p.carryable
      ? ` — ${tt('followup.projects.pending')} (${formatSoles(p.lastAgreedCents)})`
      : '';
    io.out(
      `${STATE_MARK[p.state]} ${p.title} [${cui}] · ${tt(`followup.state.${p.state}`)}${pending}`,
    );
    for (const l of p.links)
      if (l.by === 'name')
        io.out(`    ${tr(io, 'followup.cli.nameLink', { confidence: l.confidence ?? 0 })}`);
    for (const e of p.timeline) {
      io.out(`  ${e.fiscalYear}  ${entryText(e, tt)}`);
      io.out(`        ${sourceText(e, tt)}`);
    }
  }
}

export const followupCommand: Command = {
  name: 'followup',
  summaryKey: 'followup.cli.summary',
  usage: 'followup FILE.minka [--add FILE] [--plan FILE --year YYYY] [--pdf OUT.pdf] [--json]',
  async run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['add', 'plan', 'year', 'pdf', 'data'],
      flags: ['json'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    if (values['plan'] && !values['year'])
      throw new UsageError('cli.error.missingValue', { flag: '--year' });
    const path = resolve(file);
    // The signing key for --pdf is the app's, as for `minka seal` (or --data / $MINKA_DATA);
    // without --pdf no key is read and nothing is written outside the workshop's folder.
    const dataDir = values['data']
      ? resolve(values['data'])
      : values['pdf']
        ? defaultDataDir()
        : resolve(path, '..');
    const core = new Core({ dataDir, host: 'cli' });
    try {
      const workshopId = core.state(core.openPath(path)).workshopId;
      if (values['add']) {
        const add = resolve(values['add']);
        const out = await core.call('followup:importMinutes', {
          workshopId,
          file: { fileName: basename(add), base64: readInput(add).toString('base64') },
        });
        const v = out.value;
        io.err(
          tr(io, v.added ? 'followup.import.added' : 'followup.import.already', {
            year: v.fiscalYear,
            fingerprint: v.fingerprint,
          }),
        );
        if (v.alsoYears.length > 0 || v.plans > 0 || v.notes > 0)
          io.err(
            tr(io, 'followup.import.along', {
              years: v.alsoYears.join(', ') || '—',
              plans: v.plans,
              notes: v.notes,
            }),
          );
      }
      if (values['plan']) {
        const year = Number(values['year']);
        const reg = await core.call('followup:get', { workshopId });
        const m = reg.minutes.find((x) => x.fiscalYear === year);
        if (!m) throw new CliFailure('followup.cli.noYear', { year });
        const plan = resolve(values['plan']);
        const input = {
          workshopId,
          minutesId: m.id,
          plan: { fileName: basename(plan), base64: readInput(plan).toString('base64') },
          sheet: null,
          mapping: null,
          decisions: [],
        };
        const check = await core.call('followup:checkPlan', input);
        for (const e of check.errors) io.err(tr(io, e.key, e.params));
        await core.call('followup:recordPlan', input);
        const names = [
          ...check.report.matched,
          ...check.report.amountChanged,
          ...check.report.rejectedButFunded,
        ].filter((x) => x.by === 'name').length;
        io.err(tr(io, 'followup.plan.saved', { file: basename(plan), year }));
        if (names > 0) io.err(tr(io, 'followup.cli.nameMatches', { count: names }));
      }
      const reg = await core.call('followup:get', { workshopId });
      if (values['pdf']) {
        const out = resolve(values['pdf']);
        const pdf = await core.call('followup:reportPdf', {
          workshopId,
          lang: io.lang,
          passphrase: process.env['MINKA_KEY_PASSPHRASE'] || null,
        });
        writeFileAtomic(out, Buffer.from(pdf.base64, 'base64'));
        io.out(
          pdf.keyFingerprint
            ? tr(io, 'followup.report.written', { file: values['pdf'], key: pdf.keyFingerprint })
            : tr(io, 'followup.report.writtenUnsigned', { file: values['pdf'], dir: core.dataDir }),
        );
      } else if (flags.has('json')) io.out(JSON.stringify(reg));
      else printRegister(io, reg);
      return reg.broken.length === 0 ? 0 : 1;
    } catch (e) {
      if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
      throw e;
    } finally {
      core.closeAll();
    }
  },
};
