// Reading the follow-up register: the Actas whose signatures hold (followup-minutes.ts), the
// plans, notes and carries beside them, built into the register (shared/followup/register.ts)
// and cached per file; the history of a carried proposal; what a workshop file's own register
// holds to bring along. No writes here (followup.ts holds them).
import { normalizeCode, type Reconciliation } from '../../shared/plan/reconcile';
import { buildRegister, refOf } from '../../shared/followup/register';
import type {
  NoteStatus,
  Register,
  RegisterData,
  RegisterMinutes,
  TimelineEntry,
} from '../../shared/followup/register-model';
import { MinkaError } from '../platform/errors';
import { sha256Hex } from '../platform/crypto/sign';
import type { Db } from '../platform/db';
import { getSetup } from '../workshop/workshop';
import {
  readRegisterMinutes,
  registerMinutes,
  type MinutesRow,
  type PlanRow,
  type SignedMinutesInput,
} from './followup-minutes';

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
