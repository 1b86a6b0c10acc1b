// The registry as lists read it: Spanish order (Ñ after N, accents ignored), not SQLite's
// byte order, which put ÑAHUI after ZAMALLOA and HUAMÁN after HUAMANI.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { fixedEnv } from '../../test/helpers/store';
import { demoSetup } from '../demo/demo';
import { migrate } from '../platform/migrations';
import { listOrganizations, listParticipants, saveOrganization, saveParticipant } from './registry';
import { initWorkshop } from '../workshop/workshop';

it('lists organisations and people in Spanish order', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const e = fixedEnv();
  db.transaction(() => initWorkshop(db, e, 'w1', demoSetup()))();
  for (const name of ['C.C. Ñañupampa', 'C.C. Oqopata', 'C.C. Nina Marca', 'C.C. Ácora'])
    saveOrganization(db, e, {
      name,
      type: 'comunidadCampesina',
      community: '',
      standingProof: 'none',
      standingRef: '',
    });
  for (const [surnames, givenNames] of [
    ['ZAMALLOA', 'Ana'],
    ['ÑAHUI CUSI', 'Felícitas'],
    ['HUAMANI', 'Juan'],
    ['HUAMÁN CCORI', 'Rosa'],
    ['NINA', 'Luz'],
    ['OBLITAS', 'Eva'],
  ] as const)
    saveParticipant(db, e, {
      dni: '',
      givenNames,
      surnames,
      sex: 'F',
      language: 'quz',
      organizationId: null,
      role: 'member',
      authorization: '',
      voice: 'voiceAndVote',
      accreditation: 'pending',
    });
  expect(listOrganizations(db).map((o) => o.name)).toEqual([
    'C.C. Ácora',
    'C.C. Nina Marca',
    'C.C. Ñañupampa',
    'C.C. Oqopata',
  ]);
  expect(listParticipants(db).map((p) => p.surnames)).toEqual([
    'HUAMÁN CCORI',
    'HUAMANI',
    'NINA',
    'ÑAHUI CUSI',
    'OBLITAS',
    'ZAMALLOA',
  ]);
  db.close();
});
