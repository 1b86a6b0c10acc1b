// The union in shared/events.ts against what is really written: every type the demo's log
// holds is a member and its payload parses; every member is written somewhere (a literal in
// a store file or a type in the demo's log) unless it is documented legacy.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  EVENT_TYPES,
  LEGACY_EVENT_TYPES,
  MinkaEventSchema,
  isEventType,
  parseEvent,
} from './events';
import { ADMISSIBILITY } from './schemas/proposals';
import { demoDb } from '../test/helpers/minutes-fixture';
import { tempDir } from '../test/helpers/tmp';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * Type literals in the files that write events (the stores: every file of electron/ that names
 * appendEvent, found by that and not by folder; not their replays or tests).
 */
function literalTypes(): Set<string> {
  const out = new Set<string>();
  const dir = join(root, 'electron');
  const texts = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !/\.(test|replay)\.ts$/.test(f))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .filter((text) => text.includes('appendEvent'));
  for (const text of texts)
    for (const m of text.matchAll(/'([a-z]+\.[a-zA-Z]+)'/g)) if (m[1]) out.add(m[1]);
  // A review is written as `proposals.${decision}`: one type per admissibility decision.
  for (const d of ADMISSIBILITY) out.add(`proposals.${d}`);
  return out;
}

function demoEvents(): { type: string; payload: unknown }[] {
  const { dir, cleanup } = tempDir('minka-events-');
  const db = demoDb(dir);
  const rows = db.prepare('SELECT type, payload FROM event ORDER BY seq').all() as {
    type: string;
    payload: string;
  }[];
  db.close();
  cleanup();
  return rows.map((r) => ({ type: r.type, payload: JSON.parse(r.payload) as unknown }));
}

describe('the event union', () => {
  const demo = demoEvents();

  it('holds every type the demo writes, and each payload parses through it', () => {
    const unknown = [...new Set(demo.map((e) => e.type))].filter((t) => !isEventType(t));
    expect(unknown).toEqual([]);
    const refused = demo.filter((e) => !MinkaEventSchema.safeParse(e).success).map((e) => e.type);
    expect(refused).toEqual([]);
  });

  it('has no member that nothing writes (except documented legacy types)', () => {
    const written = literalTypes();
    for (const e of demo) written.add(e.type);
    const unwritten = EVENT_TYPES.filter((t) => !written.has(t) && !LEGACY_EVENT_TYPES.includes(t));
    expect(unwritten).toEqual([]);
  });

  it('every type literal a store file writes is a member', () => {
    // A literal shaped like an event type that is not one: a typo, or a type the union lacks.
    // (appendEvent's signature refuses these at compile time; this names them.)
    const notMembers = [...literalTypes()].filter(
      (t) =>
        !isEventType(t) &&
        /^(workshop|registry|convocation|attendance|proposals|criteria|voting|results|minutes|followup)\./.test(
          t,
        ),
    );
    expect(notMembers).toEqual([]);
  });

  it('refuses an unknown type and a payload that does not fit its type', () => {
    expect(parseEvent('attendance.checkedOut', { id: 'a' })).toEqual({
      type: 'attendance.checkedOut',
      payload: { id: 'a' },
    });
    expect(parseEvent('attendance.checkedOutt', { id: 'a' })).toBeNull();
    expect(parseEvent('attendance.checkedOut', { id: 7 })).toBeNull();
    // Further keys are kept: a branch adding a field does not make readers refuse the event.
    expect(parseEvent('voting.roundClosed', { id: 'r', laterField: 3 })?.payload).toEqual({
      id: 'r',
      laterField: 3,
    });
  });
});
