import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  stop(): Promise<void>;
  /** Kill the process without warning (SIGKILL), as a dead battery would. */
  kill(): Promise<void>;
  /** Call a channel directly, as the renderer does. */
  api<T>(channel: string, input: unknown): Promise<T>;
}

/** Start `npm run web`'s host as a real separate process over `dataDir`; resolves when it prints its URL. */
export async function startHost(dataDir: string): Promise<RunningHost> {
  const child: ChildProcess = spawn(
    process.execPath,
    [join(root, 'scripts/web.mjs'), '--data', dataDir],
    {
      cwd: root,
      env: { ...process.env, MINKA_LANG: 'en' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        ok(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => fail(new Error(`web host exited (${code}):\n${out}`)));
  });
  const u = new URL(url);
  const origin = u.origin;
  const token = u.searchParams.get('token') ?? '';
  const end = (signal: NodeJS.Signals) =>
    new Promise<void>((ok) => {
      if (child.exitCode !== null || child.signalCode !== null) return ok();
      child.once('exit', () => ok());
      child.kill(signal);
    });
  return {
    url,
    origin,
    token,
    dataDir,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
    api: async <T>(channel: string, input: unknown): Promise<T> => {
      const res = await fetch(`${origin}/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-minka-token': token },
        body: JSON.stringify(input),
      });
      const r = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
      if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
      return r.value as T;
    },
  };
}

export function freshDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'minka-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
