// A venue's kit is fixed to its venue (field test fac28, item 1): through dispatch (what any
// screen or a crafted IPC call reaches) it neither lists, reads, opens, counts nor casts in
// another venue's round, nor records attendance there; main refuses nothing of the kind. A kit
// that was made to run another venue's round anyway (its file edited past the handlers) has
// that round held back at the merge, and the merge report names the round.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import { roundInput } from '../../test/helpers/round-input';
import type { Core } from '../core/core';
import { openRound } from '../voting/voting';
import { signDeviceHead } from './venues';

let main: Core;
let venue: Core;
let cleanups: (() => void)[];
let mainId: string;
let kitId: string;
let here: { id: string; name: string; date: string };
let there: { id: string; name: string; date: string };
let ownRound: string;
let otherRound: string;

beforeEach(async () => {
  const a = tempDir('minka-kit-venue-a-');
  const b = tempDir('minka-kit-venue-b-');
  cleanups = [a.cleanup, b.cleanup];
  main = testCore(a.dir);
  venue = testCore(b.dir, new Date('2026-05-15T14:00:00Z'));
  mainId = (await main.call('workshop:openDemo', {})).workshopId;
  const venues = (await main.call('workshop:get', { workshopId: mainId })).setup.venues.map(
    (v) => ({ id: v.id ?? '', name: v.name, date: v.date }),
  );
  [there, here] = venues as [typeof here, typeof here];
  const round = async (v: typeof here, title: string) =>
    (
      await main.call('voting:create', {
        workshopId: mainId,
        round: roundInput({ venueId: v.id, day: v.date }, { title }),
      })
    ).value.id;
  otherRound = await round(there, 'Ronda de la otra sede');
  ownRound = await round(here, 'Ronda de esta sede');
  const kit = await main.call('venues:prepareKit', { workshopId: mainId, venueId: here.id });
  writeFileSync(join(venue.dataDir, kit.value.fileName), Buffer.from(kit.value.base64, 'base64'));
  kitId = (await venue.call('workshop:open', { file: kit.value.fileName })).workshopId;
});

afterEach(() => {
  main.closeAll();
  venue.closeAll();
  for (const c of cleanups) c();
});

it("a kit lists, reads and runs its own venue's rounds only, and refuses another venue's by name", async () => {
  const state = await venue.call('workshop:get', { workshopId: kitId });
  expect(state.kitVenueId).toBe(here.id);
  expect((await main.call('workshop:get', { workshopId: mainId })).kitVenueId).toBeNull();

  const listed = (await venue.call('voting:list', { workshopId: kitId })).rounds;
  expect(listed.map((r) => r.id)).toContain(ownRound);
  expect(listed.map((r) => r.id)).not.toContain(otherRound);
  expect(new Set(listed.map((r) => r.venueId))).toEqual(new Set([here.id]));
  // Main still sees and runs every venue's rounds.
  expect((await main.call('voting:list', { workshopId: mainId })).rounds.map((r) => r.id)).toEqual(
    expect.arrayContaining([ownRound, otherRound]),
  );

  const refused = {
    ok: false,
    error: {
      code: 'CONFLICT',
      key: 'voting.error.otherVenueOnKit',
      params: { venue: here.name, other: there.name },
    },
  };
  const ref = { workshopId: kitId, roundId: otherRound };
  expect(await venue.dispatch('voting:get', ref)).toMatchObject(refused);
  expect(await venue.dispatch('voting:open', ref)).toMatchObject(refused);
  expect(await venue.dispatch('voting:close', ref)).toMatchObject(refused);
  expect(await venue.dispatch('voting:results', ref)).toMatchObject(refused);
  expect(await venue.dispatch('voting:notListed', ref)).toMatchObject(refused);
  expect(
    await venue.dispatch('voting:enterCount', { ...ref, itemId: 'x', operator: 'A', count: 1 }),
  ).toMatchObject(refused);
  expect(
    await venue.dispatch('voting:create', {
      workshopId: kitId,
      round: roundInput({ venueId: there.id, day: there.date }),
    }),
  ).toMatchObject(refused);

  // Its own venue's round opens there, as before.
  expect(
    await venue.dispatch('voting:open', { workshopId: kitId, roundId: ownRound }),
  ).toMatchObject({ ok: true });
  expect((await main.dispatch('voting:open', { workshopId: mainId, roundId: otherRound })).ok).toBe(
    true,
  );
});

