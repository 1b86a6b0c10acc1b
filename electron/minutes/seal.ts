// Sealing: snapshot → payload (pure) → canonical JSON → Ed25519 → the Acta PDF → a second
// signature over the PDF bytes → one transaction that stores it all and closes the
// workshop. The PDF is kept in the workshop file (a reprint gives the same bytes) and a
// copy goes to the data folder's minutes/ archive, where a fingerprint typed from paper
// finds it.
import { requireSealWarnings } from './seal-warnings';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Lang } from '../../shared/i18n';
import { buildMinutes } from '../../shared/minutes/build';
import {
  ADDENDUM_FORMAT,
  MINUTES_VERSION,
  MinutesPayload,
  type AddendumPayload,
  type SignatureFile,
  type Signer,
} from '../../shared/minutes/payload';
import { SealedEntry, type SealInfo, type AddendumInfo } from '../../shared/schemas/minutes';
import { fingerprint } from '../../shared/fingerprint';
import { MinkaError } from '../platform/errors';
import { fileSlug } from '../platform/slug';
import { writeFileAtomic } from '../platform/atomic';
import { type Db, requireIntact } from '../platform/db';
import { addendumInfo, getSealed, nextAddendumNumber, sealInfo, writeAddendum } from './minutes';
import { writeSeal } from './seal-write';
import { loadOrCreateKey, type SigningKey } from '../platform/crypto/keys';
import { appendDocumentSignature, sha256Hex, signPayload } from '../platform/crypto/sign';
import type { PadesOptions, PadesSigner } from './pades';

import { collectSnapshot } from './snapshot';
import { type CheckBeforeSeal, requireConsistent } from './seal-consistent';
import { requireOfficial } from '../results/official';
import { getSetup } from '../workshop/workshop';
import { isVenueKit } from '../venues/venues';
import { listConflicts, listDevices } from '../venues/venues-merge';

/** Minka's sealed bytes, then the standard PDF signature over all of them (an incremental update). */
export async function withPades(
  pdf: Buffer,
  signer: PadesSigner | null,
  o: PadesOptions,
): Promise<Buffer> {
  if (!signer) return pdf;
  const { addPadesSignature } = await import('./pades');
  return addPadesSignature(pdf, signer, o);
}

export interface SealOptions {
  lang: Lang;
  bilingual: boolean;
  slips: boolean;
  passphrase: string | null;
  /** Who holds the key and seals (the key card on the Acta); '' when not given. */
  holder?: string;
  /**
   * The standard PDF signature (PAdES) appended after Minka's: the facilitator's certificate
   * Minka issues (default), the municipality's PKCS#12, or none (`false`, for comparisons).
   */
  pades?: false | { p12: Buffer; passphrase: string };
  /** The seal warnings confirmed (seal-warnings.ts): required, checked here for every caller. */
  acknowledged: readonly string[];
}
/** What draws and signs (an addendum too): no warnings to confirm. */
type SignOptions = Omit<SealOptions, 'acknowledged'>;

const slug = (s: string) => fileSlug(s, 50);

/** Sign a payload (which says how its pages are drawn): the signature file attached to the PDF. */
export function signForPdf(payload: unknown, key: SigningKey) {
  const signed = signPayload(payload, key.privateKey);
  const signature: SignatureFile = {
    format: 'minka-signature',
    version: 2,
    algorithm: 'Ed25519',
    publicKey: key.publicKeyB64,
    signature: signed.signature,
    payloadSha256: signed.payloadSha256,
  };
  return { signed, signature };
}

/** The signer block of a payload: the key, its card and the PAdES certificate. */
function signerOf(key: SigningKey, opts: SignOptions, pades: PadesSigner | null): Signer {
  return {
    publicKey: key.publicKeyB64,
    keyFingerprint: key.keyFingerprint,
    keyCreatedAt: key.createdAt,
    holder: holderOf(opts),
    ...(pades
      ? {
          certificate: {
            subject: pades.subject,
            organization: pades.organization,
            sha256: pades.certSha256,
            source: opts.pades ? ('p12' as const) : ('minka' as const),
          },
        }
      : {}),
  };
}

const holderOf = (opts: SignOptions) => (opts.holder ?? '').normalize('NFC').trim().slice(0, 120);

/** The PAdES signer of a seal: the municipality's PKCS#12 or the facilitator's certificate. */
export async function padesSignerFor(
  dataDir: string,
  key: SigningKey,
  municipality: string,
  now: Date,
  opts: SignOptions,
): Promise<PadesSigner | null> {
  if (opts.pades === false) return null;
  // node-forge, pkijs and @signpdf load when a seal needs them, not with the app.
  const { facilitatorSigner, p12Signer } = await import('./pades');
  if (opts.pades) return p12Signer(opts.pades.p12, opts.pades.passphrase);
  return facilitatorSigner(
    dataDir,
    key,
    { holder: holderOf(opts), municipality },
    now,
    opts.passphrase,
  );
}

export const ARCHIVE_DIR = 'minutes';
const INDEX = 'index.json';

