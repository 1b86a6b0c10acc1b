// Seals the demo at a fixed clock with the key in DATA and prints the PDF's SHA-256: run by
// test/unit/seal-v8-tiering.test.ts under V8's default flags and under the CLI's
// (bin/v8-tiering.cjs), zod with and without `jitless`, to show the Acta's bytes do not move.
// Usage: node [V8 flags] --import tsx seal-fixed-child.ts DIR DATA NAME jit|jitless
import { createHash } from 'node:crypto';
import { z } from 'zod';

const [dir, dataDir, name, zodMode] = process.argv.slice(2);
if (!dir || !dataDir || !name) throw new Error('usage: DIR DATA NAME jit|jitless');
// zod reads the setting when a schema is made: before anything that makes one is imported.
z.config({ jitless: zodMode === 'jitless' });
const { demoDb, seal } = await import('../helpers/minutes-fixture');
const db = demoDb(dir, name);
const pdf = await seal(db, dataDir);
db.close();
process.stdout.write(createHash('sha256').update(pdf).digest('hex'));
