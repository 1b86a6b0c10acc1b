// The registry-wide counts the quorum needs (how many may vote, in how many organisations, how
// many organisations have an accredited agent, how many are registered): registryCounts, which
// presenceHere runs on every call, at 20,000 registered. They scanned the participant table
// (the two COUNT(DISTINCT organization_id) most); migration 13 gives them
// partial indexes. Baseline in the same run and file: the same counts with those indexes
// dropped inside a transaction that is rolled back (the file is left as it was). A second row
// gives the whole presenceHere call (300 present) for scale.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { presenceHere, registryCounts } from '../../electron/attendance/presence-here';
import { getSetup } from '../../electron/workshop/workshop';
import { tempDir } from '../helpers/tmp';
import type { Figure } from './table';
import { kioskWorkshop } from './voting-get';

const REGISTERED = 20_000;

function median(runs: number, fn: () => unknown): number {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] ?? 0;
}

export async function benchQuorumCounts(): Promise<Figure[]> {
  const { dir, cleanup } = tempDir('minka-bench-quorum-');
  const { core, workshopId } = await kioskWorkshop(join(dir, 'q'), REGISTERED);
  try {
    const { db } = core.get(workshopId);
    const setup = getSetup(db);
    const venue = setup.venues[0];
    if (!venue) throw new Error('no venue');
    const counts = () => registryCounts(db);
    const presence = () => presenceHere(db, { venueId: venue.id, day: venue.date }, setup);
    const indexedAnswer = JSON.stringify([counts(), presence().quorum]);
    const indexed = median(30, counts);
    const indexedPresence = median(30, presence);
    let scanned = 0;
    let scannedPresence = 0;
    let scannedAnswer = '';
    db.exec('BEGIN');
    try {
      db.exec('DROP INDEX participant_voter_org; DROP INDEX participant_agent_org;');
      scannedAnswer = JSON.stringify([counts(), presence().quorum]);
      scanned = median(30, counts);
      scannedPresence = median(30, presence);
    } finally {
      db.exec('ROLLBACK');
    }
    if (indexedAnswer !== scannedAnswer)
      throw new Error('the indexed counts differ from the scanned ones');
    const n = REGISTERED.toLocaleString('en');
    return [
      {
        name: `quorum's registry counts (registryCounts), ${n} registered, all accredited, 500 organisations`,
        ms: indexed,
        baseline: scanned,
        baselineName: 'the same counts scanning the registry',
        goal: 0.2,
        note: 'median of 30; same answer both ways',
      },
      {
        name: `presenceHere (the quorum at closing a round), 300 present, ${n} registered`,
        ms: indexedPresence,
        baseline: scannedPresence,
        baselineName: 'the same call without the indexes',
        note: 'median of 30',
      },
    ];
  } finally {
    core.closeAll();
    cleanup();
  }
}