export { type CheckBeforeSeal, requireConsistent };

/** The payload the seal would sign now, without signing it (for the preview and `minka check`). */
export function previewPayload(
  db: Db,
  stamp: { sealedAt: string; publicKey: string; keyFingerprint: string },
): MinutesPayload {
  return MinutesPayload.parse(
    buildMinutes(collectSnapshot(db), {
      sealedAt: stamp.sealedAt,
      signer: { publicKey: stamp.publicKey, keyFingerprint: stamp.keyFingerprint },
    }),
  );
}

export async function sealWorkshop(
  db: Db,
  dataDir: string,
  now: Date,
  opts: SealOptions,
  checkBeforeSeal: CheckBeforeSeal,
): Promise<{ info: SealInfo; pdf: Buffer }> {
  // The file as it is on disk now passes SQLite's integrity_check (indexes against their
  // tables too): a damaged page or a faked index is refused,
  // named, before anything reads the record to sign it.
  requireIntact(db);
  if (getSealed(db)) throw new MinkaError('SEALED', 'error.sealed');
  // A venue's copy is not the workshop; and every conflict between devices is settled first.
  if (isVenueKit(db)) throw new MinkaError('CONFLICT', 'venues.error.sealKit');
  const open = listConflicts(db).filter((c) => !c.settled);
  if (open.length > 0)
    throw new MinkaError('CONFLICT', 'venues.error.openConflicts', {
      count: open.length,
      // Named, so the facilitator knows which to settle (a person and day, a proposal, a round).
      list: open.map((c) => c.label).join('; '),
    });
  // A laptop known only from the copy its venue's other laptop carried: its own file (or its
  // slip, matching the copy) vouches for it, not the laptop that carried it (issue 20, item 5).
  const carried = listDevices(db).filter((d) => d.proof?.kind === 'carried');
  if (carried.length > 0)
    throw new MinkaError('CONFLICT', 'venues.error.carriedOnly', {
      list: carried.map((d) => `${d.venue} (${d.kitId.slice(0, 8)})`).join('; '),
    });
  // What `minka check` proves from the record must hold: a table edited outside Minka (an
  // envelope, a weight, a deleted conflict) is refused here, not signed into the Acta. First:
  // such an edit also raises the official round's "setup changed" warning, less to the point.
  requireConsistent(db, checkBeforeSeal);
  // The Acta's list follows a round the facilitator chose, with its warnings confirmed.
  requireOfficial(db);
  // Left out (plain JS): nothing confirmed. What was confirmed goes into the seal's event.
  const confirmed = requireSealWarnings(db, opts.acknowledged ?? [], opts.lang);
  const key = loadOrCreateKey(dataDir, now, opts.passphrase);
  const snapshot = collectSnapshot(db);
  const sealedAt = now.toISOString();
  const pades = await padesSignerFor(dataDir, key, snapshot.setup.municipality, now, opts);
  // The renderer (pdfkit, fonts, QR) loads on first use, not with the app.
  const { renderMinutes, currentRenderSettings } = await import('./pdf/minutes');
  // Parsed back through the schema: what is signed is exactly what a verifier will accept.
  // The render settings are signed with the record: nothing unsigned decides the pages.
  const payload = MinutesPayload.parse({
    ...buildMinutes(snapshot, { sealedAt, signer: signerOf(key, opts, pades) }),
    sealWarningsConfirmed: confirmed,
    render: currentRenderSettings({ ...opts, timeZone: getSetup(db).timeZone }),
  });
  const { signed, signature } = signForPdf(payload, key);

  const drawn = await renderMinutes({
    payload,
    canonical: signed.canonical,
    signature,
    fingerprint: signed.fingerprint,
  });
  const pdf = await withPades(
    appendDocumentSignature(drawn, key.privateKey, key.publicKeyB64),
    pades,
    { reason: 'Acta sellada con Minka', location: payload.workshop.municipality, signingTime: now },
  );
  const fileName = `acta-${slug(payload.workshop.municipality)}-${payload.workshop.fiscalYear}-${signed.fingerprint}.pdf`;
  const row = {
    sealedAt,
    payload: signed.canonical,
    payloadSha256: signed.payloadSha256,
    signature: signed.signature,
    publicKey: key.publicKeyB64,
    keyFingerprint: key.keyFingerprint,
    render: JSON.stringify(payload.render),
    pdf,
    pdfSha256: sha256Hex(pdf),
    fileName,
  };
  writeSeal(db, row, snapshot.chain.head, confirmed);
  archive(dataDir, fileName, pdf, {
    kind: 'minutes',
    fingerprint: signed.fingerprint,
    payloadSha256: signed.payloadSha256,
    keyFingerprint: key.keyFingerprint,
    municipality: payload.workshop.municipality,
    fiscalYear: payload.workshop.fiscalYear,
    title: payload.workshop.title,
    sealedAt,
  });
  const stored = getSealed(db);
  if (!stored) throw new MinkaError('INTERNAL', 'error.internal', { message: 'seal not stored' });
  return { info: sealInfo(stored), pdf };
}

