#!/usr/bin/env node
// The `minka` command. Runs the CLI compiled to plain JavaScript in dist-node/ (made by
// `npm install`, `npm run build:node`, and before `npm test` / `npm run web`), so nothing is
// transpiled at start-up. In a development tree without that build it falls back to the
// TypeScript sources through tsx (a dev dependency), which is slower to start.
import { existsSync } from 'node:fs';

const built = new URL('../dist-node/cli.mjs', import.meta.url);
let main;
if (existsSync(built)) {
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
