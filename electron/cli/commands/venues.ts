// minka kit / minka merge: a workshop held at several venues, from the command line (issue 20).
// `kit` writes a venue's copy, signed with the facilitator's key from the data folder;
// `merge` verifies each venue file and brings its events in, listing every conflict.
import { basename, resolve } from 'node:path';
import { fingerprint } from '../../../shared/fingerprint';
import { Core } from '../../core/core';
import { MinkaError } from '../../core/errors';
import { loadOrCreateKey } from '../../minutes/keys';
import { getSetup } from '../../store/workshop';
import { prepareKit } from '../../store/venues';
import { listConflicts, mergeVenue } from '../../store/venues-merge';
import { defaultDataDir } from '../../paths';
import { CliFailure, type Command, parseArgs, tr, UsageError } from '../io';

function fail(e: unknown): never {
  if (e instanceof MinkaError) throw new CliFailure(e.key, e.params);
  throw e;
}

export const kitCommand: Command = {
  name: 'kit',
  summaryKey: 'venues.cli.kit.summary',
  usage: 'kit MAIN.minka --venue NAME --out VENUE.minka [--data DIR]',
  async run(args, io) {
    const { positionals, values } = parseArgs(args, { values: ['venue', 'out', 'data'] });
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError('cli.error.oneFile');
    const out = values['out'];
    if (!out) throw new UsageError('cli.error.missingValue', { flag: '--out' });
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
      const kit = await prepareKit(w.db, core.env, key, { venueId: venue.id, out: resolve(out) });
      io.out(
        tr(io, 'venues.cli.kitWritten', {
          file: out,
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

export const mergeCommand: Command = {
  name: 'merge',
  summaryKey: 'venues.cli.merge.summary',
  usage: 'merge MAIN.minka VENUE.minka… [--data DIR] [--json]',
  run(args, io) {
    const { positionals, values, flags } = parseArgs(args, {
      values: ['data'],
      flags: ['json'],
    });
    const [file, ...venues] = positionals;
    if (!file || venues.length === 0) throw new UsageError('venues.cli.mergeUsage');
    const dataDir = values['data'] ? resolve(values['data']) : defaultDataDir();
    const core = new Core({ dataDir, host: 'cli' });
    try {
      const w = core.openPath(resolve(file));
      const merged = [];
      const refused: { file: string; key: string; message: string }[] = [];
      for (const v of venues) {
        try {
          merged.push(mergeVenue(w.db, core.env, resolve(v)));
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
      for (const r of merged)
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
