// A door-only kit (--no-rounds) refuses rounds in its handlers; the desk's kit and main do not (adv27).
import { expect, it } from 'vitest';
import { type MainFixture, venueLaptop } from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { refuseOnDoorKit } from './door-only';

let m: MainFixture;
eachMainWorkshop('door-only-', (_d, f) => (m = f), 6);

it('a door-only kit refuses to open a round; the desk kit and main do not', async () => {
  const door = await venueLaptop(m, 1, 'door', undefined, { noRounds: true });
  const desk = await venueLaptop(m, 1, 'desk');
  expect(() => refuseOnDoorKit(door.db)).toThrow('voting.error.doorOnlyKit');
  expect(() => refuseOnDoorKit(desk.db)).not.toThrow();
  expect(() => refuseOnDoorKit(m.db)).not.toThrow();
});
