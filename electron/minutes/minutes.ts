// What the minutes add to the record before sealing (agreements and commitments, the
// Comité de Vigilancia, closing remarks), the sealed minutes themselves and signed
// addenda. Every change is logged in the chain; the sealed row is never changed.
import type {
  Agreement,
  AgreementInput,
  CommitteeMember,
  CommitteeMemberInput,
  SealInfo,
  AddendumInfo,
} from '../../shared/schemas/minutes';
import { fingerprint } from '../../shared/fingerprint';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { ADDENDUM_EVENT, appendEvent } from '../platform/events';
import type { Env } from '../workshop/workshop';

interface AgreementRow {
  id: string;
  position: number;
  text: string;
  responsible: string;
  due: string;
  created_at: string;
}

interface MemberRow {
  id: string;
  position: number;
  participant_id: string | null;
  name: string;
  dni: string;
  organization: string;
  role: CommitteeMember['role'];
}

/** Whether the file has the minutes tables (a read-only file from before them may not). */
export function hasMinutes(db: Db): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'minutes'").get() !==
    undefined
  );
}

const rowToAgreement = (r: AgreementRow): Agreement => ({
  id: r.id,
  position: r.position,
  text: r.text,
  responsible: r.responsible,
  due: r.due,
  createdAt: r.created_at,
});
const rowToMember = (r: MemberRow): CommitteeMember => ({
  id: r.id,
  position: r.position,
  participantId: r.participant_id,
  name: r.name,
  dni: r.dni,
  organization: r.organization,
  role: r.role,
});

export function listAgreements(db: Db): Agreement[] {
  if (!hasMinutes(db)) return [];
  return (db.prepare('SELECT * FROM agreement ORDER BY position, id').all() as AgreementRow[]).map(
    rowToAgreement,
  );
}

export function listCommittee(db: Db): CommitteeMember[] {
  if (!hasMinutes(db)) return [];
  return (
    db.prepare('SELECT * FROM committee_member ORDER BY position, id').all() as MemberRow[]
  ).map(rowToMember);
}

export function getClosingRemarks(db: Db): string {
  if (!hasMinutes(db)) return '';
  return (
    (db.prepare('SELECT closing_remarks FROM minutes_draft WHERE id = 1').pluck().get() as
      string | undefined) ?? ''
  );
}

export function saveAgreement(db: Db, env: Env, input: AgreementInput): Agreement {
  return db
    .transaction(() => {
      const id = input.id ?? env.newId();
      const old = input.id
        ? (db.prepare('SELECT * FROM agreement WHERE id = ?').get(input.id) as
            AgreementRow | undefined)
        : undefined;
      if (input.id && !old) throw new MinkaError('NOT_FOUND', 'minutes.error.noAgreement');
      const position =
        old?.position ??
        (db
          .prepare('SELECT coalesce(max(position), -1) + 1 FROM agreement')
          .pluck()
          .get() as number) ??
        0;
      const a: Agreement = {
        id,
        position,
        text: input.text,
        responsible: input.responsible,
        due: input.due,
        createdAt: old?.created_at ?? env.now().toISOString(),
      };
      db.prepare(
        `INSERT INTO agreement (id, position, text, responsible, due, created_at) VALUES (@id, @position, @text, @responsible, @due, @createdAt)
       ON CONFLICT (id) DO UPDATE SET text = excluded.text, responsible = excluded.responsible, due = excluded.due`,
      ).run(a);
      appendEvent(db, old ? env.now() : new Date(a.createdAt), {
        type: old ? 'minutes.agreementEdited' : 'minutes.agreementAdded',
        payload: { id, text: a.text, responsible: a.responsible, due: a.due },
      });
      return a;
    })
    .immediate();
}

export function removeAgreement(db: Db, env: Env, id: string): void {
  db.transaction(() => {
    if (db.prepare('DELETE FROM agreement WHERE id = ?').run(id).changes === 0)
      throw new MinkaError('NOT_FOUND', 'minutes.error.noAgreement');
    appendEvent(db, env.now(), { type: 'minutes.agreementRemoved', payload: { id } });
  }).immediate();
}

