// Adversary adv31 (item 3, the seal's refusal and what check says of a tampered file): the
// workshop's time zone is a row of the meta table (time_zone), read by every clock-day check
// (check-in days, the new round days) and by the refusal's `zone`. An unknown zone name makes
// Intl throw, and `minka check` turns any throw into "the file is damaged (SQLite's
// integrity_check failed)"; the seal answers "unexpected error: Invalid time zone specified".
//
// What the attacker does: with a SQLite tool, sets meta time_zone to 'Mars/Olympus' in a
// workshop with check-ins and a closed round.
// What the record then says: minka check reports integrity 'corrupt' and "archivo dañado
// (integrity_check de SQLite falló)" although integrity_check passes and the only edit is one
// meta row, which the workshop replay would name as "meta time_zone: differs from the event
// log" (as it does for a valid zone). The seal's refusal is "Error inesperado" instead of its
// findings. Nothing is sealed and nothing is falsified, but the finding is misnamed: a reader
// is sent to restore a "damaged" file (or to blame the disk) instead of being told what was
// edited.
// Severity: LOW (misleading diagnosis of a tampered file; still refused).
// Suggested fix: read the zone through one guard (an unknown zone falls back to the default
// zone, and the workshop replay's "differs from the event log" names the row), or catch a
// non-SQLite error in readRecordOfFile as "unreadable: <message>" rather than "corrupt".
// Fixed (stop 31): the zone is read through recordedZone (shared/format.ts); an unknown one falls
// back to the default and the replay names the edited row. Runs plainly.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { checkWorkshopFile } from '../../electron/check/check';
import { runCli } from '../helpers/cli';
import { useHoldersWorkshop } from '../helpers/holders-workshop';

const h = useHoldersWorkshop();

it('an unknown time zone in meta is named as an edit, not as SQLite corruption', async () => {
  for (const name of ['Dionisio', 'Teófilo', 'Fortunato']) await h.checkIn(name);
  h.closeARound();
  h.core.closeAll();
  const raw = new Database(h.file);
  raw.prepare("UPDATE meta SET value = 'Mars/Olympus' WHERE key = 'time_zone'").run();
  if (raw.prepare("SELECT 1 FROM meta WHERE key = 'time_zone'").get() === undefined)
    raw.prepare("INSERT INTO meta (key, value) VALUES ('time_zone', 'Mars/Olympus')").run();
  expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
  raw.close();
  const r = await checkWorkshopFile(h.file);
  const seal = await runCli(['seal', h.file, '--out', join(h.dir, 'a.pdf'), '--data', h.dir], 'es');
  console.log('[adv31 F2] check', r.integrity, 'seal', seal.err.trim());
  expect(r.ok).toBe(false); // refused either way
  expect(seal.code).not.toBe(0);
  // The correct expectation: the file is sound, and the edited row is what is named.
  expect(r.integrity).toBe('ok');
  expect(JSON.stringify(r.consistency)).toContain('time_zone');
  expect(seal.err).not.toContain('Error inesperado');
});
