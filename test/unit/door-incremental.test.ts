// Issue 18: the door applies what a write returns to the registry it holds instead of
// loading the whole registry again. What it then holds must be what a fresh load gives, for
// every kind of door write; and a write by someone else in between must force the reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Output } from '../../shared/api';
import { applyAttendanceChange } from '../../shared/attendance/registry-update';
import { computePresence, presenceWith, registryFacts } from '../../shared/attendance/presence';
import { tempDir, testCore } from '../helpers/tmp';

type Held = Output<'registry:get'>;

describe('the door applies its own writes without reloading the registry', () => {
  const tmp = tempDir('minka-door-inc-');
  let core: Core;
  let workshopId: string;
  let venueId: string;
  let day: string;
  beforeAll(async () => {
    core = testCore(tmp.dir);
    const ws = await core.call('workshop:openDemo', {});
    workshopId = ws.workshopId;
    venueId = ws.setup.venues[0]?.id ?? '';
    day = ws.setup.venues[0]?.date ?? '';
  });
  afterAll(() => {
    core.closeAll();
    tmp.cleanup();
  });
  const load = () => core.call('registry:get', { workshopId });
  const place = () => ({ venueId, day, signMethod: 'signature' as const, witness: '' });

  it('check-in, walk-in, check-out and undo: what is held equals a fresh load', async () => {
    let held: Held = await load();
    const people = held.participants;
    const inHere = new Set(
      held.attendance
        .filter((r) => r.venueId === venueId && r.day === day)
        .map((r) => r.participantId),
    );
    const someone = held.participants.find((p) => !inHere.has(p.id));
    if (!someone) throw new Error('everyone is in');

    const a = await core.call('attendance:checkIn', {
      workshopId,
      participantId: someone.id,
      ...place(),
    });
    held = applyAttendanceChange(held, { record: a.value, chain: a.chain, events: 1 }) ?? held;
    expect(held).toEqual(await load());
    // The people are the same array: the search index and maps built on it are kept.
    expect(held.participants).toBe(people);

    const w = await core.call('attendance:walkIn', {
      workshopId,
      participant: {
        dni: '07654321',
        givenNames: 'Ñusta',
        surnames: 'Qispe Waman',
        sex: 'F',
        language: 'quz',
        organizationId: null,
        role: 'member',
        authorization: '',
        voice: 'voiceOnly',
        accreditation: 'pending',
      },
      ...place(),
    });
    const { participant, ...record } = w.value;
    held = applyAttendanceChange(held, { record, participant, chain: w.chain, events: 2 }) ?? held;
    expect(held).toEqual(await load());
    expect(held.participants.some((p) => p.dni === '07654321')).toBe(true);

    const out = await core.call('attendance:checkOut', { workshopId, id: a.value.id });
    held = applyAttendanceChange(held, { record: out.value, chain: out.chain, events: 1 }) ?? held;
    const u = await core.call('attendance:undo', { workshopId, id: record.id, reason: 'error' });
    held = applyAttendanceChange(held, { record: u.value, chain: u.chain, events: 1 }) ?? held;
    expect(held).toEqual(await load());

    // Presence from the registry's facts (kept across check-ins) equals the full computation.
    const rules = {
      voteRule: 'perOrganization' as const,
      quorum: { kind: 'percent' as const, percent: 50 },
    };
    expect(
      presenceWith(registryFacts(held.organizations, held.participants), {
        ...held,
        venueId,
        day,
        ...rules,
      }),
    ).toEqual(computePresence({ ...held, venueId, day, ...rules }));
  });

  it('a write by another door in between is noticed: the held registry is not patched', async () => {
    const held = await load();
    const free = held.participants.filter(
      (p) => !held.attendance.some((r) => r.participantId === p.id && r.venueId === venueId),
    );
    const [mine, theirs] = free;
    if (!mine || !theirs) throw new Error('need two people');
    await core.call('attendance:checkIn', { workshopId, participantId: theirs.id, ...place() });
    const a = await core.call('attendance:checkIn', {
      workshopId,
      participantId: mine.id,
      ...place(),
    });
    expect(applyAttendanceChange(held, { record: a.value, chain: a.chain, events: 1 })).toBeNull();
  });
});
