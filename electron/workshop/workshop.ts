import type { Db } from '../platform/db';
import { MinkaError } from '../platform/errors';
import type { Env } from '../platform/env';
import { appendEvent } from '../platform/events';
import { cached } from '../platform/statements';
import { assertSetupChangeAllowed } from './setup-lock';
import {
  DEFAULT_SECTORS,
  type QuorumRule,
  type SelectionRule,
  type StoredWorkshopSetup,
  type TieBreak,
  type VoteRule,
  type WorkshopSetup,
} from '../../shared/schemas/workshop';
import type { EventPayload } from '../../shared/events';
import { DEFAULT_TIME_ZONE, parseDate, recordedZone } from '../../shared/format';
import { effectiveRule, mesOverriddenBySplit } from '../../shared/results/sector-split';

// Declared in the platform layer (the core's API takes it too); re-exported for the stores.
export type { Env };

interface WorkshopRow {
  municipality: string;
  ubigeo: string;
  fiscal_year: number;
  title: string;
  envelope_cents: number;
  quorum_kind: 'none' | 'percent' | 'minimum';
  quorum_value: number | null;
  vote_rule: VoteRule;
  tie_break: TieBreak;
  /** Absent in a read-only file made before results existed. */
  selection_rule?: SelectionRule;
  min_notice_days: number;
  sealed_at: string | null;
  /** Absent in a read-only file made before the open-data option existed. */
  representatives_public?: 0 | 1;
  /** Absent in a read-only file made before migration 10. */
  sector_split?: 0 | 1;
}

function rowToQuorum(row: WorkshopRow): QuorumRule {
  switch (row.quorum_kind) {
    case 'percent':
      return { kind: 'percent', percent: row.quorum_value ?? 50 };
    case 'minimum':
      return { kind: 'minimum', count: row.quorum_value ?? 1 };
    case 'none':
      return { kind: 'none' };
  }
}

function quorumToRow(q: QuorumRule): { kind: string; value: number | null } {
  switch (q.kind) {
    case 'percent':
      return { kind: 'percent', value: q.percent };
    case 'minimum':
      return { kind: 'minimum', value: q.count };
    case 'none':
      return { kind: 'none', value: null };
  }
}

export function getMeta(db: Db, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row?.value;
}

export function workshopId(db: Db): string {
  const id = getMeta(db, 'workshop_id');
  if (!id) throw new Error('workshop file has no id');
  return id;
}

export function isSealed(db: Db): boolean {
  // Asked before every write (Core.writable): a cached statement (issue 18).
  const row = cached(db, 'SELECT sealed_at FROM workshop WHERE id = 1').get() as {
    sealed_at: string | null;
  };
  return row.sealed_at !== null;
}

export function getSetup(db: Db): StoredWorkshopSetup {
  const row = db.prepare('SELECT * FROM workshop WHERE id = 1').get() as WorkshopRow;
  const venues = db
    .prepare('SELECT id, name, place, date FROM venue ORDER BY position')
    .all() as StoredWorkshopSetup['venues'];
  const sectors = db
    .prepare('SELECT id, name FROM sector ORDER BY position')
    .all() as StoredWorkshopSetup['sectors'];
  return {
    municipality: row.municipality,
    ubigeo: row.ubigeo,
    fiscalYear: row.fiscal_year,
    title: row.title,
    envelopeCents: row.envelope_cents,
    venues,
    sectors,
    quorum: rowToQuorum(row),
    voteRule: row.vote_rule,
    tieBreak: row.tie_break,
    selectionRule: row.selection_rule ?? 'greedy',
    sectorSplit: row.sector_split === 1,
    minNoticeDays: row.min_notice_days,
    representativesPublic: row.representatives_public === 1,
    // Kept in meta (key/value): a file made before the option has none and is in Lima's time.
    timeZone: recordedZone(getMeta(db, 'time_zone')),
  };
}

