// minka kit / minka merge: a workshop held at several venues, from the command line (issue 20).
// `kit` writes a venue's copy, signed with the facilitator's key from the data folder;
// `merge` verifies each venue file and brings its events in, listing every conflict.
import { basename, dirname, join, resolve } from 'node:path';
import { fingerprint } from '../../../shared/fingerprint';
import { Core } from '../../core/core';
import { MinkaError } from '../../platform/classify-error';
import { loadOrCreateKey } from '../../platform/crypto/keys';
import { getSetup } from '../../workshop/workshop';
import { isVenueKit, kitFileName, prepareKit, signDeviceHead } from '../../venues/venues';
import { readCarried } from '../../venues/venues-siblings';
import { listConflicts, mergeVenue } from '../../venues/venues-merge';
import { readVenueFile } from '../../venues/venues-read';
import type { MergeProof } from '../../venues/venues-slip';
import { defaultDataDir } from '../../platform/paths';
import { CliFailure, type Command, parseArgs, tr, UsageError } from '../io';

function fail(e: unknown): never {
  if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
  throw e;
}

export const kitCommand: Command = {
  name: 'kit',
  summaryKey: 'venues.cli.kit.summary',
  usage: 'kit MAIN.minka --venue NAME [--out VENUE.minka] [--no-rounds] [--data DIR]',
  async run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['venue', 'out', 'data'],
      flags: ['no-rounds'],
    });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const given = values['out'];
    const venueName = values['venue'];
    if (!venueName) throw new UsageError('cli.error.missingValue', { flag: '--venue' });
    const dataDir = values['data'] ? resolve(values['data']) : defaultDataDir();
    const core = new Core({ dataDir, host: 'cli' });
    try {
      const w = core.openPath(resolve(file));
      const venues = getSetup(w.db).venues;
      const want = venueName.normalize('NFC').toLowerCase();
      const venue = venues.find((v) => v.name.toLowerCase() === want || v.id === venueName);
      if (!venue?.id)
        throw new CliFailure('venues.cli.noVenue', {
          venue: venueName,
          venues: venues.map((v) => v.name).join(', '),
        });
      const key = loadOrCreateKey(
        dataDir,
        core.env.now(),
        process.env['MINKA_KEY_PASSPHRASE'] || null,
      );
      const noRounds = flags.has('no-rounds');
      const fiscalYear = getSetup(w.db).fiscalYear;
      // Without --out: the screen's name (venue, year, door, kit code) beside the main file.
      const kit = await prepareKit(w.db, core.env, key, {
        venueId: venue.id,
        out: given
          ? resolve(given)
          : (kitId) =>
              join(dirname(resolve(file)), kitFileName(venue.name, fiscalYear, kitId, noRounds)),
        noRounds,
      });
      io.out(
        tr(io, 'venues.cli.kitWritten', {
          file: given ?? kit.file,
          venue: venue.name,
          rounds: kit.statement.rounds.length,
          head: fingerprint(kit.statement.baseHead),
          key: key.keyFingerprint,
        }),
      );
      return 0;
    } catch (e) {
      if (e instanceof CliFailure) throw e;
      fail(e);
    } finally {
      core.closeAll();
    }
  },
};

/**
 * Which proof goes with which venue file: `--expect NAME=HEAD` (the head read from the venue's
 * closing slip) or `--no-slip NAME=REASON`. NAME is the venue's name, the file's name or the
 * kit code (its first 8 characters, printed on the slip), whichever is unambiguous among the
 * files given; two laptops at one venue are told apart by file or kit code.
 */
function proofsFor(
  files: string[],
  expect: string[],
  noSlip: string[],
): {
  get: (f: string) => { venue: string; proof: MergeProof | null };
  carried: Map<string, MergeProof>;
} {
  const copies: string[] = [];
  const ids = files.map((f) => {
    let kitId = '';
    let venue = '';
    try {
      const b = readVenueFile(resolve(f));
      kitId = b.kit.id;
      venue = b.statement.venueName;
      copies.push(...readCarried(resolve(f), kitId).map((c) => c.kit.id));
    } catch {
      // Refused later by the merge itself, with what is wrong.
    }
    return { f, kitId, venue };
  });
  // A laptop known only from the copy a sibling's file carries: its slip by kit code (item 5).
  const carried = new Map<string, MergeProof>();
  const norm = (x: string) => x.normalize('NFC').trim().toLowerCase();
  const found = new Map<string, MergeProof>();
  const take = (spec: string, make: (value: string) => MergeProof) => {
    const eq = spec.indexOf('=');
    const name = norm(eq > 0 ? spec.slice(0, eq) : '');
    const value = eq > 0 ? spec.slice(eq + 1) : '';
    const hits = ids.filter(
      (x) =>
        norm(basename(x.f)) === name ||
        norm(basename(x.f)).replace(/\.minka$/, '') === name ||
        (x.venue !== '' && norm(x.venue) === name) ||
        (name.length >= 8 && x.kitId.toLowerCase().startsWith(name)),
    );
    const copy =
      name.length >= 8 ? [...new Set(copies)].filter((k) => k.toLowerCase().startsWith(name)) : [];
    if (hits.length === 0 && copy.length === 1) {
      carried.set(copy[0] as string, make(value));
      return;
    }
    if (hits.length === 0)
      throw new CliFailure('venues.cli.proofUnknown', {
        name: spec.slice(0, Math.max(eq, 0)) || spec,
      });
    if (hits.length > 1)
      throw new CliFailure('venues.cli.proofAmbiguous', {
        name: spec.slice(0, eq),
        files: hits.map((h) => basename(h.f)).join(', '),
      });
    found.set((hits[0] as { f: string }).f, make(value));
  };
  for (const e of expect) take(e, (v) => ({ slipHead: v }));
  for (const n of noSlip) take(n, (v) => ({ withoutSlip: v }));
  return {
    carried,
    get: (f) => ({
      venue: ids.find((x) => x.f === f)?.venue || basename(f),
      proof: found.get(f) ?? null,
    }),
  };
}

