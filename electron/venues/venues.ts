// Venue kits and devices (issue 20). A kit is a copy of the workshop for one venue, bound to
// this workshop's chain head by a statement the facilitator's key signs. The laptop that
// opens it (the device) makes its own Ed25519 key, marks every event it appends with its kit
// id, and signs its chain head after each change. This file prepares, adopts, signs and reads
// kits (venues-read.ts reads them); venues-merge.ts brings a device's events back into the main workshop.
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalize } from '../../shared/canonical';
import { MinkaError } from '../platform/errors';
import { writeFileAtomic } from '../platform/atomic';
import { rawPublicKey, type SigningKey } from '../platform/crypto/keys';
import { signPayload } from '../platform/crypto/sign';
import { copyDatabase } from '../backup/backup';
import { type Db, openWorkshopDb, WORKSHOP_EXT } from '../platform/db';
import { fileSlug } from '../platform/slug';
import { appendEvent, chainStatus } from '../platform/events';
import { type Env, getMeta, workshopId } from '../workshop/workshop';

export const KIT_EVENT = 'venues.kitPrepared';
export const ADOPT_EVENT = 'venues.deviceAdopted';
export const MERGE_EVENT = 'venues.merged';
export const SETTLE_EVENT = 'venues.conflictSettled';

export interface KitStatement {
  format: 'minka-venue-kit';
  version: 1;
  kitId: string;
  workshopId: string;
  venueId: string;
  venueName: string;
  /** The main chain's length and head the kit starts from. */
  baseSeq: number;
  baseHead: string;
  /** Rounds that will run at the venue (draft or open when the kit was made). */
  rounds: string[];
  createdAt: string;
}

export interface KitRow {
  id: string;
  role: 'issued' | 'self';
  venue_id: string;
  base_seq: number;
  base_head: string;
  statement: string;
  main_public_key: string;
  signature: string;
  created_at: string;
}