/** A correction after sealing: a new signed document pointing at the original's hash. */
export async function addAddendum(
  db: Db,
  dataDir: string,
  now: Date,
  text: string,
  opts: SignOptions,
): Promise<{ info: AddendumInfo; pdf: Buffer }> {
  const sealed = getSealed(db);
  if (!sealed) throw new MinkaError('CONFLICT', 'minutes.error.notSealed');
  const key = loadOrCreateKey(dataDir, now, opts.passphrase);
  const original = MinutesPayload.parse(JSON.parse(sealed.payload));
  const pades = await padesSignerFor(dataDir, key, original.workshop.municipality, now, opts);
  const n = nextAddendumNumber(db);
  const { renderAddendum, currentRenderSettings } = await import('./pdf/minutes');
  const payload: AddendumPayload = {
    format: ADDENDUM_FORMAT,
    version: MINUTES_VERSION,
    originalHash: sealed.payloadSha256,
    originalFingerprint: fingerprint(sealed.payloadSha256),
    workshopId: original.workshop.workshopId,
    municipality: original.workshop.municipality,
    fiscalYear: original.workshop.fiscalYear,
    title: original.workshop.title,
    n,
    text,
    createdAt: now.toISOString(),
    signer: signerOf(key, opts, pades),
    render: currentRenderSettings({
      ...opts,
      slips: false,
      ...(original.render ? { timeZone: original.render.timeZone } : {}),
    }),
  };
  const { signed, signature } = signForPdf(payload, key);

  const pdf = await withPades(
    appendDocumentSignature(
      await renderAddendum({
        payload,
        canonical: signed.canonical,
        signature,
        fingerprint: signed.fingerprint,
      }),
      key.privateKey,
      key.publicKeyB64,
    ),
    pades,
    { reason: 'Adenda sellada con Minka', location: payload.municipality, signingTime: now },
  );
  const fileName = `adenda-${n}-${slug(payload.municipality)}-${payload.fiscalYear}-${signed.fingerprint}.pdf`;
  const row = {
    n,
    createdAt: payload.createdAt,
    text,
    payload: signed.canonical,
    payloadSha256: signed.payloadSha256,
    signature: signed.signature,
    pdf,
    fileName,
  };
  writeAddendum(db, row, sealed.payloadSha256);
  archive(dataDir, fileName, pdf, {
    kind: 'addendum',
    fingerprint: signed.fingerprint,
    payloadSha256: signed.payloadSha256,
    keyFingerprint: key.keyFingerprint,
    municipality: payload.municipality,
    fiscalYear: payload.fiscalYear,
    title: payload.title,
    sealedAt: payload.createdAt,
  });
  return { info: addendumInfo(row), pdf };
}

// ---- the archive of sealed PDFs in the data folder ---------------------------------------

function archivePath(dataDir: string): string {
  return join(dataDir, ARCHIVE_DIR);
}

export function listArchive(dataDir: string): SealedEntry[] {
  const p = join(archivePath(dataDir), INDEX);
  if (!existsSync(p)) return [];
  try {
    const list = JSON.parse(readFileSync(p, 'utf8')) as unknown;
    if (!Array.isArray(list)) return [];
    return list.flatMap((x) => {
      const e = SealedEntry.safeParse(x);
      return e.success && existsSync(join(archivePath(dataDir), e.data.file)) ? [e.data] : [];
    });
  } catch {
    return [];
  }
}

/**
 * Keep a copy of a sealed PDF and index it. Runs after the seal is committed: failing here
 * loses only the convenience copy (the PDF stays in the workshop file), so it is not fatal.
 */
function archive(
  dataDir: string,
  fileName: string,
  pdf: Buffer,
  entry: Omit<SealedEntry, 'file'>,
): void {
  try {
    const dir = archivePath(dataDir);
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, fileName), pdf);
    const list = listArchive(dataDir).filter((e) => e.file !== fileName);
    list.push({ file: fileName, ...entry });
    writeFileAtomic(join(dir, INDEX), JSON.stringify(list, null, 2) + '\n');
  } catch {
    // The sealed PDF is in the workshop file; `minutes:pdf` writes it out again.
  }
}

/** Fingerprints typed from paper: ignore dashes, spaces and case; O/0 and I/1 confusions are fixed. */
export function normalizeFingerprint(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/[^0-9A-F]/g, '');
}

export function findArchived(dataDir: string, typed: string): SealedEntry[] {
  const q = normalizeFingerprint(typed);
  if (q.length < 4) return [];
  return listArchive(dataDir).filter(
    (e) =>
      e.fingerprint.replace(/-/g, '').startsWith(q) || e.payloadSha256.toUpperCase().startsWith(q),
  );
}

export function readArchived(dataDir: string, file: string): Buffer {
  const entry = listArchive(dataDir).find((e) => e.file === file);
  if (!entry || basename(file) !== file)
    throw new MinkaError('NOT_FOUND', 'minutes.error.noArchived', { file });
  return readFileSync(join(archivePath(dataDir), file));
}
