// `minka verify minutes.pdf --plan PLAN.csv|.xlsx [--json]`: after the minutes' signature
// holds, compare the municipality's final plan with what the workshop agreed.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { formatSoles } from '../../../shared/format';
import { t } from '../../../shared/i18n';
import type { VerifyResult } from '../../../shared/minutes/verify-result';
import type { MatchedEntry, PlanRef, RejectedFundedEntry } from '../../../shared/plan/reconcile';
import { MinkaError } from '../../platform/classify-error';
import { demoPlanFor } from '../../demo/plan';
import { demoEarlierYear, EARLIER_PLAN_FILE } from '../../demo/earlier';
import { writeFileAtomic } from '../../platform/atomic';
import type { Db } from '../../platform/db';
import { getSetup } from '../../workshop/workshop';
import type { PlanCheck } from '../../plan/service';
import { Core } from '../../core/core';
import { MAX_XLSX_BYTES } from '../../plan/xlsx';
import { CliFailure, type CliIO, tr } from '../io';

function readPlan(path: string): Buffer {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CliFailure('error.fileNotFound', { file: path });
  }
  if (size > MAX_XLSX_BYTES)
    throw new CliFailure('plan.file.tooLarge', { mb: MAX_XLSX_BYTES / 1048576 });
  const buf = Buffer.alloc(size);
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < size) {
      const r = readSync(fd, buf, off, size - off, off);
      if (r === 0) break;
      off += r;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

const planRef = (p: PlanRef) => ({
  line: p.line,
  lines: p.lines,
  cui: p.cui,
  code: p.code,
  name: p.name,
  amountCents: p.amountCents,
  pimCents: p.pimCents,
  devengadoCents: p.devengadoCents,
});

/** The JSON document of `--plan --json`: one object, lists named as the issue asks. */
export function planJson(io: CliIO, file: string, planFile: string, v: VerifyResult, c: PlanCheck) {
  const r = c.report;
  const matched = (m: MatchedEntry) => ({
    code: m.code,
    cui: m.cui,
    title: m.title,
    rank: m.rank,
    agreedCents: m.agreedCents,
    planCents: m.planCents,
    differenceCents: m.differenceCents,
    differencePercent: m.differencePercent,
    municipalShare: m.municipalShare,
    matchedBy: m.by,
    confidence: m.confidence,
    confirmed: m.confirmed,
    planLine: planRef(m.plan),
  });
  const rej = (x: RejectedFundedEntry) => ({
    code: x.code,
    cui: x.cui,
    title: x.title,
    proposedCents: x.proposedCents,
    reason: x.reason,
    explanation: x.explanation,
    matchedBy: x.by,
    confidence: x.confidence,
    confirmed: x.confirmed,
    planLine: planRef(x.plan),
  });
  const issue = (i: PlanCheck['errors'][number]) => ({
    line: i.line,
    field: i.field,
    key: i.key,
    message: t(io.lang, i.key, i.params),
  });
  return {
    format: 'minka-plan-check',
    version: 1,
    file,
    planFile,
    verify: {
      ok: v.ok,
      verdict: v.verdict,
      fingerprint: v.fingerprint,
      keyFingerprint: v.keyFingerprint,
    },
    minutes: c.minutes,
    plan: {
      sha256: c.plan.sha256,
      fingerprint: c.plan.fingerprint,
      source: c.plan.source,
      encoding: c.plan.encoding,
      sheet: c.plan.sheet,
      header: c.plan.header,
      headerLine: c.plan.headerLine,
      mapping: c.plan.mapping,
    },
    complete: c.errors.length === 0,
    errors: c.errors.map(issue),
    warnings: c.warnings.map(issue),
    matched: r.matched.map(matched),
    amountChanged: r.amountChanged.map(matched),
    missingFromPlan: r.missingFromPlan.map((m) => ({
      code: m.code,
      cui: m.cui,
      title: m.title,
      rank: m.rank,
      agreedCents: m.agreedCents,
    })),
    notInMinutes: r.notInMinutes.map(planRef),
    rejectedButFunded: r.rejectedButFunded.map(rej),
    totals: r.totals,
  };
}

function how(
  io: CliIO,
  m: { by: string; confidence: number | null; confirmed: boolean; plan: PlanRef },
): string {
  const lines = m.plan.lines.join(', ');
  if (m.by === 'name') return tr(io, 'plan.cli.byName', { lines, confidence: m.confidence ?? 0 });
  return tr(io, m.by === 'cui' ? 'plan.cli.byCui' : 'plan.cli.byCode', { lines });
}

function execution(io: CliIO, p: PlanRef): string {
  const parts: string[] = [];
  if (p.pimCents !== null) parts.push(tr(io, 'plan.cli.pim', { amount: formatSoles(p.pimCents) }));
  if (p.devengadoCents !== null)
    parts.push(tr(io, 'plan.cli.devengado', { amount: formatSoles(p.devengadoCents) }));
  return parts.length ? `; ${parts.join('; ')}` : '';
}

function printHuman(io: CliIO, planFile: string, c: PlanCheck): void {
  const r = c.report;
  io.out('');
  io.out(tr(io, 'plan.cli.header', { file: planFile, fingerprint: c.plan.fingerprint }));
  io.out(
    tr(io, 'plan.cli.minutes', {
      municipality: c.minutes.municipality,
      year: c.minutes.fiscalYear,
      fingerprint: c.minutes.fingerprint,
    }),
  );
  for (const e of c.errors) io.err(`  ✗ ${tr(io, e.key, e.params)}`);
  for (const w of c.warnings) io.out(`  · ${tr(io, w.key, w.params)}`);
  const section = (key: string, n: number) => io.out(`\n${tr(io, key, { count: n })}`);
  section('plan.cli.matched', r.matched.length);
  for (const m of r.matched)
    io.out(
      `  ✓ ${m.code} ${m.title} — ${formatSoles(m.planCents)}${m.municipalShare ? ` ${tr(io, 'plan.cli.municipalShare')}` : ''} (${how(io, m)})${execution(io, m.plan)}`,
    );
  section('plan.cli.amountChanged', r.amountChanged.length);
  for (const m of r.amountChanged)
    io.out(
      `  ≠ ${m.code} ${m.title} — ${tr(io, 'plan.cli.changed', { agreed: formatSoles(m.agreedCents), plan: formatSoles(m.planCents), difference: `${m.differenceCents > 0 ? '+' : ''}${formatSoles(m.differenceCents)}`, percent: m.differencePercent ?? '—' })} (${how(io, m)})${execution(io, m.plan)}`,
    );
  section('plan.cli.missingFromPlan', r.missingFromPlan.length);
  for (const m of r.missingFromPlan)
    io.out(`  ✗ ${m.code} ${m.title} — ${formatSoles(m.agreedCents)}`);
  section('plan.cli.notInMinutes', r.notInMinutes.length);
  for (const l of r.notInMinutes)
    io.out(
      `  ? ${tr(io, 'plan.cli.line', { lines: l.lines.join(', ') })} ${l.cui ? `CUI ${l.cui} ` : ''}${l.name} — ${formatSoles(l.amountCents)}`,
    );
  section('plan.cli.rejectedButFunded', r.rejectedButFunded.length);
  for (const x of r.rejectedButFunded)
    io.out(
      `  ! ${x.code} ${x.title} — ${tr(io, 'plan.cli.rejectedLine', { amount: formatSoles(x.plan.amountCents), reason: tr(io, `proposals.reason.${x.reason}`), explanation: x.explanation })} (${how(io, x)})`,
    );
  io.out('');
  io.out(
    tr(io, 'plan.cli.totals', {
      agreed: formatSoles(r.totals.agreedCents),
      plan: formatSoles(r.totals.planCents),
      inAgreed: formatSoles(r.totals.agreedInPlanCents),
      notAgreed: formatSoles(r.totals.notInMinutesCents + r.totals.rejectedButFundedCents),
    }),
  );
  const pending = [...r.matched, ...r.amountChanged, ...r.rejectedButFunded].filter(
    (m) => m.by === 'name' && !m.confirmed,
  ).length;
  if (pending > 0) io.out(tr(io, 'plan.cli.pending', { count: pending }));
}

/**
 * The `--plan` step of `minka verify`: refuses unless the minutes are authentic, then prints
 * the comparison. Exit 0 when the minutes are authentic and every plan line was read, 1 otherwise.
 */
export async function verifyWithPlan(
  io: CliIO,
  file: string,
  planFile: string,
  v: VerifyResult,
  json: boolean,
  dataDir: string,
): Promise<number> {
  if (!v.ok || v.kind !== 'minutes') {
    if (json)
      io.out(
        JSON.stringify({
          format: 'minka-plan-check',
          version: 1,
          file,
          planFile,
          verify: v,
          error: tr(
            io,
            v.kind === 'addendum' ? 'plan.error.addendum' : 'plan.error.minutesNotAuthentic',
            { verdict: v.verdict },
          ),
        }),
      );
    else
      io.err(
        tr(io, v.kind === 'addendum' ? 'plan.error.addendum' : 'plan.error.minutesNotAuthentic', {
          verdict: v.verdict,
        }),
      );
    return 1;
  }
  let c: PlanCheck;
  // Through the core's dispatch (plan:check), as the app compares: it verifies the minutes
  // again from their bytes (authentic, as just shown) before reading the plan.
  const core = new Core({ dataDir, host: 'cli', createDataDir: false });
  try {
    const answer = await core.call('plan:check', {
      minutes: { base64: readFileSync(resolve(file)).toString('base64'), fileName: 'acta.pdf' },
      plan: { fileName: 'plan', base64: readPlan(resolve(planFile)).toString('base64') },
      sheet: null,
      mapping: null,
      decisions: [],
    });
    // The channel names the files for the screen; the CLI's report never printed those names.
    const { fileName: _minutesFile, ...minutes } = answer.minutes;
    const { fileName: _planFile, ...plan } = answer.plan;
    c = { ...answer, minutes, plan };
  } catch (e) {
    if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
    throw e;
  } finally {
    core.closeAll();
  }
  if (json) io.out(JSON.stringify(planJson(io, file, planFile, v, c)));
  else printHuman(io, planFile, c);
  return c.errors.length === 0 ? 0 : 1;
}

/** `minka demo` writes the demo's final plan next to the workshop: plan-final-YEAR.csv. */
export function writeDemoPlan(db: Db, workshopPath: string, io: CliIO, now: Date): void {
  const { csv } = demoPlanFor(db, now.toISOString());
  const year = getSetup(db).fiscalYear;
  const out = join(dirname(workshopPath), `plan-final-${year}.csv`);
  writeFileAtomic(out, Buffer.from(csv, 'utf8'));
  io.out(tr(io, 'plan.cli.demoWritten', { file: out }));
  // The earlier year's plan, already in the demo's follow-up register: to try `minka followup --plan`.
  const earlier = join(dirname(workshopPath), EARLIER_PLAN_FILE);
  writeFileAtomic(earlier, Buffer.from(demoEarlierYear().planCsv, 'utf8'));
  io.out(tr(io, 'plan.cli.demoWritten', { file: earlier }));
}
