#!/usr/bin/env node
// The `minka` command. Runs the CLI compiled to plain JavaScript in dist-node/ (made by
// `npm install`, `npm run build:node`, and before `npm test` / `npm run web`), so nothing is
// transpiled at start-up. In a development tree without that build it falls back to the
// TypeScript sources through tsx (a dev dependency), which is slower to start. With the
// CommonJS build beside it (dist-node/cli.cjs), that one, with V8's code cache, and V8's
// tiering set for a short process (bin/v8-tiering.cjs) (issue 18).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist-node/cli.mjs', import.meta.url);
// The same CLI as CommonJS, compiled with V8's code cache kept in dist-node/code-cache/
// (bin/code-cache.cjs): a fresh process skips most of the parsing and compiling.
const cjs = new URL('../dist-node/cli.cjs', import.meta.url);
let main;
const require = createRequire(import.meta.url);
// Before any of the CLI's code is compiled (bin/v8-tiering.cjs). V8 refuses a code cache made
// under other flags, so each setting keeps its own.
const tiering = require('./v8-tiering.cjs').tuneV8Tiering();
if (existsSync(cjs) && process.env.MINKA_CODE_CACHE !== '0') {
  const { requireWithCodeCache } = require('./code-cache.cjs');
  ({ main } = requireWithCodeCache(
    fileURLToPath(cjs),
    fileURLToPath(new URL(`../dist-node/code-cache/${tiering}/`, import.meta.url)),
  ));
} else if (existsSync(built)) {
  ({ main } = await import(built.href));
} else {
  try {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('../electron/cli/main.ts'));
  } catch {
    process.stderr.write(
      'Minka is not built: run `npm run build:node` (or `npm install`) in ' +
        new URL('..', import.meta.url).pathname +
        '\n',
    );
    process.exit(3);
  }
}
process.exitCode = await main(process.argv.slice(2));
