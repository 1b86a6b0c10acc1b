// fac27: the Sedes screen listed the door and the desk laptop of one venue as two identical
// rows (same venue, told apart only by a key). Each device now shows its role, read from its
// kit's signed statement (door only: none of the venue's rounds), and the kit code its slip prints.
import { describe, expect, it } from 'vitest';
import type { Core } from '../core/core';
import { openWorkshopDb } from '../platform/db';
import {
  copyMain,
  handOver,
  type MainFixture,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { venueHandlers } from './handlers';
import { mergeVenue } from './venues-merge';

let m: MainFixture;
eachMainWorkshop(
  'minka-device-role-',
  (_d, f) => {
    m = f;
  },
  4,
);

describe('Sedes: door and desk of one venue told apart', () => {
  it('each device shows its role and kit code', async () => {
    const door = await venueLaptop(m, 1, 'door', '2026-05-15T13:00:00Z', { noRounds: true });
    const desk = await venueLaptop(m, 1, 'desk', '2026-05-15T13:30:00Z');
    handOver(door);
    handOver(desk);
    const db = openWorkshopDb(copyMain(m, 'role'));
    for (const f of [door.file, desk.file]) mergeVenue(db, m.env, f, { withoutSlip: 'prueba' });
    const core = { get: () => ({ db }) } as unknown as Core;
    const view = await venueHandlers['venues:get']({ workshopId: 'w' }, core);
    const rows = view.devices.map((d) => ({ venue: d.venue, role: d.role, kitCode: d.kitCode }));
    expect(rows).toHaveLength(2);
    expect(rows[0]?.venue).toBe(rows[1]?.venue);
    expect(new Set(rows.map((r) => r.role))).toEqual(new Set(['door', 'desk']));
    const byRole = new Map(view.devices.map((d) => [d.role, d]));
    expect(byRole.get('door')?.kitCode).toBe(door.kitId.slice(0, 8));
    expect(byRole.get('desk')?.kitCode).toBe(desk.kitId.slice(0, 8));
    db.close();
  });
});
