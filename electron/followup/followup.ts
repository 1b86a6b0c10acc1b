// The follow-up register in a workshop file (migration 7): earlier years' sealed minutes,
// the final plans compared with them, notes of what happened since, agreements a person
// separated, and unfunded agreements carried into this workshop's proposals. Every change
// is one transaction with its event; the signed payloads are checked again when read.
import { canonicalize } from '../../shared/canonical';
import { normalizeCode, type Reconciliation } from '../../shared/plan/reconcile';
import {
  agreedFromMinutes,
  belowLineFromMinutes,
  rejectedFromMinutes,
} from '../../shared/plan/from-minutes';
import {
  buildRegister,
  refOf,
  type NoteStatus,
  type Register,
  type RegisterData,
  type RegisterMinutes,
  type TimelineEntry,
} from '../../shared/followup/register';
import type { MinutesPayload } from '../../shared/minutes/payload';
import type { Proposal } from '../../shared/schemas/proposals';
import { MinkaError } from '../platform/errors';
import { checkSignedMinutes, type CheckedMinutes } from './signed';
import { sha256Hex } from '../platform/crypto/sign';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { nextCode, saveProposal } from '../proposals/proposals';
import { getSetup, type Env } from '../workshop/workshop';

interface MinutesRow {
  id: string;
  fiscal_year: number;
  payload: string;
  signature: string;
  source: 'pdf' | 'workshop';
  file_name: string;
  imported_at: string;
}

interface PlanRow {
  id: string;
  minutes_id: string;
  file_name: string;
  sha256: string;
  fingerprint: string;
  report: string;
  recorded_at: string;
}

export interface SignedMinutesInput {
  canonical: string;
  signature: string;
  source: 'pdf' | 'workshop';
  fileName: string;
}

/** Minutes rows whose signature still holds, with their payloads; the rest by file name. */
export function readRegisterMinutes(db: Db): {
  rows: { row: MinutesRow; checked: CheckedMinutes }[];
  broken: string[];
} {
  const rows: { row: MinutesRow; checked: CheckedMinutes }[] = [];
  const broken: string[] = [];
  for (const row of db
    .prepare('SELECT * FROM followup_minutes ORDER BY fiscal_year, imported_at')
    .all() as MinutesRow[]) {
    const checked = checkSignedMinutes(row.payload, row.signature);
    if (checked && checked.payloadSha256 === row.id) rows.push({ row, checked });
    else broken.push(row.file_name);
  }
  return { rows, broken };
}

function registerMinutes(row: MinutesRow, c: CheckedMinutes): RegisterMinutes {
  const p = c.payload;
  return {
    id: row.id,
    fiscalYear: p.workshop.fiscalYear,
    municipality: p.workshop.municipality,
    title: p.workshop.title,
    sealedAt: p.sealedAt,
    fingerprint: c.fingerprint,
    keyFingerprint: c.keyFingerprint,
    source: row.source,
    fileName: row.file_name,
    importedAt: row.imported_at,
    agreed: agreedFromMinutes(p),
    unfunded: belowLineFromMinutes(p),
    rejected: rejectedFromMinutes(p),
  };
}

