// minka export-pb: a closed ballot round of a workshop as a pabulib file.
import { dirname, resolve } from 'node:path';
import { Core } from '../../core/core';
import { MinkaError } from '../../platform/classify-error';
import { writeFileAtomic } from '../../platform/atomic';
import { CliFailure, type Command, parseArgs, tr, UsageError } from '../io';

export const exportPbCommand: Command = {
  name: 'export-pb',
  summaryKey: 'voting.cli.summary',
  usage: 'export-pb FILE.minka --out FILE.pb [--round ID]',
  async run(args, io) {
    const { positionals, values } = parseArgs(args, { values: ['out', 'round'] });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const out = values['out'];
    if (!out) throw new UsageError('cli.error.missingValue', { flag: '--out' });
    // Through the core's dispatch, on the file opened read-only: the app may have it open.
    const core = new Core({ dataDir: dirname(resolve(file)), host: 'cli' });
    try {
      const w = core.openReadOnly(resolve(file));
      const { text } = await core.call('voting:exportPb', {
        workshopId: w.id,
        roundId: values['round'] ?? null,
      });
      writeFileAtomic(resolve(out), text);
      io.err(
        tr(io, 'voting.cli.written', {
          file: out,
          votes: /\nnum_votes;(\d+)/.exec(text)?.[1] ?? '0',
        }),
      );
      return 0;
    } catch (e) {
      if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
      throw e;
    } finally {
      core.closeAll();
    }
  },
};
