// `npm run web`: the web host. Serves the built renderer and the core on 127.0.0.1.
import { resolve } from 'node:path';
import { Core } from '../core/core';
import { defaultDataDir } from '../platform/paths';
import { langFromEnv, parseArgs, UsageError } from '../cli/io';
import { t } from '../../shared/i18n';
import { startWebHost } from './server';
import { MissingResourceError, rendererDir } from '../platform/resources';

async function run(): Promise<number> {
  const lang = langFromEnv(process.env);
  let args;
  try {
    args = parseArgs(process.argv.slice(2), { values: ['port', 'data', 'static'], flags: [] });
  } catch (e) {
    if (e instanceof UsageError) process.stderr.write(t(lang, e.key, e.params) + '\n');
    process.stderr.write('npm run web -- [--port N] [--data DIR]\n');
    return 2;
  }
  const port = args.values['port'] !== undefined ? Number(args.values['port']) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    process.stderr.write(t(lang, 'web.badPort', { port: args.values['port'] ?? '' }) + '\n');
    return 2;
  }
  const dataDir = resolve(args.values['data'] ?? defaultDataDir());
  let staticDir: string;
  try {
    staticDir = args.values['static'] ?? rendererDir();
  } catch (e) {
    if (!(e instanceof MissingResourceError)) throw e;
    process.stderr.write(
      t(lang, 'cli.error.missingResource', { file: e.file, searched: e.searched.join(', ') }) +
        '\n',
    );
    return 3;
  }
  const core = new Core({ dataDir, host: 'web' });
  let host;
  try {
    host = await startWebHost(core, { port, staticDir });
  } catch (e) {
    process.stderr.write(
      t(lang, 'web.cannotListen', { message: e instanceof Error ? e.message : String(e) }) + '\n',
    );
    return 1;
  }
  process.stdout.write(t(lang, 'web.dataFolder', { dir: dataDir }) + '\n');
  process.stdout.write(t(lang, 'web.ready', { url: host.url }) + '\n');
  const stop = () => {
    core.closeAll();
    setTimeout(() => process.exit(0), 2000).unref();
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.on('exit', () => core.closeAll());
  return -1;
}

void run().then((code) => {
  if (code >= 0) process.exit(code);
});
