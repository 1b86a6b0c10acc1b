import './zod-jitless';
import { MissingResourceError } from '../platform/resources';
import { commands } from './commands/index';
import { CliFailure, type CliIO, langFromEnv, tr, UsageError } from './io';
import { sayFindings } from '../../shared/check-findings';

function help(io: CliIO): void {
  io.out(tr(io, 'cli.help.intro'));
  io.out('');
  // Usage on its line, what it does below: padded to the longest usage (~150 characters),
  // every summary was pushed off an 80-column terminal.
  for (const c of commands) io.out(`  ${c.usage}\n      ${tr(io, c.summaryKey)}`);
  io.out('');
  io.out(tr(io, 'cli.help.footer'));
}

export async function main(argv: string[], ioOverride?: Partial<CliIO>): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const io: CliIO = {
    out: (s) => process.stdout.write(s + '\n'),
    err: (s) => process.stderr.write(s + '\n'),
    lang: langFromEnv(process.env),
    debug,
    ...ioOverride,
  };
  // `minka followup … | head`: a reader that stops early is not an error (every write was
  // committed before anything was printed).
  if (!ioOverride?.out)
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(tr(io, 'cli.error.unknownCommand', { name }));
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(`minka ${entry.usage}`);
    io.out(tr(io, entry.summaryKey));
    return 0;
  }
  try {
    const cmd = await entry.load();
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(tr(io, e.key, e.params));
      io.err(`${tr(io, 'cli.usage')}: minka ${entry.usage}`);
      return 2;
    }
    if (e instanceof MissingResourceError) {
      // Exit 3: this install cannot do the work; not a verdict about any file.
      io.err(
        tr(io, 'cli.error.missingResource', { file: e.file, searched: e.searched.join(', ') }),
      );
      return 3;
    }
    if (e instanceof CliFailure) {
      io.err(
        tr(
          io,
          e.key,
          sayFindings(e.params, (k, p) => tr(io, k, p)),
        ),
      );
      return e.exitCode;
    }
    io.err(tr(io, 'cli.error.unexpected', { message: e instanceof Error ? e.message : String(e) }));
    if (debug && e instanceof Error && e.stack) io.err(e.stack);
    return 1;
  }
}
