// The ES module bundle's entry (dist-node/cli.mjs): main, and main run when the bundle is the
// program. Kept out of main.ts, whose top-level await a CommonJS bundle (dist-node/cli.cjs,
// which bin/minka.mjs loads with V8's code cache, issue 18) cannot hold.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { main } from './main';

export { main };

// Run as a program too (`node dist-node/cli.mjs verify …`), not only through bin/minka.mjs:
// a script that called the bundle directly got no output and exit 0, whatever the file.
if (isEntry()) process.exitCode = await main(process.argv.slice(2));

function isEntry(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}