export function registerData(db: Db): RegisterData & { broken: string[] } {
  const { rows, broken } = readRegisterMinutes(db);
  const good = new Set(rows.map((r) => r.row.id));
  const plans = (db.prepare('SELECT * FROM followup_plan ORDER BY rowid').all() as PlanRow[])
    .filter((r) => good.has(r.minutes_id))
    .map((r) => ({
      id: r.id,
      minutesId: r.minutes_id,
      fileName: r.file_name,
      sha256: r.sha256,
      fingerprint: r.fingerprint,
      recordedAt: r.recorded_at,
      report: JSON.parse(r.report) as Reconciliation,
    }));
  const notes = (
    db.prepare('SELECT * FROM followup_note ORDER BY date, created_at, id').all() as {
      id: string;
      ref: string;
      fiscal_year: number;
      status: NoteStatus;
      date: string;
      note: string;
      created_at: string;
    }[]
  ).map((n) => ({
    id: n.id,
    ref: n.ref,
    fiscalYear: n.fiscal_year,
    status: n.status,
    date: n.date,
    note: n.note,
    createdAt: n.created_at,
  }));
  const fiscalYear = getSetup(db).fiscalYear;
  const carries = (
    db
      .prepare(
        'SELECT c.ref, c.proposal_id, c.carried_at, p.code FROM followup_carry c JOIN proposal p ON p.id = c.proposal_id ORDER BY c.carried_at',
      )
      .all() as { ref: string; proposal_id: string; carried_at: string; code: string }[]
  ).map((c) => ({
    ref: c.ref,
    proposalId: c.proposal_id,
    code: c.code,
    fiscalYear,
    carriedAt: c.carried_at,
  }));
  const unlinks = db.prepare('SELECT a, b FROM followup_unlink ORDER BY a, b').all() as {
    a: string;
    b: string;
  }[];
  const minutes = rows.map((r) => registerMinutes(r.row, r.checked));
  carries.push(
    ...proposedAgain(db, minutes, new Set(carries.map((c) => c.proposalId)), fiscalYear),
  );
  return { minutes, plans, notes, carries, unlinks, broken };
}

/**
 * This workshop's proposals typed in by hand that take up an agreement of the register: the
 * same CUI, or "carried from" naming its year and code ("2026 P-003"). They count as carried.
 */
function proposedAgain(
  db: Db,
  minutes: RegisterMinutes[],
  linked: Set<string>,
  fiscalYear: number,
): RegisterData['carries'] {
  const byCui = new Map<string, string>();
  const byYearCode = new Map<string, string>();
  for (const m of minutes)
    for (const a of [...m.agreed, ...m.unfunded]) {
      const ref = refOf(m.id, a.key);
      if (a.cui) byCui.set(a.cui, ref);
      byYearCode.set(`${m.fiscalYear} ${normalizeCode(a.code)}`, ref);
    }
  if (byCui.size === 0 && byYearCode.size === 0) return [];
  const out: RegisterData['carries'] = [];
  const rows = db
    .prepare('SELECT id, code, cui, carried_from, created_at FROM proposal ORDER BY code')
    .all() as {
    id: string;
    code: string;
    cui: string;
    carried_from: string;
    created_at: string;
  }[];
  for (const p of rows) {
    if (linked.has(p.id)) continue;
    const cf = /^(\d{4})\s+(.+)$/.exec(p.carried_from.trim());
    const ref =
      (cf && byYearCode.get(`${cf[1]} ${normalizeCode(cf[2] ?? '')}`)) ||
      (p.cui && byCui.get(p.cui)) ||
      null;
    if (ref) out.push({ ref, proposalId: p.id, code: p.code, fiscalYear, carriedAt: p.created_at });
  }
  return out;
}

/**
 * The last register built per open file, keyed by a hash of the data it was built from:
 * grouping ten years of agreements takes ~0.2 s, and the screen reads the register after
 * every write. The data is read (and every signature checked) each time, so nothing changed
 * behind the app's back is hidden by the cache.
 */
const built = new WeakMap<Db, { key: string; register: Register }>();

export function getRegister(db: Db): Register & { broken: string[]; fiscalYear: number } {
  const data = registerData(db);
  const key = sha256Hex(JSON.stringify(data));
  let register = built.get(db)?.key === key ? built.get(db)?.register : undefined;
  if (!register) {
    register = buildRegister(data);
    built.set(db, { key, register });
  }
  return { ...register, broken: data.broken, fiscalYear: getSetup(db).fiscalYear };
}

