// `minka check` tells each finding about the record in the reader's language: a close event
// rewritten (its frozen inputs, its vote holders) and a table edited outside Minka are forged
// as the adversary would (test/helpers/forge-event.ts), and the lines printed in Spanish and in
// English are the catalogue's, their times dd/mm/yyyy in the workshop's zone; no English
// sentence built in code is left inside a translated line. And every text the replays write
// into a consistency problem has its key (shared/check-findings.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consistencyFinding, findingMessage } from '../../shared/check-findings';
import { t } from '../../shared/i18n';
import { freeze, type FrozenRound } from '../../shared/results/frozen';
import { demoSetup } from '../../electron/demo/demo';
import { createWorkshopDb, openWorkshopDb } from '../../electron/platform/db';
import { closeRound } from '../../electron/voting/close-round';
import { enterCount } from '../../electron/voting/hands';
import { createRound, openRound } from '../../electron/voting/voting';
import { initWorkshop } from '../../electron/workshop/workshop';
import { runCli } from '../helpers/cli';
import { forge, forgePayload } from '../helpers/forge-event';
import { roundInput } from '../helpers/round-input';
import { fixedEnv } from '../helpers/store';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { useHoldersWorkshop } from '../helpers/holders-workshop';

describe('minka check prints its findings in the reader’s language', () => {
  let dir: string;
  let file: string;
  let roundId: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'minka-check-findings-'));
    file = join(dir, 'w.minka');
    const e = fixedEnv();
    createWorkshopDb(file, (d) =>
      initWorkshop(d, e, 'w1', {
        ...demoSetup(),
        envelopeCents: 1_000_000_00,
        selectionRule: 'greedy',
        voteRule: 'perOrganization',
        sectorSplit: false,
        // Fourteen hours ahead of UTC: a time printed in UTC or Lima would show.
        timeZone: 'Pacific/Kiritimati',
      }),
    );
    const db = openWorkshopDb(file);
    const fx = db.transaction(() => fillVotingFixture(db, e))();
    const r = openRound(db, e, createRound(db, e, roundInput(fx)).id);
    fx.proposals.forEach((p, i) =>
      enterCount(db, e, { roundId: r.id, itemId: p, operator: 'A', count: [5, 4, 3, 1][i] ?? 0 }),
    );
    closeRound(db, e, r.id);
    roundId = r.id;
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const closeSeq = () => {
    const db = openWorkshopDb(file);
    try {
      return db
        .prepare("SELECT max(seq) FROM event WHERE type = 'voting.roundClosed'")
        .pluck()
        .get() as number;
    } finally {
      db.close();
    }
  };

  it('a close event’s frozen inputs rewritten: title, closing time, counts', async () => {
    forgePayload(file, closeSeq(), (payload) => {
      const p = payload as { frozen: FrozenRound };
      const inp = p.frozen.inputs;
      inp.round.title = 'Otra ronda';
      // 13:00:00 UTC is 03:00:00 the next day at Kiritimati; the close was logged seconds later.
      inp.round.closedAt = '2026-05-14T13:00:00.000Z';
      const counts = inp.counts as Record<string, number>;
      const first = Object.keys(counts)[0] as string;
      counts[first] = 50;
      p.frozen = { ...p.frozen, ...freeze(inp) };
      return JSON.parse(JSON.stringify(p)) as Record<string, unknown>;
    });
    const es = await runCli(['check', file], 'es');
    const en = await runCli(['check', file], 'en');
    expect(es.code).toBe(1);
    const esLines = es.err.split('\n').filter((l) => l.startsWith(`Ronda ${roundId}:`));
    const enLines = en.err.split('\n').filter((l) => l.startsWith(`Round ${roundId}:`));
    const lead = (l: string) => `${l} ${roundId}: `;
    expect(esLines).toEqual(
      expect.arrayContaining([
        `${lead('Ronda')}lo que se congeló al cerrarla NO coincide con lo registrado antes del cierre (el título congelado difiere del de la ronda creada)`,
        expect.stringMatching(
          /\(la hora de cierre congelada, 15\/05\/2026 03:00:00, no es la del evento de cierre, 15\/05\/2026 03:\d\d:\d\d\)$/,
        ),
        expect.stringMatching(/\(P-\d+: congelado 50, digitado en el registro 5\)$/),
      ]),
    );
    expect(enLines).toEqual(
      expect.arrayContaining([
        `${lead('Round')}what was frozen when it closed does NOT equal what the log recorded before the close (the frozen title differs from the round created)`,
        expect.stringMatching(
          /\(the frozen closing time, 15\/05\/2026 03:00:00, is not the close event's, 15\/05\/2026 03:\d\d:\d\d\)$/,
        ),
        expect.stringMatching(/\(P-\d+: 50 frozen, 5 typed in the log\)$/),
      ]),
    );
    // Quechua (machine-drafted): every placeholder filled, the times as in Spanish.
    const quz = await runCli(['check', file], 'quz');
    expect(quz.err).not.toMatch(/[{}]/);
    expect(quz.err).toContain('15/05/2026 03:00:00');
    // No ISO time and no English detail inside the Spanish lines.
    expect(es.err).not.toMatch(/\d{4}-\d\d-\d\dT|frozen|differs/);
    // `--json` keeps the English machine text, and carries the key and its parameters.
    const json = JSON.parse((await runCli(['check', file, '--json'])).out) as {
      results: { problems: { what: string; key: string; params: object }[] };
    };
    expect(json.results.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          what: 'the frozen title differs from the round created',
          key: 'check.frozen.title',
          params: {},
        }),
      ]),
    );
  });

  it('a table edited outside Minka: the consistency finding in both languages', async () => {
    forge(file, (db) => db.prepare("UPDATE proposal SET title = 'Puente nuevo'").run());
    const es = await runCli(['check', file], 'es');
    const en = await runCli(['check', file], 'en');
    expect(es.err).toMatch(/la primera: proposal \S+: title difiere del registro de eventos\./);
    expect(en.err).toMatch(/the first: proposal \S+: title differs from the event log\./);
  });
});

