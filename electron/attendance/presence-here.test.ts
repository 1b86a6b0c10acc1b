// presenceHere reads only the people present (issue 18); it must give exactly what the full
// computation over the whole registry gives, for every venue and day, every vote and quorum
// rule — including who holds each organisation's vote when several of its people came.
import { afterAll, describe, expect, it } from 'vitest';
import { computePresence } from '../../shared/attendance/presence';
import type { QuorumRule, VoteRule } from '../../shared/schemas/workshop';
import { demoDb } from '../../test/helpers/minutes-fixture';
import { tempDir } from '../../test/helpers/tmp';
import { listAttendance } from './attendance';
import { holdersHere, presenceHere } from './presence-here';
import { listOrganizations, listParticipants } from '../registry/registry';
import { getSetup } from '../workshop/workshop';

describe('presence read from the people present equals presence over the whole registry', () => {
  const tmp = tempDir();
  const db = demoDb(tmp.dir);
  afterAll(() => {
    db.close();
    tmp.cleanup();
  });
  const rules: Array<{ voteRule: VoteRule; quorum: QuorumRule }> = [
    { voteRule: 'perOrganization', quorum: { kind: 'percent', percent: 50 } },
    { voteRule: 'perPerson', quorum: { kind: 'minimum', count: 30 } },
    { voteRule: 'perOrganization', quorum: { kind: 'none' } },
  ];
  it('at every venue of the demo, under each rule', () => {
    const all = {
      organizations: listOrganizations(db),
      participants: listParticipants(db),
      attendance: listAttendance(db),
    };
    const venues = getSetup(db).venues;
    expect(venues.length).toBeGreaterThan(1);
    let holders = 0;
    for (const v of venues)
      for (const r of rules) {
        const where = { venueId: v.id, day: v.date };
        const here = presenceHere(db, where, r);
        expect(here).toEqual(computePresence({ ...all, ...where, ...r }));
        // The holders alone (the kiosk list, the close's snapshot) are the same holders.
        const alone = holdersHere(db, where, r.voteRule);
        expect(alone.holders).toEqual(here.voteHolders);
        expect(alone.presentIds).toEqual([...here.presentIds].sort());
        expect([...alone.people.keys()].sort()).toEqual(alone.presentIds);
        holders += here.voteHolders.length;
      }
    expect(holders).toBeGreaterThan(0);
  });
});
