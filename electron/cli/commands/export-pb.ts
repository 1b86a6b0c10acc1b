// minka export-pb: a closed ballot round of a workshop as a pabulib file.
import { resolve } from 'node:path';
import { MinkaError } from '../../core/errors';
import { writeFileAtomic } from '../../files/atomic';
import { openWorkshopReadOnly } from '../../store/db';
import { roundPbText } from '../../store/voting-pb';
import { CliFailure, type Command, parseArgs, tr, UsageError } from '../io';

export const exportPbCommand: Command = {
  name: 'export-pb',
  summaryKey: 'voting.cli.summary',
  usage: 'export-pb FILE.minka --out FILE.pb [--round ID]',
  run(args, io) {
    const { positionals, values } = parseArgs(args, { values: ['out', 'round'] });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const out = values['out'];
    if (!out) throw new UsageError('cli.error.missingValue', { flag: '--out' });
    let db;
    try {
      db = openWorkshopReadOnly(resolve(file));
    } catch (e) {
      if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
      throw e;
    }
    try {
      const { text } = roundPbText(db, values['round'] ?? null);
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
      db.close();
    }
  },
};
