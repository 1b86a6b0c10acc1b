import { writeFileSync } from 'node:fs';
import { sealWarningIds } from '../../test/helpers/minutes-fixture';
import { verifyMinutesPdf } from '../minutes/verify';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/helpers/store';
import { roundInput } from '../../test/helpers/round-input';
import {
  copyMain,
  handOver,
  type MainFixture,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop, refusal } from '../../test/helpers/venues-each';
import { checkIn, listAttendance, walkIn } from '../attendance/attendance';
import { checkWorkshopFile } from '../check/check';
import { appliedDifferences } from './venues-applied';
import { checkConsistency } from '../check/consistency';
import { openWorkshopDb } from '../platform/db';
import { chainHash, verifyChain } from '../platform/events';
import { getProposal, listMatters, addMatter, saveProposal } from '../proposals/proposals';
import { createRound, getRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { castKioskBallot } from '../voting/kiosk';
import { closeRound } from '../voting/close-round';
import { roundTotals } from '../voting/round-reads';
import { readVenueFile, verifyDeviceChains } from './venues-read';
import { recordConflicts } from './venues-conflicts';
import {
  listConflicts,
  listDevices,
  mergeVenue,
  settleConflict,
  stateDigest,
} from './venues-merge';
import { sealWorkshop } from '../minutes/seal';
import { checkRecord } from '../check/check';
import { MinkaError } from '../platform/classify-error';
import type { Json } from '../../shared/canonical';

let dir: string;
let m: MainFixture;
eachMainWorkshop('minka-venues-', (d, f) => {
  dir = d;
  m = f;
});

describe('venue kits and merge', () => {
  it('a venue records on its own chain, and the merge applies it to the main tables', async () => {
    const v = await venueLaptop(m, 1, 'tinkiwasi');
    const venue = m.venues[1]!;
    const [rosa] = m.people[0]!;
    checkIn(v.db, v.env, {
      participantId: rosa,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
    walkIn(
      v.db,
      v.env,
      {
        dni: '47000001',
        givenNames: 'Teodora',
        surnames: 'Huillca',
        sex: 'F',
        language: 'quz',
        organizationId: m.orgs[1]!,
        role: 'delegate',
        authorization: 'Acta de asamblea',
        // As the door registers a walk-in: main accredits (adv29).
        voice: 'voiceOnly',
        accreditation: 'pending',
      },
      { venueId: venue.id, day: venue.date, signMethod: 'thumbprint', witness: '' },
    );
    const p = saveProposal(v.db, v.env, {
      code: 'P-T01',
      title: 'Posta de salud en Tinkiwasi',
      description: '',
      sectorId: getProposal(m.db, m.proposals[0]!).sectorId,
      community: 'Tinkiwasi',
      organizationId: null,
      estimatedCostCents: 50_000_00,
      beneficiaries: 80,
      cui: '',
      cofinancingCents: 0,
      carriedFrom: '',
    });
    addMatter(v.db, v.env, {
      text: 'Agua del río usada para minería',
      raisedBy: 'Teodora Huillca',
      participantId: null,
    });
    openRound(v.db, v.env, m.rounds[1]!);
    for (const item of m.proposals)
      enterCount(v.db, v.env, { roundId: m.rounds[1]!, itemId: item, operator: 'A', count: 1 });
    closeRound(v.db, v.env, m.rounds[1]!);
    // Every event the venue appended is marked with its device.
    const actors = v.db
      .prepare('SELECT DISTINCT actor FROM event WHERE seq > (SELECT base_seq + 1 FROM venue_kit)')
      .pluck()
      .all();
    expect(actors).toEqual([`device:${v.kitId}`]);
    const file = handOver(v);
    v.db.close();

    const r = mergeVenue(m.db, m.env, file);
    expect(r.held).toEqual([]);
    expect(r.conflicts).toEqual([]);
    // Attendance, proposals, matters and the round's result now include the venue.
    const att = listAttendance(m.db).filter((a) => a.venueId === venue.id);
    expect(att).toHaveLength(2);
    expect(getProposal(m.db, p.id).title).toBe('Posta de salud en Tinkiwasi');
    expect(listMatters(m.db).map((x) => x.text)).toContain('Agua del río usada para minería');
    expect(getRound(m.db, m.rounds[1]!).state).toBe('closed');
    expect(roundTotals(m.db, m.rounds[1]!)).toBeTruthy();
    // The main chain, the replay check and the device's own chain all hold.
    expect(verifyChain(m.db).ok).toBe(true);
    expect(checkConsistency(m.db).problems).toEqual([]);
    const chains = verifyDeviceChains(m.db);
    expect(chains).toHaveLength(1);
    expect(chains[0]).toMatchObject({ ok: true, venue: venue.name });
    expect(listDevices(m.db)[0]).toMatchObject({ venue: venue.name, events: chains[0]!.length });
    // The merge is an event naming each device's chain head.
    const ev = m.db
      .prepare("SELECT payload FROM event WHERE type = 'venues.merged'")
      .pluck()
      .get() as string;
    expect((JSON.parse(ev) as { devices: { head: string }[] }).devices[0]?.head).toBe(
      chains[0]!.head,
    );
    // Merging again adds nothing and changes nothing.
    const before = stateDigest(m.db);
    const len = verifyChain(m.db).length;
    expect(mergeVenue(m.db, m.env, file).added).toBe(0);
    expect(stateDigest(m.db)).toBe(before);
    expect(verifyChain(m.db).length).toBe(len);
  });

  it('lists conflicts side by side, refuses to seal until each is settled, and settlement is an event', async () => {
    // A ballot round at each of two venues on the same day, for the organisation's vote.
    const [, va, vb] = m.venues;
    const ballot = (v: typeof va) =>
      createRound(
        m.db,
        m.env,
        roundInput(
          { venueId: v!.id, day: v!.date },
          {
            title: `Votación ${v!.name}`,
            kind: 'ballot',
            ballotType: 'approval',
            maxChoices: 2,
            itemIds: m.proposals,
          },
        ),
      ).id;
    const ra = ballot(va);
    const rb = ballot(vb);
    const a = await venueLaptop(m, 1, 'a');
    const b = await venueLaptop(m, 2, 'b');
    // A second laptop at venue B (door and desk) that also enters counts for B's round.
    const b2 = await venueLaptop(m, 2, 'b2');
    const [rosa, juan] = m.people[0]!;
    const [rosa3] = m.people[3]!;
    checkIn(a.db, a.env, {
      participantId: rosa,
      venueId: va!.id,
      day: va!.date,
      signMethod: 'signature',
      witness: '',
    });
    checkIn(b.db, b.env, {
      participantId: juan,
      venueId: vb!.id,
      day: vb!.date,
      signMethod: 'signature',
      witness: '',
    });
    checkIn(b.db, b.env, {
      participantId: rosa3,
      venueId: vb!.id,
      day: vb!.date,
      signMethod: 'signature',
      witness: '',
    });
    // Rosa 3 is checked in at both venues.
    checkIn(a.db, a.env, {
      participantId: rosa3,
      venueId: va!.id,
      day: va!.date,
      signMethod: 'signature',
      witness: '',
    });
    // Organisation 1 votes at A (Rosa) and at B (Juan).
    openRound(a.db, a.env, ra);
    castKioskBallot(a.db, a.env, {
      roundId: ra,
      participantId: rosa,
      ballot: { choices: [m.proposals[0]!], points: null },
    });
    openRound(b.db, b.env, rb);
    castKioskBallot(b.db, b.env, {
      roundId: rb,
      participantId: juan,
      ballot: { choices: [m.proposals[1]!], points: null },
    });
    // P-002 edited on both laptops.
    const edit = (v: typeof a, title: string) =>
      saveProposal(v.db, v.env, { ...getProposal(v.db, m.proposals[1]!), title });
    edit(a, 'Canal de riego 2 (Tinkiwasi)');
    edit(b, 'Canal de riego 2 (Pacchanta)');
    // Counts for B's show-of-hands round on both laptops at B.
    for (const v of [b, b2]) {
      checkIn(v.db, v.env, {
        participantId: m.people[5]![0],
        venueId: vb!.id,
        day: vb!.date,
        signMethod: 'signature',
        witness: '',
      });
      openRound(v.db, v.env, m.rounds[2]!);
      for (const item of v === b ? m.proposals : m.proposals.slice(0, 1))
        enterCount(v.db, v.env, {
          roundId: m.rounds[2]!,
          itemId: item,
          operator: 'A',
          count: v === b ? 1 : 0,
        });
    }
    closeRound(b.db, b.env, m.rounds[2]!);
    const files = [a, b, b2].map((v) => {
      const f = handOver(v);
      v.db.close();
      return f;
    });
    for (const f of files) mergeVenue(m.db, m.env, f);
    // Walk-ins pointed at an earlier DNI, held check-ins: what was applied is what was recorded.
    expect(appliedDifferences(m.db)).toEqual([]);
    expect(m.db.prepare('SELECT COUNT(*) FROM applied_event').pluck().get()).toBeGreaterThan(5);
    const conflicts = listConflicts(m.db);
    const kinds = conflicts.map((c) => c.kind).sort();
    expect(kinds).toEqual(['checkIn', 'checkIn', 'orgVote', 'proposalEdit', 'roundCounts']);
    for (const c of conflicts)
      expect(new Set(c.sides.map((s) => s.source)).size).toBeGreaterThan(1);
    const sealData = join(dir, 'main-data');
    await expect(
      sealWorkshop(
        m.db,
        sealData,
        new Date('2026-05-16T22:00:00Z'),
        {
          lang: 'es',
          bilingual: false,
          slips: false,
          passphrase: null,
          acknowledged: sealWarningIds(m.db),
        },
        checkRecord,
      ),
    ).rejects.toMatchObject({ key: 'venues.error.openConflicts' });
    // The facilitator hides the conflicts with a raw SQLite tool: deleted rows, or rows marked
    // settled without the settlement event. The merge events list what each merge found, so
    // `minka check` reports both, and the seal (which runs that check) refuses instead of
    // printing "Conflicts: none" or a settlement nobody recorded.
    const chooseAndSeal = async (file: string, sql: string) => {
      const db = openWorkshopDb(file);
      try {
        db.exec(sql);
        const { chooseOfficialRound, officialWarnings } = await import('../results/official');
        chooseOfficialRound(db, m.env, {
          roundId: m.rounds[2]!,
          confirmed: officialWarnings(db, m.rounds[2]!),
        });
        const err = await sealWorkshop(
          db,
          join(dir, 'tamper-data'),
          new Date('2026-05-16T22:00:00Z'),
          {
            lang: 'es',
            bilingual: false,
            slips: false,
            passphrase: null,
            acknowledged: sealWarningIds(db),
          },
          checkRecord,
        ).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toMatchObject({ key: 'minutes.error.inconsistent', params: { count: 5 } });
        return (err as MinkaError).params['first'];
      } finally {
        db.close();
      }
    };
    const deleted = copyMain(m, 'deleted-conflicts');
    expect(await chooseAndSeal(deleted, 'DELETE FROM merge_conflict')).toMatch(
      /^merge_conflict [0-9a-f]{32}: found by a merge, row missing/,
    );
    expect(await checkWorkshopFile(deleted)).toMatchObject({
      ok: false,
      venues: { ok: false, conflicts: { open: 0, settled: 0 } },
    });
    expect((await checkWorkshopFile(deleted)).venues?.conflicts.missing.sort()).toEqual(
      conflicts.map((c) => c.id).sort(),
    );
    const rawSettled = copyMain(m, 'raw-settled');
    expect(
      await chooseAndSeal(
        rawSettled,
        "UPDATE merge_conflict SET settled_choice = 'main', settled_note = 'ok', settled_at = '2026-05-16T21:00:00.000Z'",
      ),
    ).toMatch(/^merge_conflict [0-9a-f]{32}: settled without its event/);
    // A forged row (no merge found it) is reported too.
    const forged = copyMain(m, 'forged-conflict');
    const f = new Database(forged);
    f.prepare(
      "INSERT INTO merge_conflict (id, kind, subject, detail, found_at) VALUES ('f0', 'checkIn', 'x', '{}', '2026-05-16T21:00:00.000Z')",
    ).run();
    f.close();
    expect((await checkWorkshopFile(forged)).venues?.conflicts.unlisted).toEqual(['f0']);
    // Settle: Rosa 3 stands at A; B's title stands; votes and counts recorded with a reason.
    // The person as the door and the registry show them (displayName): surnames first.
    const rosa3c = conflicts.find(
      (c) => c.kind === 'checkIn' && c.label.startsWith('QUISPE MAMANI, Rosa 4 ('),
    )!;
    expect(rosa3c).toBeDefined();
    const orgVote = conflicts.find((c) => c.kind === 'orgVote')!;
    expect(orgVote.sides.map((x) => (x.what as { person: string }).person).sort()).toEqual([
      expect.stringMatching(/^QUISPE MAMANI, Juan 1 \(/),
      expect.stringMatching(/^QUISPE MAMANI, Rosa 1 \(/),
    ]);
    expect(
      codeOf(() => settleConflict(m.db, m.env, { id: rosa3c.id, choice: a.kitId, note: '' })),
    ).toBe('INVALID_INPUT:venues.error.noteNeeded');
    settleConflict(m.db, m.env, {
      id: rosa3c.id,
      choice: a.kitId,
      note: 'Firmó primero en Tinkiwasi',
    });
    expect(
      listAttendance(m.db)
        .filter((x) => x.participantId === rosa3 && x.undoneAt === null)
        .map((x) => x.venueId),
    ).toEqual([va!.id]);
    const pc = conflicts.find((c) => c.kind === 'proposalEdit')!;
    settleConflict(m.db, m.env, {
      id: pc.id,
      choice: b.kitId,
      note: 'La asamblea de Pacchanta lo formuló',
    });
    expect(getProposal(m.db, m.proposals[1]!).title).toBe('Canal de riego 2 (Pacchanta)');
    for (const c of listConflicts(m.db).filter((x) => !x.settled))
      settleConflict(m.db, m.env, {
        id: c.id,
        choice: c.sides[0]!.source,
        note: 'Revisado con el comité',
      });
    expect(
      m.db
        .prepare("SELECT COUNT(*) FROM event WHERE type = 'venues.conflictSettled'")
        .pluck()
        .get(),
    ).toBe(5);
    expect(listConflicts(m.db).every((c) => c.settled !== null)).toBe(true);
    // A conflict recorded by an older build (given names first) is relabelled by the next
    // merge's look, and its settlement stands: only a new side reopens a conflict.
    // (On a copy, so the test goes on from the settled state; venues-settled.test.ts: P-002.)
    const older = openWorkshopDb(copyMain(m, 'older-label'));
    try {
      older
        .prepare(
          "UPDATE merge_conflict SET detail = replace(detail, 'QUISPE MAMANI, Rosa 4', 'Rosa 4 Quispe Mamani')",
        )
        .run();
      expect(listConflicts(older).find((c) => c.id === rosa3c.id)?.label).toMatch(/^Rosa 4 Q/);
      expect(recordConflicts(older)).not.toContain(rosa3c.id);
      const relabelled = listConflicts(older).find((c) => c.id === rosa3c.id);
      expect(relabelled?.label).toMatch(/^QUISPE MAMANI, Rosa 4 \(/);
      expect(relabelled?.settled?.note).toBe('Firmó primero en Tinkiwasi');
    } finally {
      older.close();
    }
    expect(checkConsistency(m.db).problems).toEqual([]);
    // The Acta: a page of every device and every conflict with its settlement, signed and verifiable.
    const { chooseOfficialRound, officialWarnings } = await import('../results/official');
    expect(getRound(m.db, m.rounds[2]!).state).toBe('closed');
    chooseOfficialRound(m.db, m.env, {
      roundId: m.rounds[2]!,
      confirmed: officialWarnings(m.db, m.rounds[2]!),
    });
    // With MINKA_SHOTS set, the same Acta in Quechua from a copy, for looking at.
    const shots = process.env['MINKA_SHOTS'];
    if (shots) {
      const quz = openWorkshopDb(copyMain(m, 'quz'));
      const q = await sealWorkshop(
        quz,
        sealData,
        new Date('2026-05-16T22:00:00Z'),
        {
          lang: 'quz',
          bilingual: true,
          slips: false,
          passphrase: null,
          acknowledged: [...sealWarningIds(quz), 'actaLang:quz'],
        },
        checkRecord,
      );
      writeFileSync(join(shots, 'acta-venues-quz.pdf'), q.pdf);
      quz.close();
    }
    const sealed = await sealWorkshop(
      m.db,
      sealData,
      new Date('2026-05-16T22:00:00Z'),
      {
        lang: 'es',
        bilingual: true,
        slips: false,
        passphrase: null,
        acknowledged: sealWarningIds(m.db),
      },
      checkRecord,
    );
    const v = await verifyMinutesPdf(sealed.pdf);
    expect(v.verdict).toBe('authentic');
    const payload = v.payload as {
      devices: { venue: string; events: number }[];
      conflicts: { choiceVenue: string; note: string }[];
    };
    expect(payload.devices.map((d) => d.venue)).toEqual([va!.name, vb!.name, vb!.name].sort());
    expect(payload.conflicts).toHaveLength(5);
    expect(payload.conflicts.map((c) => c.note)).toContain('Firmó primero en Tinkiwasi');
    if (shots) writeFileSync(join(shots, 'acta-venues-es.pdf'), sealed.pdf);
  });

  it('kiosk ballots of a venue round (secret: no event each) are counted in the main workshop', async () => {
    const venue = m.venues[1]!;
    const round = createRound(
      m.db,
      m.env,
      roundInput(
        { venueId: venue.id, day: venue.date },
        {
          title: 'Votación Tinkiwasi',
          kind: 'ballot',
          ballotType: 'approval',
          maxChoices: 2,
          itemIds: m.proposals,
        },
      ),
    ).id;
    const v = await venueLaptop(m, 1, 'kiosk');
    openRound(v.db, v.env, round);
    for (const [k, [titular]] of m.people.slice(0, 3).entries()) {
      checkIn(v.db, v.env, {
        participantId: titular,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
      castKioskBallot(v.db, v.env, {
        roundId: round,
        participantId: titular,
        ballot: { choices: [m.proposals[k % 2]!], points: null },
      });
    }
    closeRound(v.db, v.env, round);
    const venueTotals = roundTotals(v.db, round);
    const file = handOver(v);
    v.db.close();
    const r = mergeVenue(m.db, m.env, file);
    expect(r.held).toEqual([]);
    expect(getRound(m.db, round).state).toBe('closed');
    expect(roundTotals(m.db, round)).toEqual(venueTotals);
    expect(checkConsistency(m.db).problems).toEqual([]);
    // The close's kiosk ballots and every other applied event agree with the device's events.
    expect((await checkWorkshopFile(copyMain(m, 'checked'))).venues?.ok).toBe(true);
  });

  it('merging A then B equals B then A, byte for byte in the state', async () => {
    const a = await venueLaptop(m, 1, 'a');
    const b = await venueLaptop(m, 2, 'b');
    const [rosa] = m.people[2]!;
    for (const v of [a, b]) {
      const venue = m.venues[v === a ? 1 : 2]!;
      checkIn(v.db, v.env, {
        participantId: rosa,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
      saveProposal(v.db, v.env, {
        ...getProposal(v.db, m.proposals[0]!),
        title: `Versión ${v === a ? 'A' : 'B'}`,
      });
    }
    const fa = handOver(a);
    const fb = handOver(b);
    a.db.close();
    b.db.close();
    const one = openWorkshopDb(copyMain(m, 'one'));
    const two = openWorkshopDb(copyMain(m, 'two'));
    mergeVenue(one, m.env, fa);
    mergeVenue(one, m.env, fb);
    mergeVenue(two, m.env, fb);
    mergeVenue(two, m.env, fa);
    mergeVenue(two, m.env, fa);
    expect(stateDigest(one)).toBe(stateDigest(two));
    expect(
      listConflicts(one)
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['checkIn', 'proposalEdit']);
    one.close();
    two.close();
  });
});

describe('a venue file edited in transit is refused', () => {
  async function recorded() {
    const v = await venueLaptop(m, 1, 'a');
    const venue = m.venues[1]!;
    for (const [t] of m.people.slice(0, 3))
      checkIn(v.db, v.env, {
        participantId: t,
        venueId: venue.id,
        day: venue.date,
        signMethod: 'signature',
        witness: '',
      });
    const f = handOver(v);
    v.db.close();
    return { v, f };
  }
  const raw = (file: string, fn: (db: Database.Database) => void) => {
    const db = new Database(file);
    db.exec('DROP TRIGGER event_no_update');
    fn(db);
    db.close();
  };

  it('an edited event: refused with the file, the device and the event', async () => {
    const { f } = await recorded();
    const last = new Database(f, { readonly: true })
      .prepare('SELECT max(seq) FROM event')
      .pluck()
      .get() as number;
    raw(f, (db) =>
      db
        .prepare(
          "UPDATE event SET payload = replace(payload, 'signature', 'thumbprint') WHERE seq = ?",
        )
        .run(last),
    );
    const msg = refusal(() => mergeVenue(m.db, m.env, f));
    expect(msg).toContain('venues.refused.chain');
    expect(msg).toContain(`"seq":${last}`);
    expect(msg).toContain('"file":"a.minka"');
    expect(msg).toContain('"reason":"hash"');
  });

  it('re-chained and re-signed by the venue key holder after a first merge: refused, it diverges', async () => {
    const { v, f } = await recorded();
    mergeVenue(m.db, m.env, f);
    // The holder of the venue laptop rewrites an event, recomputes every hash and signs again.
    const db = openWorkshopDb(f);
    db.exec('DROP TRIGGER event_no_update');
    const rows = db.prepare('SELECT * FROM event ORDER BY seq').all() as {
      seq: number;
      at: string;
      actor: string;
      type: string;
      payload: string;
      prev_hash: string;
      hash: string;
    }[];
    const target = rows[rows.length - 1]!.seq;
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const payload = r.seq === target ? r.payload.replace('signature', 'ruego') : r.payload;
      const h = chainHash(prev, {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        type: r.type,
        payload: JSON.parse(payload) as Json,
      });
      db.prepare('UPDATE event SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        payload,
        prev,
        h,
        r.seq,
      );
      prev = h;
    }
    db.prepare('DELETE FROM device_seal').run();
    const { signDeviceHead } = await import('./venues');
    expect(signDeviceHead(db, v.dataDir)).toBe(true);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(readVenueFile(f).events.length).toBeGreaterThan(0);
    const msg = refusal(() => mergeVenue(m.db, m.env, f));
    expect(msg).toContain('diverges');
    expect(msg).toContain(`"seq":${target}`);
  });

  it('re-signed with a changed event from the kit (before the venue began): refused, the kit binding fails', async () => {
    const { v, f } = await recorded();
    const db = openWorkshopDb(f);
    db.exec('DROP TRIGGER event_no_update');
    const rows = db.prepare('SELECT * FROM event ORDER BY seq').all() as {
      seq: number;
      at: string;
      actor: string;
      type: string;
      payload: string;
      prev_hash: string;
      hash: string;
    }[];
    let prev = '0'.repeat(64);
    for (const r of rows) {
      // A participant's name changed in the registry the kit carried.
      const payload =
        r.type === 'registry.participantSaved' ? r.payload.replace('Rosa 1', 'Rosa X') : r.payload;
      const h = chainHash(prev, {
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        type: r.type,
        payload: JSON.parse(payload) as Json,
      });
      db.prepare('UPDATE event SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        payload,
        prev,
        h,
        r.seq,
      );
      prev = h;
    }
    db.prepare('DELETE FROM device_seal').run();
    const { signDeviceHead } = await import('./venues');
    signDeviceHead(db, v.dataDir);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(refusal(() => mergeVenue(m.db, m.env, f))).toMatch(/kitBase|kitBinding/);
  });

  it("another workshop's kit, or a kit statement edited: refused", async () => {
    const { f } = await recorded();
    raw(f, (db) =>
      db.prepare("UPDATE venue_kit SET statement = replace(statement, 'Sede', 'Sedd')").run(),
    );
    expect(refusal(() => mergeVenue(m.db, m.env, f))).toContain('kit');
  });
});
