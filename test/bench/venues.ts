// Merging venues (issue 20): four venue files of 2,000 events each (walk-ins: a registration
// and a check-in each) merged into the main workshop: every file verified (chain, kit
// signature, device signature), every event kept verbatim and applied through the store
// functions, conflicts looked for. Baseline from the same run: a raw copy of the same rows
// (read the four files' events, insert them into one table in one transaction).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { walkIn } from '../../electron/attendance/attendance';
import { openWorkshopDb } from '../../electron/platform/db';
import { readVenueFile } from '../../electron/venues/venues-read';
import { mergeVenue } from '../../electron/venues/venues-merge';
import { tempDir } from '../helpers/tmp';
import { copyMain, handOver, mainWorkshop, venueLaptop } from '../helpers/venues-fixture';
import type { Figure } from './table';

const VENUES = 4;
const EVENTS = 2_000;

export async function benchVenues(): Promise<Figure[]> {
  const { dir, cleanup } = tempDir('minka-bench-venues-');
  try {
    const m = mainWorkshop(dir, 20);
    const files: string[] = [];
    for (let d = 0; d < VENUES; d++) {
      const v = await venueLaptop(m, 1 + d, `v${d}`);
      const venue = m.venues[1 + d];
      if (!venue) throw new Error('venue');
      // One transaction for the set-up only (the venue itself commits each check-in).
      v.db.transaction(() => {
        for (let i = 0; i < EVENTS / 2; i++)
          walkIn(
            v.db,
            v.env,
            {
              dni: String(60000000 + d * 10000 + i),
              givenNames: `Comunera ${d}-${i}`,
              surnames: 'Quispe',
              sex: 'F',
              language: 'quz',
              organizationId: null,
              role: 'member',
              authorization: '',
              voice: 'voiceOnly',
              // As a kit's door registers a walk-in (adv29: the merge holds any other).
              accreditation: 'pending',
            },
            { venueId: venue.id, day: venue.date, signMethod: 'signature', witness: '' },
          );
      })();
      files.push(handOver(v));
      v.db.close();
    }
    // Baseline: the same rows copied raw.
    const t0 = performance.now();
    const sink = new Database(join(dir, 'raw.sqlite'));
    sink.pragma('journal_mode = WAL');
    sink.pragma('synchronous = FULL');
    sink.exec(
      'CREATE TABLE e (seq INTEGER, at TEXT, actor TEXT, type TEXT, payload TEXT, prev_hash TEXT, hash TEXT UNIQUE)',
    );
    const ins = sink.prepare('INSERT INTO e VALUES (?, ?, ?, ?, ?, ?, ?)');
    let copied = 0;
    sink.transaction(() => {
      for (const f of files) {
        const src = new Database(f, { readonly: true });
        for (const r of src
          .prepare(
            "SELECT seq, at, actor, type, payload, prev_hash, hash FROM event WHERE actor LIKE 'device:%'",
          )
          .raw()
          .iterate()) {
          ins.run(...(r as unknown[]));
          copied++;
        }
        src.close();
      }
    })();
    sink.close();
    const raw = performance.now() - t0;

    const t1 = performance.now();
    for (const f of files) readVenueFile(f);
    const verify = performance.now() - t1;

    const target = openWorkshopDb(copyMain(m, 'merged'));
    m.db.close();
    const t2 = performance.now();
    let applied = 0;
    for (const f of files) applied += mergeVenue(target, m.env, f).applied;
    const merge = performance.now() - t2;
    target.close();
    return [
      {
        name: `baseline: raw copy of ${copied} device event rows from ${VENUES} files`,
        ms: raw,
      },
      {
        name: `verify ${VENUES} venue files (chain, kit and device signatures)`,
        ms: verify,
        baseline: raw,
        baselineName: 'raw copy',
      },
      {
        name: `merge ${VENUES} venues × ${EVENTS} events (verify, keep, apply ${applied}, conflicts)`,
        ms: merge,
        goal: 2000,
        note: `${(merge / raw).toFixed(1)}× the raw copy`,
      },
    ];
  } finally {
    cleanup();
  }
}
