// The targeted reads a count or a ballot makes (entitledCount, holderOf) give what the full
// presence computation over the whole registry gives, on random registries and check-ins:
// roles, accreditation, voice, other venues and days, undone and checked-out check-ins,
// people without an organisation, both vote rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoSetup } from '../demo/demo';
import { checkIn, checkOut, undoCheckIn } from '../attendance/attendance';
import { createWorkshopDb, openWorkshopDb } from '../platform/db';
import { saveOrganization, saveParticipant } from '../registry/registry';
import { currentHolders, entitledCount, holderOf } from './holders';
import { getSetup, initWorkshop, saveSetup } from '../workshop/workshop';
import { fixedEnv } from '../../test/helpers/store';

const person = fc.record({
  org: fc.integer({ min: -1, max: 3 }),
  role: fc.constantFrom('titular', 'suplente', 'delegate', 'member'),
  accredited: fc.boolean(),
  vote: fc.boolean(),
  surname: fc.constantFrom('Quispe', 'Mamani', 'Ccori'),
  checkIn: fc.constantFrom('here', 'here', 'here', 'otherDay', 'none', 'undone', 'out'),
});

describe('entitledCount and holderOf', () => {
  it('equal the full presence computation on random registries, under both vote rules', () => {
    fc.assert(
      fc.property(fc.array(person, { maxLength: 14 }), fc.boolean(), (people, perPerson) => {
        const dir = mkdtempSync(join(tmpdir(), 'minka-entitled-'));
        try {
          const env = fixedEnv();
          const file = join(dir, 'w.minka');
          createWorkshopDb(file, (d) => initWorkshop(d, env, 'w1', demoSetup()));
          const db = openWorkshopDb(file);
          try {
            const setup = getSetup(db);
            saveSetup(db, env, { ...setup, voteRule: perPerson ? 'perPerson' : 'perOrganization' });
            const venue = setup.venues[0] as { id: string; date: string };
            const orgs = [0, 1, 2, 3].map((i) =>
              saveOrganization(db, env, {
                name: `Comunidad ${i}`,
                type: 'comunidadCampesina',
                community: `Ayllu ${i}`,
                standingProof: 'publicRegistry',
                standingRef: '',
              }),
            );
            const ids = people.map((p, k) => {
              const saved = saveParticipant(db, env, {
                dni: String(40000000 + k),
                givenNames: 'Ana',
                surnames: p.surname,
                sex: 'F',
                language: 'quz',
                organizationId: p.org >= 0 ? (orgs[p.org]?.id ?? null) : null,
                role: p.org >= 0 ? p.role : 'member',
                authorization: '',
                voice: p.vote ? 'voiceAndVote' : 'voiceOnly',
                accreditation: p.accredited ? 'accredited' : 'pending',
              });
              const at = { venueId: venue.id, signMethod: 'signature' as const, witness: '' };
              if (p.checkIn === 'none') return saved.id;
              const day = p.checkIn === 'otherDay' ? '2099-01-01' : venue.date;
              const rec = checkIn(db, env, { participantId: saved.id, day, ...at });
              if (p.checkIn === 'undone') undoCheckIn(db, env, rec.id, 'error');
              if (p.checkIn === 'out') checkOut(db, env, rec.id);
              return saved.id;
            });
            const round = { venueId: venue.id, day: venue.date };
            const full = currentHolders(db, round).holders;
            expect(entitledCount(db, round)).toBe(full.length);
            for (const id of ids)
              expect(holderOf(db, round, id)).toEqual(full.find((h) => h.participantId === id));
          } finally {
            db.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });
});
