// Child process for the atomic-write kill test: rewrites one large file over and over with
// writeFileAtomic, alternating between generations whose content is fully determined by a
// generation number, and prints "WROTE <n>" after each write returned.
import { writeFileAtomic } from '../../electron/platform/atomic';
import { generation } from './atomic-content';

const [target, sizeArg] = process.argv.slice(2);
if (!target) process.exit(2);
const size = Number(sizeArg ?? 4_000_000);
process.stdout.write('READY\n');
for (let n = 1; ; n++) {
  writeFileAtomic(target, generation(n, size));
  process.stdout.write(`WROTE ${n}\n`);
}