export const mergeCommand: Command = {
  name: 'merge',
  summaryKey: 'venues.cli.merge.summary',
  usage:
    'merge MAIN.minka|KIT.minka VENUE.minka… (--expect VENUE=XXXX-XXXX-XXXX-XXXX | --no-slip VENUE=REASON)… [--data DIR] [--json]',
  run(args, io) {
    const { positionals, values, flags, lists } = parseArgs(args, {
      values: ['data'],
      flags: ['json'],
      lists: ['expect', 'no-slip'],
    });
    const [file, ...venues] = positionals;
    if (!file || venues.length === 0) throw new UsageError('venues.cli.mergeUsage');
    const proofs = proofsFor(venues, lists['expect'] ?? [], lists['no-slip'] ?? []);
    const dataDir = values['data'] ? resolve(values['data']) : defaultDataDir();
    const core = new Core({ dataDir, host: 'cli' });
    try {
      const w = core.openPath(resolve(file));
      // Into a venue laptop's own file (door and desk, item 5): an exchange, no slip asked.
      const onKit = isVenueKit(w.db);
      const merged = [];
      const refused: { file: string; key: string; message: string }[] = [];
      for (const v of venues) {
        try {
          const proof = proofs.get(v);
          if (onKit && !proof.proof) proof.proof = { withoutSlip: tr(io, 'venues.exchange.note') };
          if (!proof.proof)
            throw new MinkaError('INVALID_INPUT', 'venues.cli.proofNeeded', {
              file: basename(v),
              venue: proof.venue,
            });
          merged.push(mergeVenue(w.db, core.env, resolve(v), proof.proof, proofs.carried));
          // The laptop signs its head after each change (with its key, from --data).
          if (onKit) signDeviceHead(w.db, dataDir);
        } catch (e) {
          if (!(e instanceof MinkaError)) throw e;
          refused.push({ file: basename(v), key: e.key, message: tr(io, e.key, e.params) });
        }
      }
      const conflicts = listConflicts(w.db);
      if (flags.has('json')) {
        io.out(JSON.stringify({ ok: refused.length === 0, merged, refused, conflicts }));
        return refused.length ? 1 : 0;
      }
      for (const r of merged) {
        io.out(
          tr(io, r.added ? 'venues.cli.merged' : 'venues.cli.nothingNew', {
            file: basename(r.file),
            venue: r.venue,
            key: r.keyFingerprint,
            head: fingerprint(r.head),
            added: r.added,
            applied: r.applied,
            held: r.held.length,
          }),
        );
        io.out(
          r.proof.kind === 'slip'
            ? tr(io, 'venues.cli.proofSlip', { head: fingerprint(r.proof.head) })
            : r.proof.kind === 'none'
              ? tr(io, 'venues.cli.proofNone', { note: r.proof.note })
              : tr(io, 'venues.cli.proofCarried', { by: r.proof.by.slice(0, 8) }),
        );
        for (const c of r.carried)
          io.out(
            tr(io, 'venues.cli.carried', {
              kit: c.kitId.slice(0, 8),
              key: c.keyFingerprint,
              added: c.added,
              head: fingerprint(c.head),
            }),
          );
      }
      for (const r of refused) io.err(r.message);
      const open = conflicts.filter((c) => !c.settled);
      io.out(tr(io, 'venues.cli.conflicts', { open: open.length, total: conflicts.length }));
      for (const c of open)
        io.out(
          `  ${tr(io, `venues.kind.${c.kind}`)}: ${c.label} — ${c.sides.map((s) => s.venue).join(' / ')}`,
        );
      return refused.length ? 1 : 0;
    } catch (e) {
      fail(e);
    } finally {
      core.closeAll();
    }
  },
};
