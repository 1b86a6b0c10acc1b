// Adversary adv29 (item 3): a venue laptop creates a voter. The door registers a walk-in with
// voice only and accreditation pending (DoorScreen.tsx), and accreditation belongs to the main
// workshop (a venue's registry decisions are "kept in its chain but not applied"). But the
// venue's `registry.walkInRegistered` event carries the whole participant, and the main merge
// (venues-apply.ts → walkIn → insertParticipant) takes it as written. Whoever holds the venue
// laptop (its own key; the README's threat: "could edit its events") registers a walk-in as an
// *accredited titular with voice and vote* of an existing organisation whose titular and
// suplente are not at that venue, and checks them in. After the merge, on main, that person
// holds the organisation's vote at the venue (presence's voteHolders), nothing names an
// accreditation made on a venue laptop, and `minka check` is green. A fix: the merge applies a
// venue walk-in as voice-only and pending (or holds the event / names a conflict) whatever its
// payload says; only main accredits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { walkIn } from '../../electron/attendance/attendance';
import { checkRecord } from '../../electron/check/check';
import { mergeVenue } from '../../electron/venues/venues-merge';
import { holderOf } from '../../electron/voting/holders';
import {
  backAtMain,
  handOver,
  mainFixtureClose,
  mainWorkshop,
  venueLaptop,
} from '../helpers/venues-fixture';

it('a walk-in registered on a venue laptop as an accredited titular holds an organisation’s vote on main (adv29)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'adv29-walkin-'));
  const m = mainWorkshop(dir, 4);
  try {
    const v = await venueLaptop(m, 1, 'ccatca');
    const venue = m.venues[1]!;
    const org = m.orgs[2]!;
    // What a modified venue app (or a devtools call) sends: not the door's pending voice-only.
    const rec = walkIn(
      v.db,
      v.env,
      {
        dni: '77777777',
        givenNames: 'Impostor',
        surnames: 'Ccori Waman',
        sex: 'M',
        language: 'quz',
        organizationId: org,
        role: 'titular',
        authorization: '',
        voice: 'voiceAndVote',
        accreditation: 'accredited',
      },
      { venueId: venue.id, day: venue.date, signMethod: 'signature', witness: '' },
    );
    backAtMain(m);
    const r = mergeVenue(m.db, m.env, handOver(v), { withoutSlip: 'prueba' });
    console.log('[adv29] merge:', JSON.stringify(r).slice(0, 300));
    const p = m.db
      .prepare('SELECT accreditation, voice, role, organization_id FROM participant WHERE dni = ?')
      .get('77777777') as Record<string, string>;
    console.log('[adv29] on main:', JSON.stringify(p));
    const holder = holderOf(m.db, { venueId: venue.id, day: venue.date }, rec.participantId);
    console.log('[adv29] holderOf:', JSON.stringify(holder));
    const c = checkRecord(m.db);
    console.log('[adv29] check ok:', c.ok);
    // Only the main workshop accredits: a venue's walk-in must not arrive holding a vote.
    expect(holder).toBeUndefined();
  } finally {
    mainFixtureClose(m);
    rmSync(dir, { recursive: true, force: true });
  }
});
