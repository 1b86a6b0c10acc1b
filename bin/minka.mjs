#!/usr/bin/env node
// The `minka` command: runs the TypeScript CLI through tsx, so `npx minka` works right
// after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
