// The follow-up register's writes (migration 7): earlier years' sealed minutes, the final
// plans compared with them, notes of what happened since, agreements a person separated, and
// unfunded agreements carried into this workshop's proposals. Every change is one transaction
// with its event; a signed payload is checked before it is kept (followup-minutes.ts checks it
// again when read, followup-read.ts builds the register).
import { canonicalize } from '../../shared/canonical';
import type { Reconciliation } from '../../shared/plan/reconcile';
import type { TimelineEntry } from '../../shared/followup/register-model';
import type { MinutesPayload } from '../../shared/minutes/payload';
import type { Proposal } from '../../shared/schemas/proposals';
import { MinkaError } from '../platform/errors';
import { checkSignedMinutes, type CheckedMinutes } from './signed';
import { sha256Hex } from '../platform/crypto/sign';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { nextCode, saveProposal } from '../proposals/proposals';
import { getSetup, type Env } from '../workshop/workshop';
import { agreementOf, type SignedMinutesInput } from './followup-minutes';
import {
  getRegister,
  type EarlierRegister,
  type NoteInput,
  type PlanRecordInput,
} from './followup-read';

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
