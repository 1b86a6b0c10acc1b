// Child process: feed one corpus file to its front door, the way the app does, and print
// one JSON line: refused or handled, the message a person would see, time and peak memory.
import { readFileSync, statSync } from 'node:fs';
import { main } from '../../electron/cli/main';
import { commands } from '../../electron/cli/commands';
import { CsvError, DEFAULT_LIMITS, isCsvError } from '../../shared/csv/errors';
import { decodeText } from '../../shared/csv/decode';
import { parseCsv } from '../../shared/csv/parse';
import { guessMapping, previewRegistryImport } from '../../shared/csv/registry-import';
import { t } from '../../shared/i18n';

const [door = '', file = ''] = process.argv.slice(2);
if (!door || !file) process.exit(2);
const t0 = performance.now();

async function run(): Promise<{
  outcome: 'refused' | 'handled' | 'skipped';
  message: string;
  key?: string;
}> {
  if (door === 'csv') {
    try {
      // As the import panel: the size first, then decode, parse, guess the columns, preview.
      const size = statSync(file).size;
      if (size > DEFAULT_LIMITS.maxChars)
        throw new CsvError('csv.tooLarge', 0, { size, max: DEFAULT_LIMITS.maxChars });
      const decoded = decodeText(readFileSync(file));
      const parsed = parseCsv(decoded.text);
      const preview = previewRegistryImport(parsed, guessMapping(parsed.header), {
        dnis: new Set(),
        organizationNames: new Map(),
      });
      return {
        outcome: 'handled',
        message: `${decoded.encoding}, ${parsed.rows.length} rows, ${preview.participants.length} people, ${preview.errors.length} line errors`,
      };
    } catch (e) {
      if (isCsvError(e))
        return { outcome: 'refused', key: e.code, message: t('en', e.code, e.params) };
      throw e;
    }
  }
  const args =
    door === 'pb' ? ['tally', file, '--rule', 'greedy', '--json'] : ['verify', file, '--json'];
  if (!commands.some((c) => c.name === args[0]))
    return { outcome: 'skipped', message: `no \`minka ${args[0]}\` command yet` };
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (s) => (out += s + '\n'),
    err: (s) => (err += s + '\n'),
    lang: 'en',
  });
  if (code === 0) return { outcome: 'handled', message: out.slice(0, 200) };
  // `verify --json` answers on stdout; other refusals on stderr.
  const message = (err || out).trim().slice(0, 300);
  return { outcome: 'refused', message };
}

run().then(
  (r) => {
    process.stdout.write(
      JSON.stringify({
        ...r,
        ms: Math.round(performance.now() - t0),
        maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      }) + '\n',
    );
    process.exit(0);
  },
  (e: unknown) => {
    // An uncaught exception is a failure of the test: the person would see a crash.
    process.stdout.write(
      JSON.stringify({
        outcome: 'crash',
        message: e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e),
        ms: Math.round(performance.now() - t0),
        maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      }) + '\n',
    );
    process.exit(0);
  },
);