it("a kit's door records its own venue only", async () => {
  const reg = await venue.call('registry:get', { workshopId: kitId });
  const seen = new Set(reg.attendance.map((r) => r.participantId));
  const [a, b] = reg.participants.filter((p) => !seen.has(p.id));
  if (!a || !b) throw new Error('the demo has people');
  const at = (v: typeof here, participantId: string) => ({
    workshopId: kitId,
    participantId,
    venueId: v.id,
    day: v.date,
    signMethod: 'signature' as const,
    witness: '',
  });
  expect(await venue.dispatch('attendance:checkIn', at(there, a.id))).toMatchObject({
    ok: false,
    error: {
      key: 'attendance.error.otherVenueOnKit',
      params: { venue: here.name, other: there.name },
    },
  });
  const ok = await venue.call('attendance:checkIn', at(here, b.id));
  expect(ok.value.venueId).toBe(here.id);
  expect(
    (await venue.call('attendance:checkOut', { workshopId: kitId, id: ok.value.id })).value
      .checkedOutAt,
  ).toBeTruthy();
});

it('a round of another venue run on the kit past its screens is held at the merge, named', async () => {
  // The adversary opens the other venue's round in the kit's file directly (no handler).
  const w = venue.writable(kitId);
  openRound(w.db, venue.env, otherRound);
  signDeviceHead(w.db, venue.dataDir);
  const back = await venue.call('venues:deviceFile', { workshopId: kitId });
  const merged = await main.call('venues:merge', {
    workshopId: mainId,
    file: { fileName: 'sede.minka', base64: back.base64 },
    proof: { withoutSlip: 'prueba' },
  });
  const held = merged.value.heldKinds.find((k) => k.why === 'roundNotThisDevice');
  expect(held?.rounds).toEqual(['Ronda de la otra sede']);
  // And main did not open it.
  const round = (await main.call('voting:list', { workshopId: mainId })).rounds.find(
    (r) => r.id === otherRound,
  );
  expect(round?.state).toBe('draft');
});

it("a kit's door registers a new person pending with voice only; main accredits (adv29)", async () => {
  const reg = await venue.call('registry:get', { workshopId: kitId });
  const org = reg.organizations[0]!.id;
  const person = (dni: string, over: object) => ({
    workshopId: kitId,
    venueId: here.id,
    day: here.date,
    signMethod: 'signature' as const,
    witness: '',
    participant: {
      dni,
      givenNames: 'Nueva',
      surnames: 'Persona',
      sex: 'F' as const,
      language: 'quz' as const,
      organizationId: org,
      role: 'titular' as const,
      authorization: '',
      voice: 'voiceOnly' as const,
      accreditation: 'pending' as const,
      ...over,
    },
  });
  const refused = {
    ok: false,
    error: { code: 'CONFLICT', key: 'attendance.error.walkInOnKit', params: { venue: here.name } },
  };
  expect(
    await venue.dispatch('attendance:walkIn', person('71000001', { accreditation: 'accredited' })),
  ).toMatchObject(refused);
  expect(
    await venue.dispatch('attendance:walkIn', person('71000002', { voice: 'voiceAndVote' })),
  ).toMatchObject(refused);
  const ok = await venue.call('attendance:walkIn', person('71000003', {}));
  expect(ok.value.participant).toMatchObject({ accreditation: 'pending', voice: 'voiceOnly' });
  // Main registers as it always did.
  const onMain = await main.call('attendance:walkIn', {
    ...person('71000004', { accreditation: 'accredited', voice: 'voiceAndVote' }),
    workshopId: mainId,
  });
  expect(onMain.value.participant).toMatchObject({ accreditation: 'accredited' });
});
