import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computePresence } from '../../shared/attendance/presence';
import type { ParticipantInput } from '../../shared/schemas/attendance';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { demoSetup } from '../demo/demo';
import {
  addInvitation,
  checkIn,
  checkOut,
  listAttendance,
  undoCheckIn,
  walkIn,
} from './attendance';
import { checkConsistency } from '../check/consistency';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import { verifyChain } from '../platform/events';
import {
  importRegistry,
  listParticipants,
  saveOrganization,
  saveParticipant,
} from '../registry/registry';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';
import { codeOf, fixedEnv } from '../../test/helpers/store';

const person = (over: Partial<ParticipantInput>): ParticipantInput => ({
  dni: '',
  givenNames: 'Rosa',
  surnames: 'Ccori Huamán',
  sex: 'F',
  language: 'quz',
  organizationId: null,
  role: 'titular',
  authorization: '',
  voice: 'voiceAndVote',
  accreditation: 'accredited',
  ...over,
});

describe('registry and attendance store', () => {
  let db: Db;
  let e: Env;
  let cleanup: () => void;
  let venue: string;
  beforeEach(() => {
    const t = { dir: mkdtempSync(join(tmpdir(), 'minka-att-')) };
    cleanup = () => rmSync(t.dir, { recursive: true, force: true });
    e = fixedEnv();
    const file = join(t.dir, 'w.minka');
    createWorkshopDb(file, (d) => initWorkshop(d, e, 'w1', demoSetup()));
    db = openWorkshopDb(file);
    venue = getSetup(db).venues[0]?.id ?? '';
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('keeps DNIs as 8-digit strings and refuses duplicates', () => {
    const org = saveOrganization(db, e, {
      name: 'Comunidad Campesina Tinkiwasi',
      type: 'comunidadCampesina',
      community: 'Tinkiwasi',
      standingProof: 'publicRegistry',
      standingRef: 'P-1',
    });
    saveParticipant(db, e, person({ dni: '01234567', organizationId: org.id }));
    expect(listParticipants(db)[0]?.dni).toBe('01234567');
    expect(
      codeOf(() => saveParticipant(db, e, person({ dni: '01234567', givenNames: 'Juan' }))),
    ).toBe('CONFLICT:attendance.error.duplicateDni');
    expect(
      codeOf(() =>
        saveOrganization(db, e, {
          name: 'comunidad campesina TINKIWASI',
          type: 'comunidadCampesina',
          community: '',
          standingProof: 'none',
          standingRef: '',
        }),
      ),
    ).toBe('CONFLICT:attendance.error.duplicateOrganization');
  });

  it('an import with people without a DNI (two of the same name) replays clean', () => {
    importRegistry(
      db,
      e,
      {
        organizations: [],
        participants: [
          { ...person({ dni: '40000009' }), organizationKey: null },
          { ...person({ givenNames: 'Juana' }), organizationKey: null },
          { ...person({ givenNames: 'Juana' }), organizationKey: null },
          { ...person({}), organizationKey: null },
        ],
      },
      'padron.csv',
    );
    expect(checkConsistency(db)).toMatchObject({ ok: true, problems: [] });
    // A third Juana added by raw SQL has no entry of the import left: found.
    db.prepare(
      "INSERT INTO participant (id, dni, given_names, surnames, sex, language, organization_id, role, authorization, voice, accreditation, created_at) SELECT 'forged', dni, given_names, surnames, sex, language, organization_id, role, authorization, voice, accreditation, created_at FROM participant WHERE given_names = 'Juana' LIMIT 1",
    ).run();
    expect(checkConsistency(db).problems).toEqual([
      { table: 'participant', key: 'forged', what: 'row without an event' },
    ]);
  });

  it('an import with one clash writes nothing at all', () => {
    saveParticipant(db, e, person({ dni: '40000001' }));
    const before = listParticipants(db).length;
    const seqBefore = db.prepare('SELECT max(seq) FROM event').pluck().get();
    const r = codeOf(() =>
      importRegistry(
        db,
        e,
        {
          organizations: [
            {
              key: 'cc',
              name: 'CC Upis',
              type: 'comunidadCampesina',
              community: 'Upis',
              standingProof: 'none',
              standingRef: '',
            },
          ],
          participants: [
            { ...person({ dni: '40000002' }), organizationKey: 'cc' },
            { ...person({ dni: '40000001' }), organizationKey: null },
          ],
        },
        'padron.csv',
      ),
    );
    expect(r).toBe('CONFLICT:attendance.error.duplicateDni');
    expect(listParticipants(db)).toHaveLength(before);
    expect(
      db.prepare("SELECT count(*) FROM organization WHERE name = 'CC Upis'").pluck().get(),
    ).toBe(0);
    expect(db.prepare('SELECT max(seq) FROM event').pluck().get()).toBe(seqBefore);
  });

  it('checks in once per venue and day; undo and check-out are kept, not erased', () => {
    const p = saveParticipant(db, e, person({ dni: '40000003' }));
    const r = checkIn(db, e, {
      participantId: p.id,
      venueId: venue,
      day: '2026-05-14',
      signMethod: 'thumbprint',
      witness: '',
    });
    expect(
      codeOf(() =>
        checkIn(db, e, {
          participantId: p.id,
          venueId: venue,
          day: '2026-05-14',
          signMethod: 'signature',
          witness: '',
        }),
      ),
    ).toBe('CONFLICT:attendance.error.alreadyIn');
    undoCheckIn(db, e, r.id, 'wrong person');
    const again = checkIn(db, e, {
      participantId: p.id,
      venueId: venue,
      day: '2026-05-14',
      signMethod: 'signature',
      witness: '',
    });
    checkOut(db, e, again.id);
    const all = listAttendance(db);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ undoReason: 'wrong person', signMethod: 'thumbprint' });
    expect(all[0]?.undoneAt).toMatch(/^2026-/);
    expect(all[1]?.checkedOutAt).not.toBeNull();
    expect(
      codeOf(() =>
        checkIn(db, e, {
          participantId: p.id,
          venueId: venue,
          day: '2026-05-14',
          signMethod: 'ruego',
          witness: ' ',
        }),
      ),
    ).toBe('INVALID_INPUT:attendance.error.witnessNeeded');
    expect(verifyChain(db).ok).toBe(true);
  });

  it('a walk-in is registered and checked in in one step, or not at all', () => {
    saveParticipant(db, e, person({ dni: '40000009' }));
    const n = listParticipants(db).length;
    expect(
      codeOf(() =>
        walkIn(db, e, person({ dni: '40000009', givenNames: 'Otro' }), {
          venueId: venue,
          day: '2026-05-14',
          signMethod: 'signature',
          witness: '',
        }),
      ),
    ).toBe('CONFLICT:attendance.error.duplicateDni');
    expect(listParticipants(db)).toHaveLength(n);
    walkIn(db, e, person({ dni: '', givenNames: 'Teodora', accreditation: 'pending' }), {
      venueId: venue,
      day: '2026-05-14',
      signMethod: 'ruego',
      witness: 'Prof. Edgar',
    });
    expect(listParticipants(db)).toHaveLength(n + 1);
    expect(listAttendance(db)).toHaveLength(1);
  });

  it('the vote of an organisation goes to the titular, else the suplente, else the delegate', () => {
    const org = saveOrganization(db, e, {
      name: 'CC Sallani',
      type: 'comunidadCampesina',
      community: 'Sallani',
      standingProof: 'publicRegistry',
      standingRef: '',
    });
    const tit = saveParticipant(
      db,
      e,
      person({ dni: '40000011', organizationId: org.id, role: 'titular' }),
    );
    const sup = saveParticipant(
      db,
      e,
      person({ dni: '40000012', organizationId: org.id, role: 'suplente' }),
    );
    const del = saveParticipant(
      db,
      e,
      person({
        dni: '40000013',
        organizationId: org.id,
        role: 'delegate',
        authorization: 'Acta 12/04',
      }),
    );
    saveParticipant(
      db,
      e,
      person({ dni: '40000014', organizationId: null, role: 'member', voice: 'voiceOnly' }),
    );
    const setup = getSetup(db);
    const presence = () =>
      computePresence({
        organizations: [org],
        participants: listParticipants(db),
        attendance: listAttendance(db),
        venueId: venue,
        day: '2026-05-14',
        voteRule: 'perOrganization',
        quorum: setup.quorum,
      });
    const inDel = checkIn(db, e, {
      participantId: del.id,
      venueId: venue,
      day: '2026-05-14',
      signMethod: 'signature',
      witness: '',
    });
    expect(presence().voteHolders).toEqual([
      { organizationId: org.id, participantId: del.id, basis: 'delegate' },
    ]);
    const inSup = checkIn(db, e, {
      participantId: sup.id,
      venueId: venue,
      day: '2026-05-14',
      signMethod: 'signature',
      witness: '',
    });
    expect(presence().voteHolders[0]?.participantId).toBe(sup.id);
    checkIn(db, e, {
      participantId: tit.id,
      venueId: venue,
      day: '2026-05-14',
      signMethod: 'signature',
      witness: '',
    });
    expect(presence().voteHolders).toEqual([
      { organizationId: org.id, participantId: tit.id, basis: 'titular' },
    ]);
    expect(presence().total).toBe(3);
    expect(presence().quorum).toEqual({
      unit: 'organizations',
      required: 1,
      actual: 1,
      base: 1,
      met: true,
    });
    checkOut(db, e, inSup.id);
    undoCheckIn(db, e, inDel.id, 'x');
    expect(presence().total).toBe(1);
  });

  it('logs invitations against known organisations only', () => {
    expect(
      codeOf(() =>
        addInvitation(db, e, {
          organizationId: 'nope',
          sentOn: '2026-05-01',
          channel: 'radio',
          note: '',
        }),
      ),
    ).toBe('NOT_FOUND:attendance.error.noOrganization');
  });
});
