// Handlers of the venue channels (issue 20): the store does the work (venues*.ts); these
// move files across the boundary as base64, through a private temporary folder.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { venueChannels } from '../../shared/channels/venues';
import { fingerprint } from '../../shared/fingerprint';
import { fileSlug } from '../platform/slug';
import { loadOrCreateKey } from '../platform/crypto/keys';
import { copyDatabase } from '../backup/backup';
import { chainStatus } from '../platform/events';
import { getSetup } from '../workshop/workshop';
import {
  isVenueKit,
  kitCodeOf,
  kitFileName,
  kitRole,
  MERGE_EVENT,
  prepareKit,
  selfKit,
} from './venues';
import { keyFingerprintOf } from '../platform/crypto/keys';
import type { Db } from '../platform/db';
import { listConflicts, listDevices, mergeVenue, settleConflict } from './venues-merge';
import { MinkaError } from '../platform/classify-error';
import type { HandlersFor } from '../platform/handler-kit';
import { write } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof venueChannels>;

/** Run `fn` with a fresh private folder that is removed afterwards, whatever happens. */
async function inTempDir<T>(fn: (dir: string) => T | Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'minka-venue-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What was held, by reason, with the event types and the rounds' names: the report names them,
 * not just a count (fac28: a held round was named only «Ronda de votación abierta»).
 */
function heldKinds(db: Db, held: { type: string; why: string; roundId?: string }[]) {
  const by = new Map<string, { why: string; types: string[]; rounds: string[]; n: number }>();
  const roundName = db.prepare('SELECT title FROM voting_round WHERE id = ?').pluck();
  for (const h of held) {
    // The other laptop's record of an earlier exchange: what it brought is applied already.
    const why = h.type === MERGE_EVENT ? 'mergeRecord' : h.why;
    const k = by.get(why) ?? { why, types: [], rounds: [], n: 0 };
    k.n++;
    if (!k.types.includes(h.type)) k.types.push(h.type);
    if (why === 'roundNotThisDevice') {
      const id = h.roundId ?? '';
      const name = (roundName.get(id) as string | undefined) ?? (id.slice(0, 8) || '?');
      if (!k.rounds.includes(name)) k.rounds.push(name);
    }
    by.set(why, k);
  }
  return [...by.values()];
}

/** On a venue's laptop: what its closing slip shows (its chain head now). */
function closingOf(db: Db) {
  const kit = selfKit(db);
  if (!kit) return null;
  const pub = db.prepare('SELECT public_key FROM device WHERE kit_id = ?').pluck().get(kit.id) as
    string | undefined;
  const venue = db.prepare('SELECT name FROM venue WHERE id = ?').pluck().get(kit.venue_id) as
    string | undefined;
  const h = chainStatus(db);
  return {
    venue: venue ?? '',
    kitCode: kitCodeOf(kit.id),
    keyFingerprint: pub ? keyFingerprintOf(pub) : '',
    events: h.length - kit.base_seq - 1,
    headFingerprint: fingerprint(h.head),
  };
}

export const venueHandlers: Handlers = {
  'venues:get': (input, core) => {
    const { db } = core.get(input.workshopId);
    const venues = getSetup(db).venues.map((v) => ({ id: v.id ?? '', name: v.name }));
    const kits = db
      .prepare(
        `SELECT k.id AS kitId, v.name AS venue, k.created_at AS createdAt
           FROM venue_kit k JOIN venue v ON v.id = k.venue_id
          WHERE k.role = 'issued' ORDER BY k.created_at, k.id`,
      )
      .all() as { kitId: string; venue: string; createdAt: string }[];
    return {
      isKit: isVenueKit(db),
      venues: venues.filter((v) => v.id !== ''),
      kits: kits.map((k) => ({ ...k, kitCode: kitCodeOf(k.kitId), role: kitRole(db, k.kitId) })),
      devices: listDevices(db).map((d) => ({
        ...d,
        headFingerprint: d.head ? fingerprint(d.head) : '',
        kitCode: kitCodeOf(d.kitId),
        role: kitRole(db, d.kitId),
      })),
      conflicts: listConflicts(db),
      closing: closingOf(db),
    };
  },

  'venues:slip': async (input, core) => {
    const { db } = core.get(input.workshopId);
    const closing = closingOf(db);
    if (!closing) throw new MinkaError('CONFLICT', 'venues.error.notVenueCopy');
    const setup = getSetup(db);
    const now = core.env.now();
    const { renderVenueSlip } = await import('./venue-slip');
    const pdf = await renderVenueSlip(
      {
        ...closing,
        municipality: setup.municipality,
        title: setup.title,
        at: now.toISOString(),
        timeZone: setup.timeZone,
      },
      { lang: input.lang, bilingual: input.lang !== 'en', createdAt: now },
    );
    const slug = fileSlug(closing.venue, 40).replace(/^sede-/, '');
    return {
      fileName: `comprobante-sede-${slug}-${closing.headFingerprint.slice(0, 4)}.pdf`,
      base64: pdf.toString('base64'),
    };
  },

  'venues:prepareKit': async (input, core) => {
    const w = core.writable(input.workshopId);
    const setup = getSetup(w.db);
    const venue = setup.venues.find((v) => v.id === input.venueId);
    if (!venue) throw new MinkaError('NOT_FOUND', 'attendance.error.noVenue');
    const key = loadOrCreateKey(core.dataDir, core.env.now(), input.passphrase || null);
    const noRounds = input.noRounds ?? false;
    return inTempDir(async (dir) => {
      // Named after the kit: a venue's door and desk kits are two files on one USB stick.
      const kit = await prepareKit(w.db, core.env, key, {
        venueId: input.venueId,
        out: (kitId) => join(dir, kitFileName(venue.name, setup.fiscalYear, kitId, noRounds)),
        noRounds,
      });
      const out = kit.file;
      const fileName = basename(out);
      return {
        value: {
          fileName,
          base64: readFileSync(out).toString('base64'),
          venue: venue.name,
          rounds: kit.statement.rounds.length,
          keyFingerprint: key.keyFingerprint,
        },
        chain: chainStatus(w.db),
      };
    });
  },

  'venues:deviceFile': (input, core) => {
    const w = core.get(input.workshopId);
    if (!isVenueKit(w.db)) throw new MinkaError('CONFLICT', 'venues.error.notVenueCopy');
    return inTempDir(async (dir) => {
      const out = join(dir, basename(w.path));
      const r = await copyDatabase(w.db, out);
      return {
        fileName: basename(w.path),
        base64: readFileSync(out).toString('base64'),
        events: r.length,
        // The closing slip's count, so the two numbers on one screen are told apart.
        own: closingOf(w.db)?.events ?? r.length,
      };
    });
  },

  'venues:merge': (input, core) => {
    core.writable(input.workshopId);
    return inTempDir((dir) => {
      // The file keeps its name: refusals name it.
      const path = join(dir, input.file.fileName);
      writeFileSync(path, Buffer.from(input.file.base64, 'base64'));
      return write(core, input.workshopId, (w) => {
        const r = mergeVenue(w.db, core.env, path, input.proof);
        return {
          file: input.file.fileName,
          venue: r.venue,
          keyFingerprint: r.keyFingerprint,
          headFingerprint: fingerprint(r.head),
          // This laptop's own events coming back in the other's file are not "new".
          added: r.added - r.returned,
          returned: r.returned,
          applied: r.applied,
          held: r.held.length,
          heldKinds: heldKinds(w.db, r.held),
          conflicts: r.conflicts,
          proof: r.proof,
        };
      });
    });
  },

  'venues:settle': (input, core) =>
    write(core, input.workshopId, (w) =>
      settleConflict(w.db, core.env, {
        id: input.id,
        choice: input.choice,
        note: input.note,
        ...(input.readings ? { readings: input.readings } : {}),
      }),
    ),
};
