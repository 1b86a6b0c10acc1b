// Child process of the .pb memory bench: reports its peak RSS after doing one thing.
//   idle FILE   load the same modules, read nothing (the baseline)
//   stream FILE what `minka tally` does to read a file: streamed, votes as flat arrays
//   tally FILE  stream, then compile the profile and run greedy (the whole command's peak)
//   whole FILE  the whole-text parser keeping one object per vote (the workshop's import)
import { readFileSync } from 'node:fs';
import { readPbFile } from '../../electron/cli/commands/tally';
import { parsePb } from '../../shared/pabulib';
import { tally } from '../../shared/tally';

const [mode, file = ''] = process.argv.slice(2);
const io = { out: () => {}, err: () => {}, lang: 'en' as const, debug: false };
let votes = 0;
if (mode === 'stream' || mode === 'tally') {
  const r = readPbFile(file, io);
  votes = r.header.voteCount;
  if (mode === 'tally') tally(r.ballots.compile(r.header), { rule: 'greedy' });
} else if (mode === 'whole') {
  votes = parsePb(readFileSync(file, 'utf8')).votes.length;
}
process.stdout.write(JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS, votes }));
