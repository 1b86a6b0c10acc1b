// A settled conflict stays settled (misc28 item 1): the facilitator's ruling on a proposal
// edited on two laptops writes the chosen version on main, and that write is the ruling's own
// doing, not a new side. Only something new from a laptop reopens it, naming the version that
// stands and the new one.
import { describe, expect, it } from 'vitest';
import { handOver, type MainFixture, venueLaptop } from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { checkIn } from '../attendance/attendance';
import { checkWorkshopFile } from '../check/check';
import { openWorkshopDb } from '../platform/db';
import { getProposal, saveProposal } from '../proposals/proposals';
import { listConflicts, mergeVenue, settleConflict } from './venues-merge';

let m: MainFixture;
eachMainWorkshop('minka-settled-', (_d, f) => {
  m = f;
});

describe('a settled proposal-edit conflict', () => {
  it('stays settled at the next merge; a laptop editing again reopens it naming both', async () => {
    const a = await venueLaptop(m, 1, 'a');
    const b = await venueLaptop(m, 2, 'b');
    const c = await venueLaptop(m, 3, 'c');
    const pid = m.proposals[1]!;
    const edit = (v: typeof a, title: string) =>
      saveProposal(v.db, v.env, { ...getProposal(v.db, pid), title });
    edit(a, 'Canal de riego 2 (Tinkiwasi)');
    edit(b, 'Canal de riego 2 (Pacchanta)');
    const vc = m.venues[3]!;
    checkIn(c.db, c.env, {
      participantId: m.people[6]![0],
      venueId: vc.id,
      day: vc.date,
      signMethod: 'signature',
      witness: '',
    });
    mergeVenue(m.db, m.env, handOver(a));
    mergeVenue(m.db, m.env, handOver(b));
    b.db.close();
    const [pc] = listConflicts(m.db).filter((x) => x.kind === 'proposalEdit');
    expect(pc?.sides.map((x) => x.source).sort()).toEqual([a.kitId, b.kitId].sort());
    settleConflict(m.db, m.env, { id: pc!.id, choice: b.kitId, note: 'Lo formuló Pacchanta' });
    expect(getProposal(m.db, pid).title).toBe('Canal de riego 2 (Pacchanta)');

    // A third laptop that never touched P-002 is merged: the ruling stands.
    const r = mergeVenue(m.db, m.env, handOver(c));
    c.db.close();
    expect(r.conflicts).toEqual([]);
    const after = listConflicts(m.db).find((x) => x.id === pc!.id);
    expect(after?.settled?.choice).toBe(b.kitId);
    expect(after?.sides).toEqual(pc!.sides);
    expect(getProposal(m.db, pid).title).toBe('Canal de riego 2 (Pacchanta)');
    // A later edit on main (the ruling seen, a typo fixed) is not a laptop's side either.
    saveProposal(m.db, m.env, { ...getProposal(m.db, pid), beneficiaries: 120 });

    // Laptop A keeps working and edits P-002 again: something new conflicts.
    edit(a, 'Canal de riego 2 (Tinkiwasi, segunda versión)');
    const again = mergeVenue(m.db, m.env, handOver(a));
    a.db.close();
    expect(again.conflicts).toEqual([pc!.id]);
    const reopened = listConflicts(m.db).find((x) => x.id === pc!.id)!;
    expect(reopened.settled).toBeNull();
    const titles = reopened.sides.map((x) => (x.what as { title: string }).title).sort();
    // The new version, and the one that stands on main since the ruling.
    expect(titles).toContain('Canal de riego 2 (Tinkiwasi, segunda versión)');
    expect(titles).toContain('Canal de riego 2 (Pacchanta)');
    expect(titles).not.toContain('Canal de riego 2 (Tinkiwasi)');
    m.db.close();
    expect((await checkWorkshopFile(m.file)).venues?.conflicts).toMatchObject({
      open: 1,
      unrecorded: [],
      missing: [],
      unlisted: [],
    });
    m.db = openWorkshopDb(m.file);
  });
});
