// minka seal / minka verify: the signed minutes from the command line. `verify` is what an
// official or the oversight committee runs on a PDF someone handed them.
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatLongDate, formatSoles } from '../../../shared/format';
import { isLang, t } from '../../../shared/i18n';
import type { VerifyResult } from '../../../shared/minutes/verify-result';
import { fingerprint } from '../../../shared/fingerprint';
import { Core } from '../../core/core';
import { MinkaError } from '../../core/errors';
import { writeFileAtomic } from '../../files/atomic';
import { MAX_PDF_BYTES } from '../../minutes/pdf-read';
import { sealWorkshop } from '../../minutes/seal';
import { verifyMinutesPdf } from '../../minutes/verify';
import { getSealed } from '../../store/minutes';
import { defaultDataDir } from '../../paths';
import { CliFailure, type CliIO, type Command, parseArgs, tr, UsageError } from '../io';
import { verifyWithPlan } from './plan';

function fail(e: unknown): never {
  if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
  throw e;
}

export const sealCommand: Command = {
  name: 'seal',
  summaryKey: 'minutes.cli.seal.summary',
  usage:
    'seal FILE.minka --out minutes.pdf [--lang es|quz|en] [--no-bilingual] [--slips] [--data DIR]',
  async run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['out', 'lang', 'data'],
      flags: ['no-bilingual', 'slips'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const out = values['out'];
    if (!out) throw new UsageError('cli.error.missingValue', { flag: '--out' });
    const lang = values['lang'] ?? io.lang;
    if (!isLang(lang)) throw new UsageError('minutes.cli.badLang', { lang });
    // The key lives in the app's data folder, as for the desktop app (or --data / $MINKA_DATA).
    const dataDir = values['data'] ? resolve(values['data']) : defaultDataDir();
    const core = new Core({ dataDir, host: 'cli' });
    try {
      const w = core.openPath(resolve(file));
      const already = getSealed(w.db);
      if (already) {
        writeFileAtomic(resolve(out), already.pdf);
        io.out(
          tr(io, 'minutes.cli.alreadySealed', {
            date: formatLongDate(already.sealedAt.slice(0, 10), io.lang),
            file: out,
            fingerprint: fingerprint(already.payloadSha256),
          }),
        );
        return 0;
      }
      const passphrase = process.env['MINKA_KEY_PASSPHRASE'] || null;
      const { info, pdf } = await sealWorkshop(w.db, dataDir, core.env.now(), {
        lang,
        bilingual: !flags.has('no-bilingual') && lang !== 'en',
        slips: flags.has('slips'),
        passphrase,
      });
      writeFileAtomic(resolve(out), pdf);
      io.out(
        tr(io, 'minutes.cli.sealed', {
          file: out,
          fingerprint: info.fingerprint,
          key: info.keyFingerprint,
        }),
      );
      return 0;
    } catch (e) {
      fail(e);
    } finally {
      core.closeAll();
    }
  },
};

/** Read at most MAX_PDF_BYTES + 1 bytes: a larger file is refused without loading it. */
function readLimited(path: string): Buffer {
  const size = statSync(path).size;
  const n = Math.min(size, MAX_PDF_BYTES + 1);
  const buf = Buffer.alloc(n);
  const fd = openSync(path, 'r');
  try {
    let off = 0;
    while (off < n) {
      const r = readSync(fd, buf, off, n - off, off);
      if (r === 0) break;
      off += r;
    }
    return buf.subarray(0, off);
  } finally {
    closeSync(fd);
  }
}

/** Verify a PDF file: the hook for `--plan` (issue 7) takes this result's payload. */
export async function runVerify(file: string): Promise<VerifyResult> {
  let bytes: Buffer;
  try {
    bytes = readLimited(resolve(file));
  } catch {
    throw new CliFailure('error.fileNotFound', { file });
  }
  return verifyMinutesPdf(bytes);
}

function summary(io: CliIO, r: VerifyResult): string | null {
  const p = r.payload;
  if (!p) return null;
  if (p.format === 'minka-minutes') {
    const funded = p.prioritized?.items.filter((x) => x.funded) ?? [];
    return tr(io, 'minutes.cli.summary', {
      municipality: p.workshop.municipality,
      year: p.workshop.fiscalYear,
      date: formatLongDate(p.sealedAt.slice(0, 10), io.lang),
      funded: funded.length,
      amount: formatSoles(p.prioritized?.fundedTotalCents ?? 0),
    });
  }
  return tr(io, 'minutes.cli.addendumSummary', { n: p.n, original: p.originalFingerprint });
}

export const verifyCommand: Command = {
  name: 'verify',
  summaryKey: 'minutes.cli.verify.summary',
  usage: 'verify FILE.pdf [--plan PLAN.csv|PLAN.xlsx] [--json]',
  async run(args, io) {
    const { positionals, flags, values } = parseArgs(args, { flags: ['json'], values: ['plan'] });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const r = await runVerify(file);
    // Issue 7: with --plan, the plan comparison (after the signature check) is the output.
    const plan = values['plan'];
    if (plan !== undefined && flags.has('json')) return verifyWithPlan(io, file, plan, r, true);
    if (flags.has('json')) {
      io.out(
        JSON.stringify({
          ...r,
          file,
          checks: r.checks.map((c) => ({ ...c, message: t(io.lang, c.key, c.params) })),
        }),
      );
      return r.ok ? 0 : 1;
    }
    const write = (s: string) => (r.ok ? io.out(s) : io.err(s));
    write(tr(io, 'minutes.cli.verdict', { file, verdict: tr(io, `minutes.verdict.${r.verdict}`) }));
    write(tr(io, `minutes.verdictLead.${r.verdict}`));
    if (r.fingerprint)
      io.out(
        tr(io, 'minutes.cli.fingerprints', {
          fingerprint: r.fingerprint,
          key: r.keyFingerprint ?? '—',
        }),
      );
    for (const c of r.checks) write(`  ${c.ok ? '✓' : '✗'} ${tr(io, c.key, c.params)}`);
    const s = r.ok ? summary(io, r) : null;
    if (s) io.out(s);
    if (plan !== undefined) return verifyWithPlan(io, file, plan, r, false);
    return r.ok ? 0 : 1;
  },
};
