import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from '../core/core';
import { MinkaError } from './errors';
import { createWorkshopDb, inspectWorkshopFile, openWorkshopDb, WAL_BACKSTOP_PAGES } from './db';
import { appendEvent, verifyChain } from './events';
import { migrate, migrations, SCHEMA_VERSION } from './migrations';

const sha = (f: string) => createHash('sha256').update(readFileSync(f)).digest('hex');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof MinkaError ? e.code : `raw:${String(e)}`;
  }
  return undefined;
}

describe('workshop store', () => {
  let dir: string;
  let cleanup: () => void;
  let core: Core;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    core = testCore(dir);
  });
  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  async function created(): Promise<{ id: string; path: string }> {
    const s = await core.call('workshop:create', {
      title: 'Taller',
      municipality: 'Qollqepata',
      fiscalYear: 2027,
    });
    return { id: s.workshopId, path: join(dir, s.file) };
  }

  it('opens with WAL, synchronous=FULL, foreign keys and a busy timeout', async () => {
    const { id } = await created();
    const db = core.get(id).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    // SQLite's own checkpoint is a backstop; the core checkpoints when quiet (checkpoint.ts).
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_BACKSTOP_PAGES);
  });

  it('keeps setup across close and reopen, logged in the chain', async () => {
    const { id, path } = await created();
    const state = await core.call('workshop:get', { workshopId: id });
    const setup = {
      ...state.setup,
      envelopeCents: 123456,
      venues: [{ name: 'Sede central', place: 'Auditorio', date: '2026-05-14' }],
    };
    await core.call('workshop:saveSetup', { workshopId: id, setup });
    core.closeAll();
    const again = testCore(dir);
    const reopened = await again.call('workshop:open', { file: path.split('/').pop() as string });
    expect(reopened.setup.envelopeCents).toBe(123456);
    expect(reopened.setup.venues.map((v) => v.name)).toEqual(['Sede central']);
    expect(reopened.chain.length).toBe(2);
    expect(reopened.chain.fingerprint).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    again.closeAll();
  });

  it('refuses a file written by a newer version, without touching it', async () => {
    const { id, path } = await created();
    core.close(id);
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha(path);
    expect(codeOf(() => openWorkshopDb(path))).toBe('NEWER_VERSION');
    expect(sha(path)).toBe(before);
  });

  it('refuses files that are not Minka workshops, without touching them', () => {
    const text = join(dir, 'notes.minka');
    writeFileSync(text, 'Lista de asistentes\n'.repeat(20));
    const other = join(dir, 'other.minka');
    const o = new Database(other);
    o.exec('CREATE TABLE t (x)');
    o.close();
    const empty = join(dir, 'empty.minka');
    writeFileSync(empty, '');
    for (const f of [text, other, empty]) {
      const before = sha(f);
      expect(
        codeOf(() => openWorkshopDb(f)),
        f,
      ).toBe('NOT_MINKA_FILE');
      expect(sha(f)).toBe(before);
    }
    expect(codeOf(() => openWorkshopDb(join(dir, 'missing.minka')))).toBe('NOT_FOUND');
  });

  it('refuses a corrupt workshop file, without touching it', async () => {
    const { id, path } = await created();
    core.close(id);
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.close();
    const bytes = readFileSync(path);
    // Scribble over the second page (the first table's b-tree), keeping the header intact.
    bytes.fill(0xa5, 4096 + 8, 4096 + 600);
    writeFileSync(path, bytes);
    const before = sha(path);
    expect(codeOf(() => inspectWorkshopFile(path))).toBe('CORRUPT_FILE');
    expect(sha(path)).toBe(before);
  });

  it('the event log refuses UPDATE and DELETE; the verifier finds tampering', async () => {
    const { id } = await created();
    const db = core.get(id).db;
    expect(() => db.prepare("UPDATE event SET type = 'x' WHERE seq = 1").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM event').run()).toThrow(/append-only/);
    db.transaction(() => {
      for (let i = 0; i < 5; i++)
        appendEvent(db, new Date('2026-05-14T12:00:00Z'), {
          type: 'convocation.invitationRemoved',
          payload: { id: `i${i}` },
        });
    })();
    expect(verifyChain(db)).toMatchObject({ ok: true, length: 6 });
    // Someone with raw access drops the trigger and edits a payload.
    db.exec('DROP TRIGGER event_no_update');
    db.prepare('UPDATE event SET payload = ? WHERE seq = 4').run('{"id":"i99"}');
    expect(verifyChain(db)).toMatchObject({ ok: false, brokenAt: 4, reason: 'hash' });
  });

  it('the verifier hashes each body as canonical JSON whatever its strings; a payload not in canonical form is named', async () => {
    const { id } = await created();
    const db = core.get(id).db;
    // Actors and ids with quotes, backslashes, control characters and astral characters: the
    // body is written around the stored payload (issue 18), so its escaping must be
    // canonicalize()'s own. (A lone surrogate is not here: SQLite stores it as U+FFFD.)
    const odd = ['"q"', 'a\\b', 'tab\t', '\u2028', '😀 Ñuñoa', 'Ccori ʼ'];
    db.transaction(() => {
      for (const [i, s] of odd.entries())
        appendEvent(db, new Date(Date.UTC(2026, 4, 14, 12, 0, i)), {
          type: 'convocation.invitationRemoved',
          payload: { id: s },
          actor: s,
        });
    })();
    expect(verifyChain(db)).toMatchObject({ ok: true, length: odd.length + 1 });
    // The same payload with its keys in another order or with a space is not what was hashed.
    db.exec('DROP TRIGGER event_no_update');
    const row = db.prepare('SELECT payload FROM event WHERE seq = 3').get() as { payload: string };
    db.prepare('UPDATE event SET payload = ? WHERE seq = 3').run(row.payload.replace(':', ': '));
    expect(verifyChain(db)).toMatchObject({ ok: false, brokenAt: 3, reason: 'payload' });
  });

  it('a second program cannot open a workshop that is open', async () => {
    const { path } = await created();
    const other = testCore(dir);
    await expect(
      other.call('workshop:open', { file: path.split('/').pop() as string }),
    ).rejects.toMatchObject({ code: 'LOCKED' });
    other.closeAll();
  });

  it('refuses to create over an existing file', () => {
    const path = join(dir, 'x.minka');
    writeFileSync(path, 'keep me');
    expect(codeOf(() => createWorkshopDb(path, () => undefined))).toBe('ALREADY_EXISTS');
    expect(readFileSync(path, 'utf8')).toBe('keep me');
  });
});

describe('migrations', () => {
  it.each(migrations.map((m) => [m.version, m.why]))(
    'migration %i applies on the previous schema (%s)',
    (version) => {
      const db = new Database(':memory:');
      migrate(db, version - 1);
      expect(db.pragma('user_version', { simple: true })).toBe(version - 1);
      expect(migrate(db, version)).toEqual([version]);
      expect(db.pragma('user_version', { simple: true })).toBe(version);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    },
  );

  it('a failing migration leaves the file at the previous version', () => {
    const db = new Database(':memory:');
    migrations.push({
      version: SCHEMA_VERSION + 1,
      why: 'test',
      up: (d) => {
        d.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    });
    try {
      expect(() => migrate(db, SCHEMA_VERSION + 1)).toThrow('boom');
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(
        db
          .prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('half', 'event')")
          .pluck()
          .get(),
      ).toBe(0);
    } finally {
      migrations.pop();
      db.close();
    }
  });
});
