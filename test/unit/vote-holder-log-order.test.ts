// Who came first is the log's order, not the laptop's clock. A fresh workshop with its registry
// from a municipal CSV, one vote per organisation, and two presidents (titulars) of one
// community: Dionisio checks in at 15:00, the facilitator sets the laptop's clock back an hour
// and Rosa checks in "at 14:00". Under the old rule (check-in time) the vote passed to Rosa, the
// later arrival. Here it stays with Dionisio everywhere the rule is read: the door's presence
// (registry:get, computed in the renderer), the kiosk (holderOf), the round's close and its
// tally, `minka check` (which now recounts the close's holders) and the sealed Acta.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Core, type OpenWorkshop } from '../../electron/core/core';
import { checkRecord, checkWorkshopFile } from '../../electron/check/check';
import { demoSetup } from '../../electron/demo/demo';
import { reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { closeRound } from '../../electron/voting/close-round';
import { enterCount } from '../../electron/voting/hands';
import { holderOf } from '../../electron/voting/holders';
import { roundDetail } from '../../electron/voting/round-reads';
import { createRound, openRound } from '../../electron/voting/voting';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import type { Env } from '../../electron/workshop/workshop';
import { getSetup } from '../../electron/workshop/workshop';
import { presenceWith, registryFacts } from '../../shared/attendance/presence';
import { decodeText } from '../../shared/csv/decode';
import { parseCsv } from '../../shared/csv/parse';
import { locateRegistryHeader } from '../../shared/csv/registry-mapping';
import { guessMapping, previewRegistryImport } from '../../shared/csv/registry-import';
import { roleMapping } from '../../shared/csv/registry-roles';
import { forge } from '../helpers/forge-event';
import { seal } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';
import { tempDir } from '../helpers/tmp';

const CSV = [
  'PADRÓN DE AGENTES PARTICIPANTES - PRESUPUESTO PARTICIPATIVO 2027;;;;;;;;',
  'N°;APELLIDO PATERNO;APELLIDO MATERNO;NOMBRES;DNI;SEXO;ORGANIZACIÓN;COMUNIDAD;CARGO',
  '1;Chambi;Mamani;Dionisio;10722233;M;Comunidad Campesina de Ccollpa;Ccollpa;Presidente',
  '2;Qispe;Ccori;Rosa;04417761;F;Comunidad Campesina de Ccollpa;Ccollpa;Presidente',
  '3;Sullca;Waman;Martina;69106871;F;Comunidad Campesina de Ccollpa;Ccollpa;Secretaria',
  '4;Huamán;Quispe;Teófilo;01234567;M;Comunidad Campesina de Pacchanta;Pacchanta;Presidente',
  '5;Ñahui;Condori;Eusebia;42000871;F;Comunidad Campesina de Pacchanta;Pacchanta;Socio',
  '6;Mamani;Huaman;Fortunato;23981102;M;APAFA I.E. 50412;Ocongate;Presidente',
].join('\r\n');

const HOUR = 3600_000;

async function ok<T>(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

interface Person {
  id: string;
  givenNames: string;
  organizationId: string | null;
}

describe('an organisation’s vote stays with the first in the log, whatever the clock says', () => {
  let dir: string;
  let cleanup: () => void;
  let core: Core;
  let w: OpenWorkshop;
  let clock: number;
  let n = 0;
  const env: Env = {
    now: () => new Date((clock += 1000)),
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
  let byName: Map<string, Person>;
  let venue: { id: string; date: string };
  let file: string;

  const checkIn = async (name: string) =>
    (
      await ok<{ value: { id: string; checkInSeq: number; checkedInAt: string } }>(
        core.dispatch('attendance:checkIn', {
          workshopId: w.id,
          participantId: byName.get(name)!.id,
          venueId: venue.id,
          day: venue.date,
          signMethod: 'signature',
          witness: '',
        }),
      )
    ).value;

  /** What the door computes in the renderer from what it loads (registry:get). */
  const doorHolder = async (org: string) => {
    const data = await ok<{
      organizations: Parameters<typeof registryFacts>[0];
      participants: Parameters<typeof registryFacts>[1];
      attendance: Parameters<typeof presenceWith>[1]['attendance'];
    }>(core.dispatch('registry:get', { workshopId: w.id }));
    const setup = getSetup(w.db);
    const p = presenceWith(registryFacts(data.organizations, data.participants), {
      attendance: data.attendance,
      venueId: venue.id,
      day: venue.date,
      voteRule: setup.voteRule,
      quorum: setup.quorum,
    });
    return p.voteHolders.find((h) => h.organizationId === org)?.participantId;
  };

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('minka-holders-'));
    clock = Date.parse('2026-05-14T15:00:00Z');
    n = 0;
    core = new Core({ dataDir: dir, host: 'cli', env });
    const base = demoSetup();
    file = join(dir, 'taller.minka');
    w = core.createFile(file, {
      ...base,
      venues: base.venues.slice(0, 1),
      voteRule: 'perOrganization',
    });
    // As the Padrón's import reads a municipal file: Windows-1252 bytes, a title row.
    const { titleRows: _title, ...parsed } = locateRegistryHeader(
      parseCsv(decodeText(Buffer.from(CSV, 'latin1')).text),
    );
    const choices = new Map([
      ['presidente', 'titular' as const],
      ['secretaria', 'member' as const],
      ['socio', 'member' as const],
    ]);
    const pre = previewRegistryImport(
      parsed,
      guessMapping(parsed.header),
      { dnis: new Set(), organizationNames: new Map() },
      choices,
    );
    expect(pre.errors).toEqual([]);
    await ok(
      core.dispatch('registry:import', {
        workshopId: w.id,
        source: 'padron-2027.csv',
        organizations: pre.organizations,
        participants: pre.participants.map((p) => ({ ...p, organizationId: null })),
        roleMapping: roleMapping(pre.roles),
      }),
    );
    const reg = await ok<{ participants: (Person & { role: string })[] }>(
      core.dispatch('registry:get', { workshopId: w.id }),
    );
    await ok(
      core.dispatch('registry:setAccreditation', {
        workshopId: w.id,
        participantIds: reg.participants.map((p) => p.id),
        status: 'accredited',
      }),
    );
    byName = new Map(reg.participants.map((p) => [p.givenNames, p]));
    expect(byName.get('Rosa')).toMatchObject({ role: 'titular' });
    expect(byName.get('Dionisio')).toMatchObject({ role: 'titular' });
    const v = getSetup(w.db).venues[0]!;
    venue = { id: v.id, date: v.date };
  });

  afterEach(() => {
    core.closeAll();
    cleanup();
  });

  /** Dionisio at 15:00, then the clock set back an hour, then Rosa "at 14:00". */
  async function clockSetBack() {
    const first = await checkIn('Dionisio');
    await checkIn('Teófilo');
    clock -= HOUR;
    const second = await checkIn('Rosa');
    expect(second.checkedInAt < first.checkedInAt).toBe(true);
    // Read from the log itself, not from what the answer says.
    const seqOf = (id: string) =>
      w.db
        .prepare(
          "SELECT seq FROM event WHERE type = 'attendance.checkedIn' AND json_extract(payload, '$.id') = ?",
        )
        .pluck()
        .get(id) as number;
    expect(seqOf(second.id)).toBeGreaterThan(seqOf(first.id));
  }

  /** A show-of-hands round with two admitted proposals, counted and closed. */
  function closeARound(): string {
    const sector = getSetup(w.db).sectors[0]!.id;
    const items = [1, 2].map((i) => {
      const p = saveProposal(w.db, env, {
        code: `P-00${i}`,
        title: `Riego ${i}`,
        description: '',
        sectorId: sector,
        community: 'Ccollpa',
        organizationId: null,
        estimatedCostCents: 100_000_00,
        beneficiaries: 40,
        cui: '',
        cofinancingCents: 0,
        carriedFrom: '',
      });
      reviewProposal(w.db, env, {
        proposalId: p.id,
        decision: 'admitted',
        reason: null,
        explanation: '',
      });
      return p.id;
    });
    const round = createRound(w.db, env, roundInput({ venueId: venue.id, day: venue.date }));
    openRound(w.db, env, round.id);
    for (const itemId of items)
      enterCount(w.db, env, { roundId: round.id, itemId, operator: 'A', count: 2 });
    closeRound(w.db, env, round.id);
    return round.id;
  }

  it('the door, the kiosk, the close and its tally give the vote to Dionisio', async () => {
    await clockSetBack();
    const ccollpa = byName.get('Rosa')!.organizationId!;
    const dionisio = byName.get('Dionisio')!.id;
    const rosa = byName.get('Rosa')!.id;
    expect(await doorHolder(ccollpa)).toBe(dionisio);
    // The kiosk asks who holds a vote one person at a time (holderOf).
    const here = { venueId: venue.id, day: venue.date };
    expect(holderOf(w.db, here, dionisio)).toMatchObject({ organizationId: ccollpa });
    expect(holderOf(w.db, here, rosa)).toBeUndefined();

    const closed = closeARound();
    const detail = roundDetail(w.db, closed);
    expect(detail.round.snapshot?.holders.map((h) => h.participantId).sort()).toEqual(
      [dionisio, byName.get('Teófilo')!.id].sort(),
    );
    expect(detail.round.snapshot?.holdersBy).toBe('log');
  });

  it('leaving and coming back puts Dionisio behind Rosa until she leaves', async () => {
    await clockSetBack();
    const ccollpa = byName.get('Rosa')!.organizationId!;
    const reg = await ok<{ attendance: { id: string; participantId: string }[] }>(
      core.dispatch('registry:get', { workshopId: w.id }),
    );
    const his = reg.attendance.find((a) => a.participantId === byName.get('Dionisio')!.id)!;
    await ok(core.dispatch('attendance:checkOut', { workshopId: w.id, id: his.id }));
    expect(await doorHolder(ccollpa)).toBe(byName.get('Rosa')!.id);
    clock -= HOUR; // and back once more: the return is still after Rosa in the log
    await checkIn('Dionisio');
    expect(await doorHolder(ccollpa)).toBe(byName.get('Rosa')!.id);
  });

  it('minka check recounts the close by the log, and finds a close that gave the vote to Rosa', async () => {
    await clockSetBack();
    closeARound();
    const r = checkRecord(w.db);
    expect(r.results.problems).toEqual([]);
    expect(r.results.ok).toBe(true);
    // The clock set back is still named (reported, not failing).
    expect(r.clock.backwards.map((b) => b.type)).toEqual(['attendance.checkedIn']);
    core.closeAll();

    // The adversary rewrites the close's snapshot to give Ccollpa's vote to Rosa, re-chained.
    const rosa = byName.get('Rosa')!.id;
    const dionisio = byName.get('Dionisio')!.id;
    const moved = (text: string) => text.split(dionisio).join(rosa);
    forge(file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(moved(close.payload), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(
        moved(db.prepare('SELECT snapshot FROM voting_round').pluck().get() as string),
      );
    });
    const forged = checkWorkshopFile(file);
    expect(forged.ok).toBe(false);
    const holders = forged.results?.problems.filter((p) => p.holders) ?? [];
    expect(holders).toHaveLength(1);
    expect(holders[0]!.what).toContain(rosa);

    // A close without `holdersBy` is recounted by check-in time (the older rule) and by the log
    // too (adv29: deleting the mark is a forger's move): Rosa's "14:00" agrees with the clock,
    // not with the log, so check names the recorded holder, the first in the log, and the mark.
    forge(file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      const p = JSON.parse(close.payload) as { snapshot: Record<string, unknown> };
      delete p.snapshot['holdersBy'];
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(JSON.stringify(p), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(JSON.stringify(p.snapshot));
    });
    const older = checkWorkshopFile(file);
    expect(older.ok).toBe(false);
    const named = older.results?.problems.filter((p) => p.holders) ?? [];
    expect(named).toHaveLength(1);
    expect(named[0]!.what).toContain(rosa);
    expect(named[0]!.what).toContain(dionisio);
    expect(named[0]!.what).toContain('no log-order marker');
  });

  it('an older close (no holdersBy) where the clock and the log agree stays green (adv29)', async () => {
    await checkIn('Dionisio');
    await checkIn('Teófilo');
    await checkIn('Rosa');
    closeARound();
    core.closeAll();
    forge(file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      const p = JSON.parse(close.payload) as { snapshot: Record<string, unknown> };
      delete p.snapshot['holdersBy'];
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(JSON.stringify(p), close.seq);
      db.prepare('UPDATE voting_round SET snapshot = ?').run(JSON.stringify(p.snapshot));
    });
    const older = checkWorkshopFile(file);
    expect(older.results?.problems).toEqual([]);
    expect(older.ok).toBe(true);
  });

  it('the Acta prints Dionisio among those entitled to vote, not Rosa', async () => {
    await clockSetBack();
    const round = closeARound();
    chooseOfficialRound(w.db, env, { roundId: round, confirmed: officialWarnings(w.db, round) });
    const pdf = await seal(w.db, dir, '2026-05-14T18:00:00Z');
    const f = join(dir, 'acta.pdf');
    writeFileSync(f, pdf);
    const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    const line = /Habilitados para votar: (.*?Ccollpa: [^;]+)/.exec(text)?.[1] ?? '';
    expect(line).toContain('Comunidad Campesina de Ccollpa: CHAMBI MAMANI, Dionisio');
    expect(line).not.toContain('Rosa');
    // The attendee table (layout 8) marks the same holder: Dionisio with voice and vote, Rosa
    // (a second president, later in the log though earlier by the clock) with voice only.
    expect(text).toMatch(/CHAMBI MAMANI, Dionisio \d+ Titular Varón Voz y voto /);
    expect(text).toMatch(/QISPE CCORI, Rosa \d+ Titular Mujer Voz \d/);
  });
});
