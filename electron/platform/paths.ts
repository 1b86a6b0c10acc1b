import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where workshops live when no folder is given: $MINKA_DATA, else the platform's data
 * folder (Linux: $XDG_DATA_HOME/minka or ~/.local/share/minka; Windows: %APPDATA%\Minka;
 * macOS: ~/Library/Application Support/Minka).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['MINKA_DATA']) return env['MINKA_DATA'];
  if (process.platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Minka');
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Minka');
  return join(env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'minka');
}
