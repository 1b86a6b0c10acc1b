import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkshopReadOnly } from '../../electron/platform/db';
import { verifyChain } from '../../electron/platform/events';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const KILLS = process.env['MINKA_STRESS'] ? 100 : 6;
const root = resolve(import.meta.dirname, '../..');

/** Run the child until it has acknowledged a few writes, then SIGKILL it at a random moment. */
function runAndKill(
  dataDir: string,
  file: string,
  killAfterMs: number,
): Promise<{ acks: { kind: string; id: string }[] }> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'test/stress/crash-child.ts'), dataDir, file],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.startsWith('READY') && !timer)
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let timer: NodeJS.Timeout | undefined;
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return fail(new Error(`child ended on its own (${code}): ${err}`));
      const acks = out
        .split('\n')
        .filter((l) => l.startsWith('ACK '))
        .map((l) => {
          const [, kind, id] = l.split(' ');
          return { kind: kind ?? '', id: id ?? '' };
        });
      ok({ acks });
    });
  });
}

describe('process crash (SIGKILL) during check-ins', () => {
  let dir: string;
  let cleanup: () => void;
  const file = 'crash.minka';
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    expect((await runCli(['demo', '--out', join(dir, file)])).code).toBe(0);
  });
  afterAll(() => cleanup());

  it(
    `loses no acknowledged write over ${KILLS} kills`,
    async () => {
      let acknowledged = 0;
      let lost = 0;
      for (let k = 0; k < KILLS; k++) {
        const { acks } = await runAndKill(dir, file, 50 + Math.floor(Math.random() * 400));
        acknowledged += acks.length;
        const db = openWorkshopReadOnly(join(dir, file));
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(verifyChain(db).ok).toBe(true);
          for (const a of acks) {
            const row = db
              .prepare('SELECT checked_out_at FROM attendance WHERE id = ?')
              .get(a.id) as { checked_out_at: string | null } | undefined;
            if (!row || (a.kind === 'out' && row.checked_out_at === null)) lost++;
          }
          // No partial transaction: every check-in row has its event, and vice versa.
          const rows = db.prepare('SELECT count(*) FROM attendance').pluck().get() as number;
          const events = db
            .prepare("SELECT count(*) FROM event WHERE type = 'attendance.checkedIn'")
            .pluck()
            .get() as number;
          expect(events).toBe(rows);
        } finally {
          db.close();
        }
      }
      console.log(
        `crash test: ${KILLS} SIGKILLs, ${acknowledged} acknowledged writes, ${lost} lost`,
      );
      expect(acknowledged).toBeGreaterThan(0);
      expect(lost).toBe(0);
    },
    KILLS * 60_000,
  );

  it('the file is still a healthy Minka workshop for the CLI', async () => {
    const r = await runCli(['check', join(dir, file), '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true });
    const db = new Database(join(dir, file), { readonly: true });
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });
});