/** Defaults for a new workshop, modelled on a rural district (DOMAIN.md). */
export function defaultSetup(init: {
  title: string;
  municipality: string;
  fiscalYear: number;
}): WorkshopSetup {
  return {
    ...init,
    ubigeo: '',
    envelopeCents: 0,
    venues: [],
    sectors: DEFAULT_SECTORS.map((name) => ({ name })),
    quorum: { kind: 'percent', percent: 50 },
    voteRule: 'perOrganization',
    tieBreak: 'lexicographic',
    selectionRule: 'greedy',
    sectorSplit: false,
    minNoticeDays: 7,
    representativesPublic: false,
    timeZone: DEFAULT_TIME_ZONE,
  };
}

/** Write the setup rows (caller holds the transaction). Venues and sectors keep their ids. */
function writeSetup(db: Db, env: Env, setup: WorkshopSetup): StoredWorkshopSetup {
  const q = quorumToRow(setup.quorum);
  db.prepare(
    `INSERT INTO workshop (id, municipality, ubigeo, fiscal_year, title, envelope_cents, quorum_kind, quorum_value, vote_rule, tie_break, min_notice_days)
     VALUES (1, @municipality, @ubigeo, @fiscalYear, @title, @envelopeCents, @qk, @qv, @voteRule, @tieBreak, @minNoticeDays)
     ON CONFLICT (id) DO UPDATE SET municipality = excluded.municipality, ubigeo = excluded.ubigeo,
       fiscal_year = excluded.fiscal_year, title = excluded.title, envelope_cents = excluded.envelope_cents,
       quorum_kind = excluded.quorum_kind, quorum_value = excluded.quorum_value, vote_rule = excluded.vote_rule,
       tie_break = excluded.tie_break, min_notice_days = excluded.min_notice_days`,
  ).run({
    municipality: setup.municipality,
    ubigeo: setup.ubigeo,
    fiscalYear: setup.fiscalYear,
    title: setup.title,
    envelopeCents: setup.envelopeCents,
    qk: q.kind,
    qv: q.value,
    voteRule: setup.voteRule,
    tieBreak: setup.tieBreak,
    minNoticeDays: setup.minNoticeDays,
  });
  // The column came with the results migration; a file still being built up to an older version has none.
  if (
    (db.pragma('table_info(workshop)') as { name: string }[]).some(
      (c) => c.name === 'selection_rule',
    )
  )
    db.prepare('UPDATE workshop SET selection_rule = ? WHERE id = 1').run(setup.selectionRule);
  if (
    (db.pragma('table_info(workshop)') as { name: string }[]).some(
      (c) => c.name === 'representatives_public',
    )
  )
    db.prepare('UPDATE workshop SET representatives_public = ? WHERE id = 1').run(
      setup.representativesPublic ? 1 : 0,
    );
  if (
    (db.pragma('table_info(workshop)') as { name: string }[]).some((c) => c.name === 'sector_split')
  )
    db.prepare('UPDATE workshop SET sector_split = ? WHERE id = 1').run(setup.sectorSplit ? 1 : 0);
  db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run('time_zone', setup.timeZone);
  const venues = setup.venues.map((v) => ({ ...v, id: v.id ?? env.newId() }));
  const sectors = setup.sectors.map((s) => ({ ...s, id: s.id ?? env.newId() }));
  replaceList(
    db,
    'venue',
    venues,
    (v, i) => [v.id, i, v.name, v.place, v.date],
    'INSERT INTO venue (id, position, name, place, date) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, place = excluded.place, date = excluded.date',
  );
  replaceList(
    db,
    'sector',
    sectors,
    (s, i) => [s.id, i, s.name],
    'INSERT INTO sector (id, position, name) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name',
  );
  return { ...setup, venues, sectors };
}

/** Upsert the given rows and delete the others (a foreign key will refuse deleting a row in use). */
function replaceList<T extends { id: string }>(
  db: Db,
  table: 'venue' | 'sector',
  items: T[],
  values: (item: T, i: number) => unknown[],
  upsert: string,
): void {
  const keep = new Set(items.map((i) => i.id));
  const existing = db.prepare(`SELECT id FROM ${table}`).pluck().all() as string[];
  const del = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  for (const id of existing) if (!keep.has(id)) del.run(id);
  const stmt = db.prepare(upsert);
  items.forEach((item, i) => stmt.run(...values(item, i)));
}