/** The verified payload of a register entry, for a plan check. */
export function registerPayload(
  db: Db,
  minutesId: string,
): { payload: MinutesPayload; checked: CheckedMinutes; fileName: string } {
  const row = db.prepare('SELECT * FROM followup_minutes WHERE id = ?').get(minutesId) as
    MinutesRow | undefined;
  if (!row) throw new MinkaError('NOT_FOUND', 'followup.error.noMinutes');
  const checked = checkSignedMinutes(row.payload, row.signature);
  if (!checked || checked.payloadSha256 !== row.id)
    throw new MinkaError('INVALID_INPUT', 'followup.error.broken', { file: row.file_name });
  return { payload: checked.payload, checked, fileName: row.file_name };
}

/**
 * Add one year's sealed minutes (`c`: the input, checked). Refused: a year that is not
 * earlier than this workshop's, a second, different Acta for a year already held. The same
 * Acta twice is not an error: it is already there (returns false).
 */
function insertMinutes(
  db: Db,
  env: Env,
  input: SignedMinutesInput,
  c: CheckedMinutes,
  via: string | null,
): boolean {
  const year = c.payload.workshop.fiscalYear;
  const own = getSetup(db).fiscalYear;
  if (year >= own)
    throw new MinkaError('INVALID_INPUT', 'followup.error.notEarlier', {
      file: input.fileName,
      year,
      own,
    });
  if (db.prepare('SELECT 1 FROM followup_minutes WHERE id = ?').get(c.payloadSha256)) return false;
  const same = db
    .prepare('SELECT payload, file_name FROM followup_minutes WHERE fiscal_year = ?')
    .all(year) as { payload: string; file_name: string }[];
  for (const s of same) {
    const other = JSON.parse(s.payload) as MinutesPayload;
    if (other.workshop.municipality === c.payload.workshop.municipality)
      throw new MinkaError('CONFLICT', 'followup.error.yearHeld', {
        file: input.fileName,
        year,
        other: s.file_name,
      });
  }
  const importedAt = env.now().toISOString();
  db.prepare(
    'INSERT INTO followup_minutes (id, fiscal_year, payload, signature, source, file_name, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    c.payloadSha256,
    year,
    input.canonical,
    input.signature,
    input.source,
    input.fileName,
    importedAt,
  );
  appendEvent(db, new Date(importedAt), {
    type: 'followup.minutesImported',
    payload: {
      id: c.payloadSha256,
      fiscalYear: year,
      municipality: c.payload.workshop.municipality,
      fingerprint: c.fingerprint,
      keyFingerprint: c.keyFingerprint,
      source: input.source,
      fileName: input.fileName,
      via,
      importedAt,
    },
  });
  return true;
}

/** What a person notes about an agreement since, with what says so. */
export interface NoteInput {
  ref: string;
  fiscalYear: number;
  status: NoteStatus;
  date: string;
  note: string;
}

/** A plan compared with a register year's minutes, as it is kept. */
export interface PlanRecordInput {
  minutesId: string;
  fileName: string;
  sha256: string;
  fingerprint: string;
  report: Reconciliation;
}

export interface EarlierRegister {
  minutes: SignedMinutesInput[];
  /** The report as stored (canonical JSON). */
  plans: (Omit<PlanRecordInput, 'report'> & { report: string; recordedAt: string })[];
  notes: NoteInput[];
}

export interface ImportOutcome {
  fiscalYear: number;
  fingerprint: string;
  added: boolean;
  /** Earlier years brought along from a workshop file's own register. */
  alsoYears: number[];
  plans: number;
  notes: number;
}

/**
 * Import sealed minutes; from a workshop file, also what its own register held (earlier
 * years, their plans and notes), so the history runs on from year to year. One transaction.
 */
