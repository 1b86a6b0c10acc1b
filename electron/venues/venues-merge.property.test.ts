// Property: random event streams split over 2–5 venue devices, merged in random orders with
// repeats, give the same state byte for byte; no device event is lost; every planted
// conflict (one person checked in on two devices, one proposal edited on two) is listed.
// Each device is at its own venue: two laptops at one venue checking in the same person is
// the one case where the first merged check-in stands until settled (see venues-merge.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  copyMain,
  handOver,
  mainWorkshop,
  venueLaptop,
  type VenueLaptop,
} from '../../test/helpers/venues-fixture';
import { MinkaError } from '../platform/classify-error';
import { checkIn, listAttendance, walkIn } from '../attendance/attendance';
import { openWorkshopDb } from '../platform/db';
import { addMatter, getProposal, saveProposal } from '../proposals/proposals';
import { verifyDeviceChains } from './venues-read';
import { appliedDifferences } from './venues-applied';
import { listConflicts, listDevices, mergeVenue, stateDigest } from './venues-merge';
import { signDeviceHead } from './venues';
import { getRound, openRound } from '../voting/voting';
import { closeRound } from '../voting/close-round';
import { enterCount } from '../voting/hands';
import { entitledCount } from '../voting/holders';

type Op =
  | { k: 'checkIn'; person: number }
  | { k: 'walkIn' }
  | { k: 'add' }
  | { k: 'edit'; proposal: number }
  | { k: 'matter' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constant('checkIn' as const), person: fc.integer({ min: 0, max: 5 }) }),
  fc.constant({ k: 'walkIn' as const }),
  fc.constant({ k: 'add' as const }),
  fc.record({ k: fc.constant('edit' as const), proposal: fc.integer({ min: 0, max: 3 }) }),
  fc.constant({ k: 'matter' as const }),
);

const scenario = fc
  .array(fc.array(op, { minLength: 1, maxLength: 8 }), { minLength: 2, maxLength: 5 })
  .chain((devices) =>
    fc.record({
      devices: fc.constant(devices),
      // Two merge orders: every device at least once, some repeated.
      orderA: fc
        .shuffledSubarray(
          devices.map((_, i) => i),
          { minLength: devices.length },
        )
        .chain((o) =>
          fc
            .array(fc.integer({ min: 0, max: devices.length - 1 }), { maxLength: 3 })
            .map((rep) => [...o, ...rep]),
        ),
      orderB: fc
        .shuffledSubarray(
          devices.map((_, i) => i),
          { minLength: devices.length },
        )
        .chain((o) =>
          fc
            .array(fc.integer({ min: 0, max: devices.length - 1 }), { maxLength: 3 })
            .map((rep) => [...rep, ...o]),
        ),
    }),
  );

