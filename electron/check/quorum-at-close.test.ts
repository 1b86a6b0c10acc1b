// The quorum frozen at a round's close, recomputed by `minka check` and before sealing, from a
// fresh workshop whose registry came from a municipal CSV (Windows-1252, `;`). The adversary
// holds the file and the key: they rewrite the close event's quorum with raw SQLite and
// recompute every hash after it, so the chain verifies. The file must still be refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeText } from '../../shared/csv/decode';
import { parseCsv } from '../../shared/csv/parse';
import { previewRegistryImport } from '../../shared/csv/registry-import';
import { guessMapping } from '../../shared/csv/registry-mapping';
import { checkIn, checkOut } from '../attendance/attendance';
import { demoSetup } from '../demo/demo';
import { seal } from '../../test/helpers/minutes-fixture';
import { forgePayload } from '../../test/helpers/forge-event';
import { fixedEnv } from '../../test/helpers/store';
import { tempDir } from '../../test/helpers/tmp';
import { runCli } from '../../test/helpers/cli';
import { roundInput } from '../../test/helpers/round-input';
import { admittedProposal } from '../../test/helpers/voting-fixture';
import { createWorkshopDb, type Db, openWorkshopDb } from '../platform/db';
import {
  importRegistry,
  listParticipants,
  saveParticipant,
  setAccreditation,
} from '../registry/registry';
import { createRound, openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { closeRound } from '../voting/close-round';
import { storedFrozen } from '../voting/round-freeze';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { type Env, getSetup, initWorkshop } from '../workshop/workshop';
import { checkWorkshopFile } from './check';

const CSV = join(__dirname, '../../test/fixtures/registry/quechua-80.csv');

describe('the quorum frozen at a close is recomputed from the record before it', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;
  let env: Env;
  let db: Db;
  let roundId: string;
  let closeSeq: number;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir('minka-quorum-'));
    file = join(dir, 'w.minka');
    env = fixedEnv();
    createWorkshopDb(file, (d) =>
      initWorkshop(d, env, 'quorum-ws', {
        ...demoSetup(),
        quorum: { kind: 'percent', percent: 50 },
        voteRule: 'perOrganization',
      }),
    );
    db = openWorkshopDb(file);
    const parsed = parseCsv(decodeText(readFileSync(CSV)).text);
    const pre = previewRegistryImport(parsed, guessMapping(parsed.header), {
      dnis: new Set(),
      organizationNames: new Map(),
    });
    importRegistry(
      db,
      env,
      {
        organizations: pre.organizations,
        participants: pre.participants.map((p) => ({ ...p, organizationId: null })),
      },
      'quechua-80.csv',
    );
    const people = listParticipants(db);
    setAccreditation(
      db,
      env,
      people.map((p) => p.id),
      'accredited',
    );
    const venue = getSetup(db).venues[0]!;
    const place = { venueId: venue.id, day: venue.date };
    // Agents of three organisations come in; a member (no agent) too.
    const agents = people.filter((p) => p.role === 'titular' && p.organizationId !== null);
    expect(agents.length).toBeGreaterThan(6);
    for (const p of agents.slice(0, 3))
      checkIn(db, env, { participantId: p.id, ...place, signMethod: 'signature', witness: '' });
    const sector = getSetup(db).sectors[0]!.id;
    const prop = admittedProposal(db, env, {
      code: 'P-01',
      title: 'Canal de riego Pacchanta',
      sectorId: sector,
      estimatedCostCents: 100_000_00,
    });
    const round = openRound(
      db,
      env,
      createRound(db, env, roundInput(place, { title: 'Priorización', itemIds: [prop] })).id,
    );
    enterCount(db, env, { roundId: round.id, itemId: prop, operator: 'A', count: 3 });
    closeRound(db, env, round.id);
    roundId = round.id;
    closeSeq = db
      .prepare("SELECT max(seq) FROM event WHERE type = 'voting.roundClosed'")
      .pluck()
      .get() as number;
    // After the close, the record moves on as it does in a real workshop: more agents come,
    // one leaves, an imported agent's DNI is corrected and another moves organisation. None of
    // it changes what the quorum was at the close.
    for (const p of agents.slice(3, 6))
      checkIn(db, env, { participantId: p.id, ...place, signMethod: 'thumbprint', witness: '' });
    const first = db
      .prepare('SELECT id FROM attendance WHERE participant_id = ?')
      .pluck()
      .get(agents[0]!.id) as string;
    checkOut(db, env, first);
    const a1 = agents[1]!;
    saveParticipant(db, env, { ...a1, dni: '09999999' });
    const a2 = agents[2]!;
    saveParticipant(db, env, { ...a2, organizationId: agents[6]!.organizationId });
    chooseOfficialRound(db, env, { roundId, confirmed: officialWarnings(db, roundId) });
    db.close();
  });
  afterEach(() => cleanup());

  it('an honest file passes, the frozen figure being what the room saw', async () => {
    const c = await checkWorkshopFile(file);
    expect(c.results?.problems).toEqual([]);
    expect(c.ok).toBe(true);
    const d = openWorkshopDb(file);
    try {
      expect(storedFrozen(d, roundId)?.quorum).toMatchObject({ actual: 3, met: false });
    } finally {
      d.close();
    }
  });

  it('a quorum rewritten in the close event, chain recomputed, is refused by check and seal', async () => {
    forgePayload(file, closeSeq, (p) => {
      const frozen = p['frozen'] as { quorum: { actual: number; required: number; met: boolean } };
      const q = frozen.quorum;
      return { ...p, frozen: { ...frozen, quorum: { ...q, actual: q.required, met: true } } };
    });
    const c = await checkWorkshopFile(file);
    expect(c.chain?.ok).toBe(true);
    expect(c.ok).toBe(false);
    const req = (c.results?.problems[0]?.what.match(/\((\d+) of (\d+) required, met\)/) ?? [])[2];
    expect(c.results?.problems).toMatchObject([
      {
        roundId,
        what: `quorum frozen at the close of "Priorización" (${req} of ${req} required, met) differs from the registry and check-ins before the close (3 of ${req} required, not met)`,
        quorum: {
          frozen: { actual: Number(req), met: true },
          recomputed: { actual: 3, met: false },
        },
      },
    ]);
    // `minka check` says it in the facilitator's language, both figures, exit 1.
    const cli = await runCli(['check', file], 'es');
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(
      `El quórum guardado al cerrar la ronda «Priorización» (${roundId}), ${req} de ${req} requeridos, con quórum, NO coincide con el que dan el padrón y la asistencia registrados antes del cierre: 3 de ${req} requeridos, sin quórum`,
    );
    const d = openWorkshopDb(file);
    try {
      const err = (await seal(d, dir).then(
        () => null,
        (e: unknown) => e,
      )) as { key?: string; params?: { first?: string } } | null;
      expect(err?.key).toBe('minutes.error.inconsistent');
      expect(err?.params?.first).toContain(`voting_round ${roundId}: quorum frozen`);
    } finally {
      d.close();
    }
  });

  it('so is a base (the organisations with an accredited agent) rewritten alone', async () => {
    forgePayload(file, closeSeq, (p) => {
      const frozen = p['frozen'] as { quorum: { base: number } };
      return { ...p, frozen: { ...frozen, quorum: { ...frozen.quorum, base: 4 } } };
    });
    const c = await checkWorkshopFile(file);
    expect(c.ok).toBe(false);
    expect(c.results?.problems.map((x) => x.roundId)).toEqual([roundId]);
  });
});