export function importMinutes(
  db: Db,
  env: Env,
  main: SignedMinutesInput,
  earlier: EarlierRegister | null,
): ImportOutcome {
  return db
    .transaction(() => {
      const c = checkSignedMinutes(main.canonical, main.signature);
      if (!c)
        throw new MinkaError('INVALID_INPUT', 'followup.error.notAuthentic', {
          file: main.fileName,
        });
      const added = insertMinutes(db, env, main, c, null);
      const alsoYears: number[] = [];
      let plans = 0;
      let notes = 0;
      if (earlier) {
        for (const m of earlier.minutes) {
          const cm = checkSignedMinutes(m.canonical, m.signature);
          // A broken or later entry in someone else's register is left behind, not fatal.
          if (!cm || cm.payload.workshop.fiscalYear >= getSetup(db).fiscalYear) continue;
          try {
            if (insertMinutes(db, env, m, cm, main.fileName))
              alsoYears.push(cm.payload.workshop.fiscalYear);
          } catch (e) {
            if (e instanceof MinkaError && e.code === 'CONFLICT') continue;
            throw e;
          }
        }
        for (const p of earlier.plans) {
          if (!db.prepare('SELECT 1 FROM followup_minutes WHERE id = ?').get(p.minutesId)) continue;
          if (
            db
              .prepare(
                'SELECT 1 FROM followup_plan WHERE minutes_id = ? AND sha256 = ? AND recorded_at = ?',
              )
              .get(p.minutesId, p.sha256, p.recordedAt)
          )
            continue;
          writePlan(
            db,
            env,
            { ...p, report: JSON.parse(p.report) as Reconciliation },
            p.recordedAt,
            main.fileName,
          );
          plans++;
        }
        for (const n of earlier.notes) {
          const exists = db
            .prepare(
              'SELECT 1 FROM followup_note WHERE ref = ? AND status = ? AND date = ? AND note = ?',
            )
            .get(n.ref, n.status, n.date, n.note);
          if (exists) continue;
          writeNote(db, env, n, main.fileName);
          notes++;
        }
      }
      return {
        fiscalYear: c.payload.workshop.fiscalYear,
        fingerprint: c.fingerprint,
        added,
        alsoYears,
        plans,
        notes,
      };
    })
    .immediate();
}