it('merge is idempotent and commutative, loses nothing and surfaces every planted conflict', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ devices, orderA, orderB }) => {
      const dir = mkdtempSync(join(tmpdir(), 'minka-venues-prop-'));
      try {
        const m = mainWorkshop(dir, 6);
        const laptops: VenueLaptop[] = [];
        for (let d = 0; d < devices.length; d++) laptops.push(await venueLaptop(m, 1 + d, `d${d}`));
        const checkedBy = new Map<string, Set<number>>();
        const editedBy = new Map<string, Set<number>>();
        const recorded = new Set<string>();
        devices.forEach((ops, d) => {
          const v = laptops[d]!;
          const venue = m.venues[1 + d]!;
          ops.forEach((o, n) => {
            try {
              if (o.k === 'checkIn') {
                const pid = m.people[o.person]![0];
                const r = checkIn(v.db, v.env, {
                  participantId: pid,
                  venueId: venue.id,
                  day: venue.date,
                  signMethod: 'signature',
                  witness: '',
                });
                recorded.add(r.id);
                checkedBy.set(pid, (checkedBy.get(pid) ?? new Set()).add(d));
              } else if (o.k === 'walkIn') {
                const r = walkIn(
                  v.db,
                  v.env,
                  {
                    dni: String(70000000 + d * 100 + n),
                    givenNames: `Visitante ${d}-${n}`,
                    surnames: 'Condori',
                    sex: 'X',
                    language: 'quz',
                    organizationId: null,
                    role: 'member',
                    authorization: '',
                    voice: 'voiceOnly',
                    // As the door registers a walk-in: main accredits (adv29).
                    accreditation: 'pending',
                  },
                  { venueId: venue.id, day: venue.date, signMethod: 'thumbprint', witness: '' },
                );
                recorded.add(r.id);
              } else if (o.k === 'add') {
                const base = getProposal(v.db, m.proposals[0]!);
                saveProposal(v.db, v.env, {
                  ...base,
                  id: undefined,
                  code: `S${d}-${n}`,
                  title: `Propuesta ${d}-${n}`,
                });
              } else if (o.k === 'edit') {
                const pid = m.proposals[o.proposal]!;
                saveProposal(v.db, v.env, {
                  ...getProposal(v.db, pid),
                  title: `Editada en ${d} (${n})`,
                });
                editedBy.set(pid, (editedBy.get(pid) ?? new Set()).add(d));
              } else {
                addMatter(v.db, v.env, {
                  text: `Asunto ${d}-${n}`,
                  raisedBy: 'Comunero',
                  participantId: null,
                });
              }
            } catch (e) {
              // The venue's own store refused it (a second check-in of one person): not recorded.
              if (!(e instanceof MinkaError)) throw e;
            }
          });
        });
        const files = laptops.map((v) => {
          const f = handOver(v);
          v.db.close();
          return f;
        });
        const counts = laptops.map(
          (v) =>
            openWorkshopDb(v.file)
              .prepare('SELECT COUNT(*) FROM event WHERE actor = ?')
              .pluck()
              .get(`device:${v.kitId}`) as number,
        );
        const one = openWorkshopDb(copyMain(m, 'one'));
        const two = openWorkshopDb(copyMain(m, 'two'));
        m.db.close();
        for (const i of orderA) mergeVenue(one, m.env, files[i]!);
        for (const i of orderB) mergeVenue(two, m.env, files[i]!);
        expect(stateDigest(one)).toBe(stateDigest(two));
        // What each merge applied is what its device events say (walk-ins, aliases, edits).
        expect(appliedDifferences(one)).toEqual([]);
        expect(appliedDifferences(two)).toEqual([]);
        // No event lost: each device's events all kept, each chain verifiable on its own.
        const chains = verifyDeviceChains(one);
        expect(chains.every((c) => c.ok)).toBe(true);
        laptops.forEach((v, i) => {
          expect(chains.find((c) => c.kitId === v.kitId)?.length).toBe(counts[i]);
        });
        // Every check-in the venues recorded is in the main tables, or a listed conflict.
        const att = new Set(listAttendance(one).map((a) => a.id));
        const conflicts = listConflicts(one);
        const inConflict = new Set(conflicts.flatMap((c) => c.sides.map((s) => s.ref)));
        for (const id of recorded) expect(att.has(id) || inConflict.has(id)).toBe(true);
        for (const [pid, by] of checkedBy)
          if (by.size > 1)
            expect(
              conflicts.some((c) => c.kind === 'checkIn' && c.subject.startsWith(`${pid}|`)),
            ).toBe(true);
        for (const [pid, by] of editedBy)
          if (by.size > 1)
            expect(conflicts.some((c) => c.kind === 'proposalEdit' && c.subject === pid)).toBe(
              true,
            );
        one.close();
        two.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }),
    {
      numRuns: 8,
      // Found by this test: three laptops editing one proposal, merged in two orders, once
      // recorded different intermediate conflicts (now one conflict per subject).
      examples: [
        [
          {
            devices: [
              [{ k: 'edit', proposal: 0 }, { k: 'walkIn' }],
              [
                { k: 'edit', proposal: 0 },
                { k: 'checkIn', person: 0 },
              ],
              [{ k: 'edit', proposal: 0 }],
            ],
            orderA: [0, 2, 1],
            orderB: [2, 1, 0],
          },
        ],
      ],
    },
  );
}, 240_000);

// Item 5: a door (no rounds) and a voting desk at one venue exchange files at random points;
// then both files merge into main in random orders with repeats: the same state, every device
// event kept once, every check-in once, and a planted countRefused (main closed the desk's
// round before the merge) surfaced in every order.
type HallOp =
  | { k: 'doorIn'; person: number }
  | { k: 'deskIn'; person: number }
  | { k: 'count'; item: number; n: number }
  | { k: 'toDesk' }
  | { k: 'toDoor' }
  | { k: 'matter'; door: boolean };

const hallOp: fc.Arbitrary<HallOp> = fc.oneof(
  fc.record({ k: fc.constant('doorIn' as const), person: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ k: fc.constant('deskIn' as const), person: fc.integer({ min: 0, max: 5 }) }),
  fc.record({
    k: fc.constant('count' as const),
    item: fc.integer({ min: 0, max: 3 }),
    n: fc.integer({ min: 0, max: 6 }),
  }),
  fc.constant({ k: 'toDesk' as const }),
  fc.constant({ k: 'toDoor' as const }),
  fc.record({ k: fc.constant('matter' as const), door: fc.boolean() }),
);
const mergeOrder = fc
  .shuffledSubarray([0, 1], { minLength: 2 })
  .chain((o) =>
    fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 3 }).map((rep) => [...o, ...rep]),
  );