export function saveMember(db: Db, env: Env, input: CommitteeMemberInput): CommitteeMember {
  return db
    .transaction(() => {
      const id = input.id ?? env.newId();
      const old = input.id
        ? (db.prepare('SELECT * FROM committee_member WHERE id = ?').get(input.id) as
            MemberRow | undefined)
        : undefined;
      if (input.id && !old) throw new MinkaError('NOT_FOUND', 'minutes.error.noMember');
      if (
        input.participantId &&
        !db.prepare('SELECT 1 FROM participant WHERE id = ?').get(input.participantId)
      )
        throw new MinkaError('NOT_FOUND', 'minutes.error.noParticipant');
      if (input.dni) {
        const clash = db
          .prepare('SELECT name FROM committee_member WHERE dni = ? AND id <> ?')
          .get(input.dni, id) as { name: string } | undefined;
        if (clash)
          throw new MinkaError('CONFLICT', 'minutes.error.memberTwice', {
            name: clash.name,
            dni: input.dni,
          });
      }
      const position =
        old?.position ??
        (db
          .prepare('SELECT coalesce(max(position), -1) + 1 FROM committee_member')
          .pluck()
          .get() as number);
      const m: CommitteeMember = {
        id,
        position,
        participantId: input.participantId,
        name: input.name,
        dni: input.dni,
        organization: input.organization,
        role: input.role,
      };
      db.prepare(
        `INSERT INTO committee_member (id, position, participant_id, name, dni, organization, role) VALUES (@id, @position, @participantId, @name, @dni, @organization, @role)
       ON CONFLICT (id) DO UPDATE SET participant_id = excluded.participant_id, name = excluded.name, dni = excluded.dni, organization = excluded.organization, role = excluded.role`,
      ).run(m);
      appendEvent(db, env.now(), {
        type: old ? 'minutes.memberEdited' : 'minutes.memberAdded',
        payload: { ...m },
      });
      return m;
    })
    .immediate();
}

export function removeMember(db: Db, env: Env, id: string): void {
  db.transaction(() => {
    if (db.prepare('DELETE FROM committee_member WHERE id = ?').run(id).changes === 0)
      throw new MinkaError('NOT_FOUND', 'minutes.error.noMember');
    appendEvent(db, env.now(), { type: 'minutes.memberRemoved', payload: { id } });
  }).immediate();
}

export function saveClosingRemarks(db: Db, env: Env, text: string): string {
  return db
    .transaction(() => {
      db.prepare(
        'INSERT INTO minutes_draft (id, closing_remarks) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET closing_remarks = excluded.closing_remarks',
      ).run(text);
      appendEvent(db, env.now(), { type: 'minutes.closingRemarksSaved', payload: { text } });
      return text;
    })
    .immediate();
}

// ---- the sealed minutes -------------------------------------------------------------

export interface SealedRow {
  sealedAt: string;
  payload: string;
  payloadSha256: string;
  signature: string;
  publicKey: string;
  keyFingerprint: string;
  render: string;
  pdf: Buffer;
  pdfSha256: string;
  fileName: string;
}

interface MinutesRow {
  sealed_at: string;
  payload: string;
  payload_sha256: string;
  signature: string;
  public_key: string;
  key_fingerprint: string;
  render: string;
  pdf: Buffer;
  pdf_sha256: string;
  file_name: string;
}

export function getSealed(db: Db): SealedRow | null {
  if (!hasMinutes(db)) return null;
  const r = db.prepare('SELECT * FROM minutes WHERE id = 1').get() as MinutesRow | undefined;
  if (!r) return null;
  return {
    sealedAt: r.sealed_at,
    payload: r.payload,
    payloadSha256: r.payload_sha256,
    signature: r.signature,
    publicKey: r.public_key,
    keyFingerprint: r.key_fingerprint,
    render: r.render,
    pdf: r.pdf,
    pdfSha256: r.pdf_sha256,
    fileName: r.file_name,
  };
}