export interface DeviceEventRow {
  seq: number;
  at: string;
  actor: string;
  type: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The kit this file is, if it is a venue's copy. */
export function selfKit(db: Db): KitRow | null {
  if (getMeta(db, 'device_kit') === undefined) return null;
  return (
    (db.prepare("SELECT * FROM venue_kit WHERE role = 'self'").get() as KitRow | undefined) ?? null
  );
}

export function isVenueKit(db: Db): boolean {
  return getMeta(db, 'device_kit') !== undefined;
}

/** A kit's short code, as its slip, the Sedes screen and (from layout 8) the Acta show it. */
export const kitCodeOf = (kitId: string): string => kitId.slice(0, 8);

/** Door only when the kit carries none of the venue's rounds (its signed statement says which). */
export function kitRole(db: Db, kitId: string): 'door' | 'desk' {
  const st = db.prepare('SELECT statement FROM venue_kit WHERE id = ?').pluck().get(kitId) as
    string | undefined;
  const rounds = st ? (JSON.parse(st) as { rounds?: unknown[] }).rounds : undefined;
  return Array.isArray(rounds) && rounds.length > 0 ? 'desk' : 'door';
}

export function deviceLabel(kitId: string): string {
  return `device:${kitId}`;
}

/** Prepare a kit for one venue: record it (signed) in this workshop, then write the copy. */
export async function prepareKit(
  db: Db,
  env: Env,
  key: SigningKey,
  /** noRounds: a door laptop's kit (item 5): the venue's rounds run on its voting desk's kit. */
  /** out: a path, or the path named after the new kit (kitFileName), known once its id is. */
  input: { venueId: string; out: string | ((kitId: string) => string); noRounds?: boolean },
): Promise<{ kitId: string; statement: KitStatement; file: string }> {
  if (isVenueKit(db)) throw new MinkaError('CONFLICT', 'venues.error.kitOfKit');
  const kitId = env.newId();
  const out = typeof input.out === 'string' ? input.out : input.out(kitId);
  if (existsSync(out))
    throw new MinkaError('ALREADY_EXISTS', 'error.alreadyExists', { file: basename(out) });
  const statement = db
    .transaction(() => {
      const venue = db.prepare('SELECT id, name FROM venue WHERE id = ?').get(input.venueId) as
        { id: string; name: string } | undefined;
      if (!venue) throw new MinkaError('NOT_FOUND', 'attendance.error.noVenue');
      const head = chainStatus(db);
      const rounds = input.noRounds
        ? []
        : (db
            .prepare(
              "SELECT id FROM voting_round WHERE venue_id = ? AND state <> 'closed' ORDER BY position, id",
            )
            .pluck()
            .all(venue.id) as string[]);
      const st: KitStatement = {
        format: 'minka-venue-kit',
        version: 1,
        kitId,
        workshopId: workshopId(db),
        venueId: venue.id,
        venueName: venue.name,
        baseSeq: head.length,
        baseHead: head.head,
        rounds,
        createdAt: env.now().toISOString(),
      };
      const signed = signPayload(st, key.privateKey);
      db.prepare(
        `INSERT INTO venue_kit (id, role, venue_id, base_seq, base_head, statement, main_public_key, signature, created_at)
         VALUES (?, 'issued', ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        st.kitId,
        st.venueId,
        st.baseSeq,
        st.baseHead,
        signed.canonical,
        key.publicKeyB64,
        signed.signature,
        st.createdAt,
      );
      appendEvent(db, new Date(st.createdAt), {
        type: KIT_EVENT,
        payload: {
          statement: { ...st },
          signature: signed.signature,
          mainPublicKey: key.publicKeyB64,
        },
      });
      return st;
    })
    .immediate();
  await copyDatabase(db, out);
  const kit = openWorkshopDb(out);
  try {
    kit
      .transaction(() => {
        kit.prepare("UPDATE venue_kit SET role = 'self' WHERE id = ?").run(statement.kitId);
        kit.prepare("INSERT INTO meta (key, value) VALUES ('device_kit', ?)").run(statement.kitId);
      })
      .immediate();
    kit.pragma('wal_checkpoint(TRUNCATE)');
    kit.pragma('journal_mode = DELETE');
  } finally {
    kit.close();
  }
  return { kitId: statement.kitId, statement, file: out };
}

/**
 * A kit's file name: its venue, year, "puerta" for a door-only kit, and its kit code (the 8
 * characters its slip and the Sedes screen print), so two kits of one venue never share a
 * name on a USB stick: sede-pacchanta-2027-puerta-kit-1a2b3c4d.minka.
 */
export function kitFileName(
  venueName: string,
  fiscalYear: number,
  kitId: string,
  noRounds = false,
) {
  // "Sede Pacchanta" gives sede-pacchanta-…, not sede-sede-….
  const slug = fileSlug(venueName, 40).replace(/^sede-/, '');
  const code = kitId.slice(0, 8).toLowerCase();
  return `sede-${slug}-${fiscalYear}${noRounds ? '-puerta' : ''}-kit-${code}${WORKSHOP_EXT}`;
}

// ---- the device's own key --------------------------------------------------------------

interface DeviceKeyFile {
  format: 'minka-device-key';
  version: 1;
  kitId: string;
  publicKey: string;
  privateKey: string;
}

const deviceKeyPath = (dataDir: string, kitId: string) =>
  join(dataDir, 'keys', `device-${kitId}.json`);

function readDeviceKey(dataDir: string, kitId: string): DeviceKeyFile | null {
  const p = deviceKeyPath(dataDir, kitId);
  if (!existsSync(p)) return null;
  const k = JSON.parse(readFileSync(p, 'utf8')) as DeviceKeyFile;
  if (k.format !== 'minka-device-key' || k.kitId !== kitId)
    throw new MinkaError('CORRUPT_FILE', 'minutes.error.badKeyFile', { file: basename(p) });
  return k;
}

/**
 * First opening of a kit on a laptop: make the device's key (kept in this laptop's data
 * folder), record its public half as the device's first event and sign the head.
 * Returns 'adopted', 'own' (adopted here before) or 'foreign' (adopted on another laptop).
 */
export function adoptKit(db: Db, env: Env, dataDir: string): 'adopted' | 'own' | 'foreign' | null {
  const kit = selfKit(db);
  if (!kit) return null;
  const dev = db.prepare('SELECT public_key FROM device WHERE kit_id = ?').get(kit.id) as
    { public_key: string } | undefined;
  const own = readDeviceKey(dataDir, kit.id);
  if (dev) return own && own.publicKey === dev.public_key ? 'own' : 'foreign';
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pub = rawPublicKey(publicKey).toString('base64');
  mkdirSync(join(dataDir, 'keys'), { recursive: true, mode: 0o700 });
  const file: DeviceKeyFile = {
    format: 'minka-device-key',
    version: 1,
    kitId: kit.id,
    publicKey: pub,
    privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
  writeFileAtomic(deviceKeyPath(dataDir, kit.id), JSON.stringify(file, null, 2) + '\n');
  db.transaction(() => {
    const at = env.now().toISOString();
    db.prepare('INSERT INTO device (kit_id, public_key, adopted_at) VALUES (?, ?, ?)').run(
      kit.id,
      pub,
      at,
    );
    appendEvent(db, new Date(at), {
      type: ADOPT_EVENT,
      payload: { kitId: kit.id, publicKey: pub },
    });
  }).immediate();
  signDeviceHead(db, dataDir);
  return 'adopted';
}

/** What a device signs: its kit, its chain's length and head. */
export function headStatement(kitId: string, length: number, head: string): string {
  return canonicalize({ format: 'minka-device-head', kitId, length, head });
}

/** Sign the device's current chain head (after each change; nothing if already signed). */
export function signDeviceHead(db: Db, dataDir: string): boolean {
  const kit = selfKit(db);
  if (!kit) return false;
  const own = readDeviceKey(dataDir, kit.id);
  const dev = db.prepare('SELECT public_key FROM device WHERE kit_id = ?').get(kit.id) as
    { public_key: string } | undefined;
  if (!own || !dev || own.publicKey !== dev.public_key) return false;
  const h = chainStatus(db);
  if (db.prepare('SELECT 1 FROM device_seal WHERE kit_id = ? AND length = ?').get(kit.id, h.length))
    return false;
  const key = createPrivateKey({ key: own.privateKey, format: 'pem' });
  if (rawPublicKey(createPublicKey(key)).toString('base64') !== dev.public_key) return false;
  const sig = signPayload(JSON.parse(headStatement(kit.id, h.length, h.head)), key).signature;
  db.prepare('INSERT INTO device_seal (kit_id, length, head, signature) VALUES (?, ?, ?, ?)').run(
    kit.id,
    h.length,
    h.head,
    sig,
  );
  return true;
}