it('door and desk exchanging at random points, merged in any order: same state, nothing lost or doubled', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(hallOp, { minLength: 2, maxLength: 14 }),
      fc.boolean(),
      mergeOrder,
      mergeOrder,
      async (ops, plant, orderA, orderB) => {
        const dir = mkdtempSync(join(tmpdir(), 'minka-hall-prop-'));
        try {
          const m = mainWorkshop(dir, 6);
          const venue = m.venues[1]!;
          const round = m.rounds[1]!;
          const door = await venueLaptop(m, 1, 'door', '2026-05-15T13:00:00Z', { noRounds: true });
          const desk = await venueLaptop(m, 1, 'desk', '2026-05-15T13:20:00Z');
          openRound(desk.db, desk.env, round);
          if (plant) {
            // Main closes the desk's round before any merge (nobody present here: counts of 0).
            openRound(m.db, m.env, round);
            for (const item of m.proposals)
              enterCount(m.db, m.env, { roundId: round, itemId: item, operator: 'A', count: 0 });
            closeRound(m.db, m.env, round);
          }
          const recorded = new Set<string>();
          let counted = 0;
          const swap = (from: VenueLaptop, to: VenueLaptop) => {
            handOver(from);
            mergeVenue(to.db, to.env, from.file, { withoutSlip: 'descanso' });
            signDeviceHead(to.db, to.dataDir);
          };
          for (const o of ops) {
            try {
              if (o.k === 'doorIn' || o.k === 'deskIn') {
                const v = o.k === 'doorIn' ? door : desk;
                // Door: titulars; desk: suplentes (one person on both laptops is the unit test's).
                const pid = m.people[o.person]![o.k === 'doorIn' ? 0 : 1];
                const r = checkIn(v.db, v.env, {
                  participantId: pid,
                  venueId: venue.id,
                  day: venue.date,
                  signMethod: 'signature',
                  witness: '',
                });
                recorded.add(r.id);
              } else if (o.k === 'count') {
                const n = Math.min(o.n, entitledCount(desk.db, getRound(desk.db, round)));
                enterCount(desk.db, desk.env, {
                  roundId: round,
                  itemId: m.proposals[o.item]!,
                  operator: 'A',
                  count: n,
                });
                counted++;
              } else if (o.k === 'toDesk') swap(door, desk);
              else if (o.k === 'toDoor') swap(desk, door);
              else
                addMatter(o.door ? door.db : desk.db, o.door ? door.env : desk.env, {
                  text: 'Asunto',
                  raisedBy: 'Comunero',
                  participantId: null,
                });
            } catch (e) {
              if (!(e instanceof MinkaError)) throw e;
            }
          }
          const files = [door, desk].map((v) => {
            const f = handOver(v);
            v.db.close();
            return f;
          });
          const own = [door, desk].map(
            (v) =>
              openWorkshopDb(v.file)
                .prepare('SELECT COUNT(*) FROM event WHERE actor = ?')
                .pluck()
                .get(`device:${v.kitId}`) as number,
          );
          const one = openWorkshopDb(copyMain(m, 'one'));
          const two = openWorkshopDb(copyMain(m, 'two'));
          m.db.close();
          for (const i of orderA) mergeVenue(one, m.env, files[i]!, { withoutSlip: 'x' });
          for (const i of orderB) mergeVenue(two, m.env, files[i]!, { withoutSlip: 'x' });
          expect(stateDigest(one)).toBe(stateDigest(two));
          for (const db of [one, two]) {
            expect(appliedDifferences(db)).toEqual([]);
            const chains = verifyDeviceChains(db);
            expect(chains.every((c) => c.ok)).toBe(true);
            // Every event of each laptop kept, once (its own file's count).
            expect(
              [door, desk].map((v) => chains.find((c) => c.kitId === v.kitId)?.length),
            ).toEqual(own);
            // Every check-in once: the rows here are exactly those the laptops recorded.
            const att = listAttendance(db).filter((a) => a.venueId === venue.id);
            expect(att.map((a) => a.id).sort()).toEqual([...recorded].sort());
            const conflicts = listConflicts(db);
            expect(conflicts.filter((c) => c.kind !== 'countRefused')).toEqual([]);
            expect(conflicts.some((c) => c.kind === 'countRefused')).toBe(plant && counted > 0);
            // Both laptops vouched for by their own files.
            expect(listDevices(db).map((d) => d.proof?.kind)).toEqual(['none', 'none']);
          }
          one.close();
          two.close();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    ),
    { numRuns: 10 },
  );
}, 300_000);
