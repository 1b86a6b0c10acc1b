// The vote-holder workshop several tests share (vote-holder-log-order, adversary29): a fresh
// workshop with one venue and one vote per organisation, its registry imported from a municipal
// CSV (Windows-1252, a title row) and accredited; two presidents (titulars) of Ccollpa, Dionisio
// and Rosa. `useHoldersWorkshop()` makes one before each test and closes it after.
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import { Core, type OpenWorkshop } from '../../electron/core/core';
import { demoSetup } from '../../electron/demo/demo';
import { reviewProposal, saveProposal } from '../../electron/proposals/proposals';
import { closeRound } from '../../electron/voting/close-round';
import { enterCount } from '../../electron/voting/hands';
import { createRound, openRound } from '../../electron/voting/voting';
import type { Env } from '../../electron/workshop/workshop';
import { getSetup } from '../../electron/workshop/workshop';
import { presenceWith, registryFacts } from '../../shared/attendance/presence';
import { decodeText } from '../../shared/csv/decode';
import { parseCsv } from '../../shared/csv/parse';
import { locateRegistryHeader } from '../../shared/csv/registry-mapping';
import { guessMapping, previewRegistryImport } from '../../shared/csv/registry-import';
import { roleMapping } from '../../shared/csv/registry-roles';
import { roundInput } from './round-input';
import { tempDir } from './tmp';

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

export const HOUR = 3600_000;

/** A dispatch's value, or the error it answered thrown. */
export async function ok<T>(
  p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>,
): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

export interface Person {
  id: string;
  givenNames: string;
  organizationId: string | null;
}

export class HoldersWorkshop {
  dir = '';
  file = '';
  core!: Core;
  w!: OpenWorkshop;
  /** The laptop's clock (ms); each event moves it on a second; a test may set it back. */
  clock = 0;
  byName = new Map<string, Person>();
  venue = { id: '', date: '' };
  private cleanup = () => {};
  private n = 0;
  readonly env: Env = {
    now: () => new Date((this.clock += 1000)),
    newId: () => `00000000-0000-4000-8000-${String(++this.n).padStart(12, '0')}`,
  };

  async open(): Promise<void> {
    ({ dir: this.dir, cleanup: this.cleanup } = tempDir('minka-holders-'));
    this.clock = Date.parse('2026-05-14T15:00:00Z');
    this.n = 0;
    this.core = new Core({ dataDir: this.dir, host: 'cli', env: this.env });
    const base = demoSetup();
    this.file = join(this.dir, 'taller.minka');
    this.w = this.core.createFile(this.file, {
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
    const workshopId = this.w.id;
    await ok(
      this.core.dispatch('registry:import', {
        workshopId,
        source: 'padron-2027.csv',
        organizations: pre.organizations,
        participants: pre.participants.map((p) => ({ ...p, organizationId: null })),
        roleMapping: roleMapping(pre.roles),
      }),
    );
    const reg = await ok<{ participants: (Person & { role: string })[] }>(
      this.core.dispatch('registry:get', { workshopId }),
    );
    await ok(
      this.core.dispatch('registry:setAccreditation', {
        workshopId,
        participantIds: reg.participants.map((p) => p.id),
        status: 'accredited',
      }),
    );
    this.byName = new Map(reg.participants.map((p) => [p.givenNames, p]));
    expect(this.byName.get('Rosa')).toMatchObject({ role: 'titular' });
    expect(this.byName.get('Dionisio')).toMatchObject({ role: 'titular' });
    const v = getSetup(this.w.db).venues[0]!;
    this.venue = { id: v.id, date: v.date };
  }

  close(): void {
    this.core.closeAll();
    this.cleanup();
  }

  /** A check-in at the door, through dispatch, by given name. */
  checkIn = async (name: string) =>
    (
      await ok<{ value: { id: string; checkInSeq: number; checkedInAt: string } }>(
        this.core.dispatch('attendance:checkIn', {
          workshopId: this.w.id,
          participantId: this.byName.get(name)!.id,
          venueId: this.venue.id,
          day: this.venue.date,
          signMethod: 'signature',
          witness: '',
        }),
      )
    ).value;

  /** What the door computes in the renderer from what it loads (registry:get). */
  doorHolder = async (org: string) => {
    const data = await ok<{
      organizations: Parameters<typeof registryFacts>[0];
      participants: Parameters<typeof registryFacts>[1];
      attendance: Parameters<typeof presenceWith>[1]['attendance'];
    }>(this.core.dispatch('registry:get', { workshopId: this.w.id }));
    const setup = getSetup(this.w.db);
    const p = presenceWith(registryFacts(data.organizations, data.participants), {
      attendance: data.attendance,
      venueId: this.venue.id,
      day: this.venue.date,
      voteRule: setup.voteRule,
      quorum: setup.quorum,
    });
    return p.voteHolders.find((h) => h.organizationId === org)?.participantId;
  };

  /** Dionisio at 15:00, then the clock set back an hour, then Rosa "at 14:00". */
  clockSetBack = async () => {
    const first = await this.checkIn('Dionisio');
    await this.checkIn('Teófilo');
    this.clock -= HOUR;
    const second = await this.checkIn('Rosa');
    expect(second.checkedInAt < first.checkedInAt).toBe(true);
    // Read from the log itself, not from what the answer says.
    const seqOf = (id: string) =>
      this.w.db
        .prepare(
          "SELECT seq FROM event WHERE type = 'attendance.checkedIn' AND json_extract(payload, '$.id') = ?",
        )
        .pluck()
        .get(id) as number;
    expect(seqOf(second.id)).toBeGreaterThan(seqOf(first.id));
  };

  /** A show-of-hands round with two admitted proposals, counted and closed. */
  closeARound = (): string => {
    const { db } = this.w;
    const env = this.env;
    const sector = getSetup(db).sectors[0]!.id;
    const items = [1, 2].map((i) => {
      const p = saveProposal(db, env, {
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
      reviewProposal(db, env, {
        proposalId: p.id,
        decision: 'admitted',
        reason: null,
        explanation: '',
      });
      return p.id;
    });
    const venue = this.venue;
    const round = createRound(db, env, roundInput({ venueId: venue.id, day: venue.date }));
    openRound(db, env, round.id);
    for (const itemId of items)
      enterCount(db, env, { roundId: round.id, itemId, operator: 'A', count: 2 });
    closeRound(db, env, round.id);
    return round.id;
  };
}

/** One fresh vote-holder workshop for each test of the calling describe block. */
export function useHoldersWorkshop(): HoldersWorkshop {
  const h = new HoldersWorkshop();
  beforeEach(() => h.open());
  afterEach(() => h.close());
  return h;
}
