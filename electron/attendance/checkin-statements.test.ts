// A check-in's hot path prepares no SQL once warm (issue 18): preparing a statement cost more
// than running it, five times per check-in. Every statement of the dispatch (the sealed check,
// the venue, the person, the open check-in, the insert, the event and the chain head) is
// cached per connection.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from '../core/core';
import { demoSetup } from '../demo/demo';
import { verifyChain } from '../platform/events';
import { getSetup } from '../workshop/workshop';

describe('check-in statements', () => {
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

  it('prepares nothing on the second check-in through dispatch, and refuses as before', async () => {
    const w = core.createFile(join(dir, 'w.minka'), demoSetup());
    const venue = getSetup(w.db).venues[0];
    if (!venue) throw new Error('no venue');
    const ids: string[] = [];
    for (const given of ['Rosa', 'Leoncio', 'Vicenta']) {
      const p = await core.call('registry:saveParticipant', {
        workshopId: w.id,
        participant: {
          dni: '',
          givenNames: given,
          surnames: 'Quispe',
          sex: 'F',
          language: 'quz',
          organizationId: null,
          role: 'titular',
          authorization: '',
          voice: 'voiceAndVote',
          accreditation: 'accredited',
        },
      });
      ids.push(p.value.id);
    }
    const checkIn = (participantId: string) =>
      core.dispatch('attendance:checkIn', {
        workshopId: w.id,
        participantId,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
    expect((await checkIn(ids[0] ?? '')).ok).toBe(true);
    const prepare = vi.spyOn(w.db, 'prepare');
    const second = await checkIn(ids[1] ?? '');
    expect(second.ok).toBe(true);
    expect(prepare).not.toHaveBeenCalled();
    // The cached statements still refuse what they refused: twice in, an unknown person.
    const again = await checkIn(ids[1] ?? '');
    expect(again.ok ? '' : `${again.error.code}:${again.error.key}`).toBe(
      'CONFLICT:attendance.error.alreadyIn',
    );
    expect(again.ok ? {} : again.error.params).toEqual({ name: 'Leoncio Quispe' });
    const nobody = await checkIn('00000000-0000-4000-8000-000000000000');
    expect(nobody.ok ? '' : `${nobody.error.code}:${nobody.error.key}`).toBe(
      'NOT_FOUND:attendance.error.noParticipant',
    );
    prepare.mockRestore();
    expect(verifyChain(w.db).ok).toBe(true);
  });
});