function writePlan(
  db: Db,
  env: Env,
  p: PlanRecordInput,
  recordedAt: string,
  via: string | null,
): string {
  const id = env.newId();
  const report = canonicalize(p.report);
  db.prepare(
    'INSERT INTO followup_plan (id, minutes_id, file_name, sha256, fingerprint, report, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, p.minutesId, p.fileName, p.sha256, p.fingerprint, report, recordedAt);
  const r = p.report;
  appendEvent(db, env.now(), {
    type: 'followup.planRecorded',
    payload: {
      id,
      minutesId: p.minutesId,
      fileName: p.fileName,
      sha256: p.sha256,
      fingerprint: p.fingerprint,
      reportSha256: sha256Hex(report),
      counts: {
        matched: r.matched.length,
        amountChanged: r.amountChanged.length,
        missingFromPlan: r.missingFromPlan.length,
        notInMinutes: r.notInMinutes.length,
        rejectedButFunded: r.rejectedButFunded.length,
      },
      recordedAt,
      via,
    },
  });
  return id;
}

/** Keep a plan comparison (as a person confirmed its name matches) in the register. */
export function recordPlan(db: Db, env: Env, p: PlanRecordInput): string {
  return db
    .transaction(() => {
      if (!db.prepare('SELECT 1 FROM followup_minutes WHERE id = ?').get(p.minutesId))
        throw new MinkaError('NOT_FOUND', 'followup.error.noMinutes');
      return writePlan(db, env, p, env.now().toISOString(), null);
    })
    .immediate();
}

/** The minutes and proposal an agreement's ref ("<minutes id prefix>/<proposal id>") names, or null. */
function agreementOf(
  db: Db,
  ref: string,
): { payload: MinutesPayload; proposal: MinutesPayload['proposals'][number] } | null {
  const [prefix, key] = ref.split('/');
  if (!prefix || !key) return null;
  const row = db
    .prepare('SELECT payload FROM followup_minutes WHERE substr(id, 1, 16) = ?')
    .get(prefix) as { payload: string } | undefined;
  if (!row) return null;
  const payload = JSON.parse(row.payload) as MinutesPayload;
  const proposal = payload.proposals.find((x) => x.id === key);
  return proposal ? { payload, proposal } : null;
}

function writeNote(db: Db, env: Env, n: NoteInput, via: string | null): string {
  const id = env.newId();
  const createdAt = env.now().toISOString();
  db.prepare(
    'INSERT INTO followup_note (id, ref, fiscal_year, status, date, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, n.ref, n.fiscalYear, n.status, n.date, n.note, createdAt);
  appendEvent(db, new Date(createdAt), {
    type: 'followup.noteAdded',
    payload: { id, ...n, createdAt, via },
  });
  return id;
}

/** Note what happened to an agreement since (with what says so). */
export function addNote(db: Db, env: Env, n: NoteInput): string {
  return db
    .transaction(() => {
      if (!agreementOf(db, n.ref)) throw new MinkaError('NOT_FOUND', 'followup.error.noAgreement');
      const own = getSetup(db).fiscalYear;
      if (n.fiscalYear > own)
        throw new MinkaError('INVALID_INPUT', 'followup.error.futureYear', {
          year: n.fiscalYear,
          own,
        });
      return writeNote(db, env, n, null);
    })
    .immediate();
}

/** Two agreements are different projects (or, with `linked`, the same again). */
export function setLink(db: Db, env: Env, a: string, b: string, linked: boolean): void {
  db.transaction(() => {
    if (!agreementOf(db, a) || !agreementOf(db, b))
      throw new MinkaError('NOT_FOUND', 'followup.error.noAgreement');
    const [x, y] = a < b ? [a, b] : [b, a];
    if (linked) db.prepare('DELETE FROM followup_unlink WHERE a = ? AND b = ?').run(x, y);
    else db.prepare('INSERT OR IGNORE INTO followup_unlink (a, b) VALUES (?, ?)').run(x, y);
    appendEvent(db, env.now(), {
      type: linked ? 'followup.relinked' : 'followup.unlinked',
      payload: { a: x, b: y },
    });
  }).immediate();
}

/**
 * Carry an unfunded agreement into this workshop's proposals: a new proposal with the
 * latest agreement's title, CUI, sector, community and amounts, "carried from" naming the
 * year and code, and the project's history kept beside it. Proposal and link in one transaction.
 */
export function carryProposal(
  db: Db,
  env: Env,
  projectKey: string,
  sectorId: string | null,
): { proposal: Proposal; history: TimelineEntry[] } {
  return db
    .transaction(() => {
      const reg = getRegister(db);
      const project = reg.projects.find((p) => p.key === projectKey || p.refs.includes(projectKey));
      if (!project) throw new MinkaError('NOT_FOUND', 'followup.error.noAgreement');
      if (!project.carryable)
        throw new MinkaError('CONFLICT', 'followup.error.notCarryable', { title: project.title });
      const lastAgreed = [...project.timeline]
        .reverse()
        .find(
          (e) =>
            e.source === 'minutes' &&
            (e.kind === 'agreed' || e.kind === 'revived' || e.kind === 'unfunded'),
        ) as TimelineEntry;
      const found = agreementOf(db, lastAgreed.ref);
      if (!found) throw new MinkaError('NOT_FOUND', 'followup.error.noAgreement');
      const { payload, proposal: src } = found;
      const sector =
        (sectorId
          ? (db.prepare('SELECT id FROM sector WHERE id = ?').get(sectorId) as
              { id: string } | undefined)
          : undefined) ??
        (db.prepare('SELECT id FROM sector WHERE lower(name) = lower(?)').get(src.sector) as
          { id: string } | undefined);
      if (!sector)
        throw new MinkaError('INVALID_INPUT', 'followup.error.noSector', { sector: src.sector });
      const proposal = saveProposal(db, env, {
        code: nextCode(db),
        title: src.title,
        description: '',
        sectorId: sector.id,
        community: src.community,
        organizationId: null,
        estimatedCostCents: project.lastAgreedCents,
        beneficiaries: src.beneficiaries,
        beneficiaryUnit: src.beneficiaryUnit,
        cui: src.cui,
        cofinancingCents: Math.min(src.cofinancingCents, project.lastAgreedCents),
        carriedFrom: `${payload.workshop.fiscalYear} ${src.code}`,
      });
      const history = project.timeline;
      const kept = canonicalize(history);
      const carriedAt = env.now().toISOString();
      db.prepare(
        'INSERT INTO followup_carry (proposal_id, ref, history, carried_at) VALUES (?, ?, ?, ?)',
      ).run(proposal.id, lastAgreed.ref, kept, carriedAt);
      appendEvent(db, new Date(carriedAt), {
        type: 'followup.carried',
        payload: {
          proposalId: proposal.id,
          code: proposal.code,
          ref: lastAgreed.ref,
          projectKey: project.key,
          carriedAt,
          historySha256: sha256Hex(kept),
        },
      });
      return { proposal, history };
    })
    .immediate();
}

/** The history kept with a carried proposal, or null. */
export function carriedHistory(db: Db, proposalId: string): TimelineEntry[] | null {
  const row = db
    .prepare('SELECT history FROM followup_carry WHERE proposal_id = ?')
    .get(proposalId) as { history: string } | undefined;
  return row ? (JSON.parse(row.history) as TimelineEntry[]) : null;
}

/**
 * The history of the project a proposal of this workshop takes up (carried from the
 * register, or typed with its CUI or "carried from"): the register's timeline as it stands,
 * or — if the register no longer holds it — the history kept when it was carried.
 */
export function historyOf(
  db: Db,
  proposalId: string,
): { title: string; live: boolean; timeline: TimelineEntry[] } | null {
  const p = db.prepare('SELECT code, title FROM proposal WHERE id = ?').get(proposalId) as
    { code: string; title: string } | undefined;
  if (!p) throw new MinkaError('NOT_FOUND', 'proposals.error.noProposal');
  const reg = getRegister(db);
  const project = reg.projects.find((x) =>
    x.timeline.some(
      (e) => e.kind === 'carried' && e.fiscalYear === reg.fiscalYear && e.code === p.code,
    ),
  );
  if (project) return { title: project.title, live: true, timeline: project.timeline };
  const kept = carriedHistory(db, proposalId);
  return kept ? { title: p.title, live: false, timeline: kept } : null;
}

/** What a workshop file's own register holds, to bring along when it is imported. */
export function earlierRegister(db: Db): EarlierRegister {
  const has = (t: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !==
    undefined;
  if (!has('followup_minutes')) return { minutes: [], plans: [], notes: [] };
  const minutes = (
    db.prepare('SELECT * FROM followup_minutes ORDER BY fiscal_year').all() as MinutesRow[]
  ).map((r) => ({
    canonical: r.payload,
    signature: r.signature,
    source: r.source,
    fileName: r.file_name,
  }));
  const plans = (db.prepare('SELECT * FROM followup_plan ORDER BY rowid').all() as PlanRow[]).map(
    (r) => ({
      minutesId: r.minutes_id,
      fileName: r.file_name,
      sha256: r.sha256,
      fingerprint: r.fingerprint,
      report: r.report,
      recordedAt: r.recorded_at,
    }),
  );
  const notes = (
    db
      .prepare('SELECT ref, fiscal_year, status, date, note FROM followup_note ORDER BY date')
      .all() as {
      ref: string;
      fiscal_year: number;
      status: NoteStatus;
      date: string;
      note: string;
    }[]
  ).map((n) => ({
    ref: n.ref,
    fiscalYear: n.fiscal_year,
    status: n.status,
    date: n.date,
    note: n.note,
  }));
  return { minutes, plans, notes };
}
