// minka seal / minka verify: the signed minutes from the command line. `verify` is what an
// official or the oversight committee runs on a PDF someone handed them.
import { openSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { confirmedAtSealLines } from '../../../shared/minutes/confirmed-at-seal';
import { basename, resolve } from 'node:path';
import { formatDateTime, formatDayOf, formatSoles } from '../../../shared/format';
import { isLang, t } from '../../../shared/i18n';
import type { VerifyResult } from '../../../shared/minutes/verify-result';
import { checkTone, noteKey, TONE_MARK } from '../../../shared/minutes/check-tone';
import { fingerprint } from '../../../shared/fingerprint';
import { ACTA_DEFAULT_LANG } from '../../../shared/minutes/acta-lang';
import { Core } from '../../core/core';
import { MinkaError } from '../../platform/classify-error';
import { MissingResourceError } from '../../platform/resources';
import { writeFileAtomic } from '../../platform/atomic';
import { MAX_PDF_BYTES } from '../../minutes/pdf-read';
import {
  type Expectations,
  listTrusted,
  trustKey,
  withKeyAndExpectations,
} from '../../minutes/trust';
import { verifyMinutesPdf } from '../../minutes/verify';
import { defaultDataDir } from '../../platform/paths';
import { CliFailure, type CliIO, type Command, parseArgs, tr, UsageError } from '../io';
import { verifyWithPlan } from './plan';
import { layoutLine, verdictHeadline, withWorkshopDevices } from './verify-devices';
import { keyringOf, revisionLines } from './verify-keyring';

function fail(e: unknown): never {
  // A lost font reaches the CLI through dispatch as ENVIRONMENT: still exit 3, no verdict.
  if (e instanceof MinkaError && e.code === 'ENVIRONMENT' && e.key === 'error.missingResource')
    throw new MissingResourceError(
      String(e.params['file'] ?? ''),
      String(e.params['searched'] ?? '').split(', '),
    );
  if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
  throw e;
}

export const sealCommand: Command = {
  name: 'seal',
  summaryKey: 'minutes.cli.seal.summary',
  usage:
    'seal FILE.minka --out minutes.pdf [--lang es|quz|en (default es)] [--no-bilingual] [--slips] [--facilitator NAME] [--p12 CERT.p12] [--confirm WARNING,…] [--data DIR]',
  async run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['out', 'lang', 'data', 'facilitator', 'p12', 'confirm'],
      flags: ['no-bilingual', 'slips'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const out = values['out'];
    if (!out) throw new UsageError('cli.error.missingValue', { flag: '--out' });
    const lang = values['lang'] ?? ACTA_DEFAULT_LANG;
    if (!isLang(lang)) throw new UsageError('minutes.cli.badLang', { lang });
    // The key lives in the app's data folder, as for the desktop app (or --data / $MINKA_DATA).
    const dataDir = values['data'] ? resolve(values['data']) : defaultDataDir();
    const core = new Core({ dataDir, host: 'cli' });
    try {
      // Through the core's dispatch, as the app seals: the same checks, the same events.
      const w = core.openPath(resolve(file));
      const { sealed } = await core.call('minutes:get', { workshopId: w.id });
      if (sealed) {
        const stored = await core.call('minutes:pdf', { workshopId: w.id });
        writeFileAtomic(resolve(out), Buffer.from(stored.base64, 'base64'));
        io.out(
          tr(io, 'minutes.cli.alreadySealed', {
            date: formatDayOf(sealed.sealedAt, core.state(w).setup.timeZone),
            file: out,
            fingerprint: fingerprint(sealed.payloadSha256),
          }),
        );
        return 0;
      }
      const p12 = values['p12'];
      const r = await core.call('minutes:seal', {
        workshopId: w.id,
        lang,
        bilingual: !flags.has('no-bilingual') && lang !== 'en',
        slips: flags.has('slips'),
        passphrase: process.env['MINKA_KEY_PASSPHRASE'] || null,
        facilitator: values['facilitator'] ?? '',
        // The municipality's certificate; its passphrase only from the environment, never a flag.
        ...(p12
          ? { p12: { base64: readP12(p12).toString('base64'), passphrase: p12Passphrase() } }
          : {}),
        confirm: true,
        acknowledged: (values['confirm'] ?? '').split(',').filter(Boolean),
      });
      writeFileAtomic(resolve(out), Buffer.from(r.pdf.base64, 'base64'));
      io.out(
        tr(io, 'minutes.cli.sealed', {
          file: out,
          fingerprint: r.sealed.fingerprint,
          key: r.sealed.keyFingerprint,
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

function readP12(path: string): Buffer {
  try {
    const size = statSync(resolve(path)).size;
    if (size > 1024 * 1024) throw new CliFailure('signatures.error.p12Unreadable', {});
    return readFileSync(resolve(path));
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure('error.fileNotFound', { file: path });
  }
}

function p12Passphrase(): string {
  const p = process.env['MINKA_P12_PASSPHRASE'];
  if (p === undefined) throw new CliFailure('signatures.cli.noPassphrase', {});
  return p;
}

export const cosignCommand: Command = {
  name: 'cosign',
  summaryKey: 'signatures.cli.cosign.summary',
  usage: 'cosign ACTA.pdf --p12 CERT.p12 --out SIGNED.pdf [--reason TEXT]',
  async run(args, io) {
    const { positionals, values } = parseArgs(args, { values: ['p12', 'out', 'reason'] });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const out = values['out'];
    if (!out) throw new UsageError('cli.error.missingValue', { flag: '--out' });
    const p12 = values['p12'];
    if (!p12) throw new UsageError('cli.error.missingValue', { flag: '--p12' });
    let pdf: Buffer;
    try {
      pdf = readLimited(resolve(file));
    } catch {
      throw new CliFailure('error.fileNotFound', { file });
    }
    const { cosignPdf } = await import('../../minutes/cosign');
    try {
      const r = await cosignPdf({
        pdf,
        p12: readP12(p12),
        passphrase: p12Passphrase(),
        reason: values['reason'] ?? '',
        now: new Date(),
      });
      writeFileAtomic(resolve(out), r.pdf);
      const last = r.result.signatures.at(-1);
      io.out(
        tr(io, 'signatures.cli.cosigned', {
          file: out,
          subject: last?.subject ?? '',
          count: r.result.signatures.length,
        }),
      );
      for (const line of signatureLines(io, r.result)) io.out(line);
      return 0;
    } catch (e) {
      fail(e);
    }
  },
};

/** Each standard PDF signature: who, when, whose certificate, and what could be checked. */
export function signatureLines(io: CliIO, r: VerifyResult): string[] {
  return r.signatures.map((s, i) =>
    tr(io, 'signatures.line', {
      n: i + 1,
      subject: s.subject || '—',
      organization: s.organization ? ` (${s.organization})` : '',
      date: s.signedAt ? formatDateTime(s.signedAt) : '—',
      certificate: tr(io, `signatures.certificate.${s.certificate}`),
      status: tr(io, s.valid ? `signatures.identity.${s.identity}` : 'signatures.invalid'),
    }),
  );
}

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

/**
 * Verify a PDF file through the core's dispatch (`minutes:verify`), with the keys known in
 * `dataDir`; the hook for `--plan` (issue 7) takes this result's payload. Two cases stay a
 * direct call of the pure verifier: no data folder (`keys --trust` only needs the verdict)
 * and a file over the size limit (the channel refuses it as an error, where the CLI has
 * always answered the verdict "too large" with its exit code).
 */
export async function runVerify(
  file: string,
  dataDir: string | null = null,
  expect: Expectations = {},
): Promise<VerifyResult> {
  let bytes: Buffer;
  try {
    bytes = readLimited(resolve(file));
  } catch {
    throw new CliFailure('error.fileNotFound', { file });
  }
  if (dataDir === null || bytes.length > MAX_PDF_BYTES)
    return withKeyAndExpectations(await verifyMinutesPdf(bytes), dataDir, expect);
  const core = new Core({ dataDir, host: 'cli', createDataDir: false });
  try {
    // Past 80 characters no key or fingerprint matches; the channel takes no more.
    return await core.call('minutes:verify', {
      base64: bytes.toString('base64'),
      ...(expect.key !== undefined ? { expectKey: expect.key.slice(0, 80) } : {}),
      ...(expect.fingerprint !== undefined
        ? { expectFingerprint: expect.fingerprint.slice(0, 80) }
        : {}),
    });
  } catch (e) {
    fail(e);
  } finally {
    core.closeAll();
  }
}

function summary(io: CliIO, r: VerifyResult): string | null {
  const p = r.payload;
  if (!p) return null;
  if (p.format === 'minka-minutes') {
    const funded = p.prioritized?.items.filter((x) => x.funded) ?? [];
    return tr(io, 'minutes.cli.summary', {
      municipality: p.workshop.municipality,
      year: p.workshop.fiscalYear,
      date: formatDayOf(p.sealedAt, p.render?.timeZone), // layout 1 has none: Lima's
      funded: funded.length,
      amount: formatSoles(p.prioritized?.fundedTotalCents ?? 0),
    });
  }
  return tr(io, 'minutes.cli.addendumSummary', { n: p.n, original: p.originalFingerprint });
}

export const verifyCommand: Command = {
  name: 'verify',
  summaryKey: 'minutes.cli.verify.summary',
  usage:
    'verify FILE.pdf [--key XXXX-XXXX-XXXX-XXXX] [--fingerprint XXXX-XXXX] [--data DIR] [--workshop MAIN.minka] [--plan PLAN.csv|PLAN.xlsx] [--json]',
  async run(args, io) {
    const { positionals, flags, values } = parseArgs(args, {
      flags: ['json'],
      values: ['plan', 'key', 'fingerprint', 'data', 'workshop'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    // The keys this computer knows are in the data folder (or --data / $MINKA_DATA).
    const keyring = keyringOf(values['data']);
    const dataDir = keyring.dir;
    const r = withWorkshopDevices(
      await runVerify(file, dataDir, { key: values['key'], fingerprint: values['fingerprint'] }),
      values['workshop'],
    );
    // Issue 7: with --plan, the plan comparison (after the signature check) is the output.
    const plan = values['plan'];
    if (plan !== undefined && flags.has('json'))
      return verifyWithPlan(io, file, plan, r, true, dataDir);
    if (flags.has('json')) {
      io.out(
        JSON.stringify({
          ...r,
          file,
          keyring,
          checks: r.checks.map((c) => ({ ...c, message: t(io.lang, c.key, c.params) })),
          layoutNote: layoutLine(r, (k, p) => t(io.lang, k, p)),
        }),
      );
      return r.ok ? 0 : 1;
    }
    const write = (s: string) => (r.ok ? io.out(s) : io.err(s));
    for (const line of verdictHeadline(file, r, (k, p) => tr(io, k, p))) write(line);
    const fps = { fingerprint: r.fingerprint ?? '', key: r.keyFingerprint ?? '—' };
    if (r.fingerprint) io.out(tr(io, 'minutes.cli.fingerprints', fps));
    const layout = layoutLine(r, (k, p) => tr(io, k, p));
    if (layout) io.out(layout);
    for (const c of r.checks) {
      const tone = checkTone(c, r.verdict);
      const nk = tone === 'note' ? noteKey(c) : null;
      const note = nk ? ` ${tr(io, nk)}` : '';
      write(`  ${TONE_MARK[tone]} ${tr(io, c.key, c.params)}${note}`);
    }
    for (const line of revisionLines(io, r, keyring)) write(line);
    if (r.signatures.length > 0) {
      write(tr(io, 'signatures.heading', { count: r.signatures.length }));
      for (const line of signatureLines(io, r)) write(`  ${line}`);
    }
    const s = r.ok ? summary(io, r) : null;
    if (s) io.out(s);
    // What the key holder confirmed when sealing, as the signed payload names it (stop 32).
    const kept = r.ok && r.payload?.format === 'minka-minutes' && confirmedAtSealLines(r.payload);
    if (kept) {
      io.out(
        tr(io, `minutes.confirmedAtSeal.${kept.length ? 'heading' : 'none'}`, {
          count: kept.length,
        }),
      );
      for (const l of kept) io.out(`  – ${tr(io, l.key, l.params)}`);
    }
    if (plan !== undefined) return verifyWithPlan(io, file, plan, r, false, dataDir);
    return r.ok ? 0 : 1;
  },
};

export const keysCommand: Command = {
  name: 'keys',
  summaryKey: 'minutes.cli.keys.summary',
  usage:
    'keys [--trust ACTA.pdf | --trust-fingerprint XXXX-XXXX-XXXX-XXXX] [--label NAME] [--municipality NAME] [--data DIR] [--json]',
  async run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['trust', 'trust-fingerprint', 'label', 'municipality', 'data'],
      flags: ['json'],
    });
    if (positionals.length > 0) throw new UsageError('cli.error.oneFile');
    const dataDir = values['data'] ? resolve(values['data']) : defaultDataDir();
    const now = new Date();
    const label = values['label'] ?? '';
    try {
      if (values['trust'] !== undefined) {
        // Only a key whose Acta verifies can be trusted from it.
        const r = await runVerify(values['trust'], null);
        if (!r.ok || !r.keyFingerprint || !r.payload)
          throw new CliFailure('minutes.cli.keys.notAuthentic', {
            file: values['trust'],
            verdict: tr(io, `minutes.verdict.${r.verdict}`),
          });
        const municipality =
          r.payload.format === 'minka-minutes'
            ? r.payload.workshop.municipality
            : r.payload.municipality;
        trustKey(
          dataDir,
          {
            keyFingerprint: r.keyFingerprint,
            municipality,
            label,
            firstSeen: basename(values['trust']),
          },
          now,
        );
        io.out(tr(io, 'minutes.cli.keys.trusted', { key: r.keyFingerprint, municipality }));
      } else if (values['trust-fingerprint'] !== undefined) {
        trustKey(
          dataDir,
          {
            keyFingerprint: values['trust-fingerprint'],
            municipality: values['municipality'] ?? '',
            label,
            firstSeen: 'typed',
          },
          now,
        );
        io.out(
          tr(io, 'minutes.cli.keys.trusted', {
            key: values['trust-fingerprint'],
            municipality: values['municipality'] ?? '',
          }),
        );
      }
      const list = listTrusted(dataDir);
      if (flags.has('json')) io.out(JSON.stringify({ keys: list }));
      else if (values['trust'] === undefined && values['trust-fingerprint'] === undefined) {
        if (list.length === 0) io.out(tr(io, 'minutes.cli.keys.none'));
        for (const k of list)
          io.out(
            `${k.keyFingerprint}  ${k.municipality}  ${k.label}  (${k.firstSeen}, ${formatDateTime(k.addedAt).slice(0, 10)})`,
          );
      }
      return 0;
    } catch (e) {
      fail(e);
    }
  },
};