/**
 * The setup as its event records it. The open-data option is recorded only when on, so a
 * setup saved as before the option existed gives the same event (and chain) as it did then.
 */
function setupPayload(stored: StoredWorkshopSetup): EventPayload<'workshop.setupSaved'> {
  const { representativesPublic, timeZone, sectorSplit, ...rest } = stored;
  // Likewise the time zone only when it is not the default one, and the sector split when on.
  const withZone = timeZone === DEFAULT_TIME_ZONE ? rest : { ...rest, timeZone };
  const withSplit = sectorSplit ? { ...withZone, sectorSplit } : withZone;
  return representativesPublic ? { ...withSplit, representativesPublic } : withSplit;
}

export function initWorkshop(
  db: Db,
  env: Env,
  id: string,
  setup: WorkshopSetup,
): StoredWorkshopSetup {
  const now = env.now();
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('workshop_id', id);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', now.toISOString());
  const stored = writeSetup(db, env, setup);
  appendEvent(db, now, {
    type: 'workshop.created',
    payload: { workshopId: id, setup: setupPayload(stored) },
  });
  return stored;
}

/** Whether a show-of-hands or ballot round has opened (raw SQL: the voting store imports this module). */
function prioritisationStarted(db: Db): boolean {
  if (
    !db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'voting_round'").get()
  )
    return false;
  return (
    db
      .prepare("SELECT 1 FROM voting_round WHERE kind <> 'sector' AND state <> 'draft' LIMIT 1")
      .get() !== undefined
  );
}

export function saveSetup(db: Db, env: Env, setup: WorkshopSetup): StoredWorkshopSetup {
  return db
    .transaction(() => {
      // The selection rule is fixed before voting: once a prioritisation round has opened,
      // changing it would change results people already saw.
      // A sealed workshop refuses every write first (appendEvent would too, but later).
      if (isSealed(db)) throw new MinkaError('SEALED', 'error.sealed');
      // The schema checks the form YYYY-MM-DD; a day that does not exist (30 February) was
      // saved and printed on attendance sheets.
      for (const v of setup.venues)
        if (v.date && parseDate(v.date) !== v.date)
          throw new MinkaError('INVALID_INPUT', 'workshop.error.venueDate', {
            venue: v.name,
            date: v.date,
          });
      const old = getSetup(db);
      // MES with "El voto sectorial reparte el monto" is refused, not silently dropped: the
      // sector split (shared/results/sector-split.ts) funds within each sector's share in the
      // global score order, which is the greedy rule; MES shares the whole envelope between
      // voters and has no per-sector form here. Accepting both printed "MES" on an outcome MES
      // never chose (field test fac26). One rule, one definition: the facilitator picks one.
      // A file saved before the pair was refused keeps it (its rules may be locked by a closed
      // round): the split applies (effectiveRule), setup says so; only a new pair is refused.
      if (mesOverriddenBySplit(setup) && !mesOverriddenBySplit(old))
        throw new MinkaError('INVALID_INPUT', 'results.error.mesWithSectorSplit');
      if (setup.selectionRule !== old.selectionRule && prioritisationStarted(db))
        throw new MinkaError('CONFLICT', 'results.error.ruleFixed');
      // MES needs each person's ballot: a show-of-hands round already created would select
      // nothing under it (createRound refuses new ones); named, so it can be changed first.
      if (effectiveRule(setup) === 'mes' && effectiveRule(old) !== 'mes') {
        const hands = db
          .prepare("SELECT title FROM voting_round WHERE kind = 'hands' ORDER BY position LIMIT 1")
          .pluck()
          .get() as string | undefined;
        if (hands !== undefined)
          throw new MinkaError('INVALID_INPUT', 'results.error.mesHandsRound', { round: hands });
      }
      // After a prioritisation round closed, the fields that decide results need a reopening.
      assertSetupChangeAllowed(db, old, setup);
      const stored = writeSetup(db, env, setup);
      appendEvent(db, env.now(), { type: 'workshop.setupSaved', payload: setupPayload(stored) });
      return stored;
    })
    .immediate();
}