export function sealInfo(row: SealedRow): SealInfo {
  return {
    sealedAt: row.sealedAt,
    payloadSha256: row.payloadSha256,
    fingerprint: fingerprint(row.payloadSha256),
    keyFingerprint: row.keyFingerprint,
    pdfSha256: row.pdfSha256,
    pdfBytes: row.pdf.length,
    fileName: row.fileName,
  };
}

export interface AddendumRow {
  n: number;
  createdAt: string;
  text: string;
  payload: string;
  payloadSha256: string;
  signature: string;
  pdf: Buffer;
  fileName: string;
}

export function listAddenda(db: Db): AddendumRow[] {
  if (!hasMinutes(db)) return [];
  const rows = db.prepare('SELECT * FROM minutes_addendum ORDER BY n').all() as {
    n: number;
    created_at: string;
    text: string;
    payload: string;
    payload_sha256: string;
    signature: string;
    pdf: Buffer;
    file_name: string;
  }[];
  return rows.map((r) => ({
    n: r.n,
    createdAt: r.created_at,
    text: r.text,
    payload: r.payload,
    payloadSha256: r.payload_sha256,
    signature: r.signature,
    pdf: r.pdf,
    fileName: r.file_name,
  }));
}

export function addendumInfo(a: AddendumRow): AddendumInfo {
  return {
    n: a.n,
    text: a.text,
    createdAt: a.createdAt,
    payloadSha256: a.payloadSha256,
    fingerprint: fingerprint(a.payloadSha256),
    fileName: a.fileName,
  };
}

/**
 * The sealed minutes for the export document: the signed payload (parsed), its signature and
 * hashes, and each addendum's; the PDFs themselves are left out (they are in the file).
 */
export function exportMinutes(db: Db) {
  const s = getSealed(db);
  if (!s) return null;
  return {
    sealedAt: s.sealedAt,
    payloadSha256: s.payloadSha256,
    fingerprint: fingerprint(s.payloadSha256),
    algorithm: 'Ed25519',
    publicKey: s.publicKey,
    keyFingerprint: s.keyFingerprint,
    signature: s.signature,
    pdfSha256: s.pdfSha256,
    fileName: s.fileName,
    /** How the pages are drawn from the payload (the signature file's render settings). */
    render: JSON.parse(s.render) as unknown,
    payload: JSON.parse(s.payload) as unknown,
    addenda: listAddenda(db).map((a) => ({
      n: a.n,
      createdAt: a.createdAt,
      text: a.text,
      payloadSha256: a.payloadSha256,
      fingerprint: fingerprint(a.payloadSha256),
      signature: a.signature,
      fileName: a.fileName,
      payload: JSON.parse(a.payload) as unknown,
    })),
  };
}

export function nextAddendumNumber(db: Db): number {
  return (
    ((db.prepare('SELECT max(n) FROM minutes_addendum').pluck().get() as number | null) ?? 0) + 1
  );
}

export function writeAddendum(db: Db, row: AddendumRow, originalHash: string): void {
  db.transaction(() => {
    const sealed = getSealed(db);
    if (!sealed) throw new MinkaError('CONFLICT', 'minutes.error.notSealed');
    if (sealed.payloadSha256 !== originalHash)
      throw new MinkaError('CONFLICT', 'minutes.error.changedWhileSealing');
    if (row.n !== nextAddendumNumber(db))
      throw new MinkaError('CONFLICT', 'minutes.error.changedWhileSealing');
    db.prepare(
      'INSERT INTO minutes_addendum (n, created_at, text, payload, payload_sha256, signature, pdf, file_name) VALUES (@n, @createdAt, @text, @payload, @payloadSha256, @signature, @pdf, @fileName)',
    ).run(row);
    appendEvent(db, new Date(row.createdAt), {
      type: ADDENDUM_EVENT,
      payload: {
        n: row.n,
        originalHash,
        payloadSha256: row.payloadSha256,
        fingerprint: fingerprint(row.payloadSha256),
        text: row.text,
      },
    });
  }).immediate();
}