describe('minka check names vote holders the close got wrong, in the reader’s language', () => {
  const h = useHoldersWorkshop();

  it('a close whose holders were rewritten', async () => {
    await h.clockSetBack();
    h.closeARound();
    h.core.closeAll();
    const rosa = h.byName.get('Rosa')!.id;
    const dionisio = h.byName.get('Dionisio')!.id;
    forge(h.file, (db) => {
      const close = db
        .prepare("SELECT seq, payload FROM event WHERE type = 'voting.roundClosed'")
        .get() as { seq: number; payload: string };
      const moved = close.payload.split(dionisio).join(rosa);
      db.prepare('UPDATE event SET payload = ? WHERE seq = ?').run(moved, close.seq);
      const snap = db.prepare('SELECT snapshot FROM voting_round').pluck().get() as string;
      db.prepare('UPDATE voting_round SET snapshot = ?').run(snap.split(dionisio).join(rosa));
    });
    const es = await runCli(['check', h.file], 'es');
    const en = await runCli(['check', h.file], 'en');
    const org = h.byName.get('Rosa')!.organizationId!;
    expect(es.err).toContain(
      `quienes tenían el voto al cerrarla NO son los que dan las llegadas registradas antes del cierre (los titulares del voto congelados al cierre (${org} → ${rosa}) difieren de las llegadas anteriores en el orden del registro (${org} → ${dionisio}))`,
    );
    expect(en.err).toContain(
      `the vote holders stored at its close do NOT match the check-ins logged before the close (vote holders frozen at the close (${org} → ${rosa}) differ from the check-ins before it in log order (${org} → ${dionisio}))`,
    );
  });
});

describe('finding keys', () => {
  it('every text the replays write into a consistency problem has a key', () => {
    const texts: string[] = [];
    const walk = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? walk(join(d, e.name))
          : /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)
            ? [join(d, e.name)]
            : [],
      );
    for (const f of walk(join(__dirname, '../../electron'))) {
      const src = readFileSync(f, 'utf8');
      for (const m of src.matchAll(
        /\b(?:r|this)\.add\(\s*[^,()]+,\s*(?:'[^']*'|[^,()]+(?:\([^)]*\))?),\s*(['`])([^'`]*)\1\s*,?\s*\)/g,
      ))
        texts.push((m[2] ?? '').replace(/\$\{[^}]*\}/g, '7'));
    }
    expect(texts.length).toBeGreaterThan(40);
    expect(texts).toContain('reviews are in a different order than in the event log');
    const unknown = texts.filter((w) => consistencyFinding(w).key === 'check.consistency.other');
    expect(unknown).toEqual([]);
  });

  it('parameters: numbers stay numbers, times print in the workshop’s zone, rules by name', () => {
    expect(consistencyFinding('3 ballots in the box for 1 kiosk voters marked')).toEqual({
      key: 'check.consistency.boxCount',
      params: { box: 3, marked: 1 },
    });
    expect(t('en', 'check.consistency.boxCount', { box: 3, marked: 1 })).toBe(
      '3 ballots in the box for 1 kiosk voter marked',
    );
    const m = findingMessage(
      {
        key: 'check.frozen.tieBreak',
        params: {
          tieBreakFrozen: 'cost',
          tieBreakRound: 'refuse',
          frozenAt: '2026-05-14T23:30:05Z',
        },
      },
      'America/Lima',
      (k) => t('es', k),
    );
    expect(m.params).toEqual({
      tieBreakFrozen: 'Menor costo primero',
      tieBreakRound: 'No desempatar: decide la asamblea',
      frozenAt: '14/05/2026 18:30:05',
    });
  });
});
