import type { ParsedInput } from '../../shared/api';
import type { votingChannels } from '../../shared/channels/voting';
import { parsePb, PbParseError } from '../../shared/pabulib';
import { pbToBallots, PbImportError } from '../../shared/voting';
import { createRound, getRound, listRounds, openRound } from './voting';
import { enterCount } from './hands';
import { importBallots } from './ballots';
import { enterPaperBallot, resolvePaper } from './paper';
import { castKioskBallot } from './kiosk';
import { closeRound } from './close-round';
import { OTHER_VENUE_ROUND, refuseOnDoorKit, refuseRoundOfOtherVenue } from './door-only';
import { kitVenue, refuseOtherVenueOnKit } from '../platform/kit-venue';
import { roundDetail, roundProposals, roundTotals } from './round-reads';
import { removeCopiesWhere } from '../backup/backup';
import { holdsBoxOf } from './ballot-box';
import { roundNotListed } from './voting-not-listed';
import { roundPbText } from './voting-pb';
import type { CoreApi as Core } from '../platform/core-api';
import { requireIntact } from '../platform/db';
import { MinkaError } from '../platform/classify-error';
import { type HandlersFor, write } from '../platform/handler-kit';
import type { BackupCore } from '../backup/handlers';

type Handlers = HandlersFor<keyof typeof votingChannels, BackupCore>;

/** The line of a voter's row in a .pb text (first cell of a row after VOTES), for messages. */
export function voterLine(text: string, voter: string): number {
  const lines = text.split(/\r?\n/);
  let inVotes = false;
  for (let i = 0; i < lines.length; i++) {
    const l = (lines[i] ?? '').trim();
    if (l.toLowerCase() === 'votes') inVotes = true;
    else if (inVotes && (l.split(';')[0] ?? '').replace(/^"|"$/g, '') === voter) return i + 1;
  }
  return 0;
}

function importPb(core: Core, input: ParsedInput<'voting:importPb'>) {
  const w = core.writable(input.workshopId);
  refuseOnDoorKit(w.db);
  refuseRoundOfOtherVenue(w.db, input.roundId);
  const file = input.fileName || 'ballots.pb';
  let ballots;
  try {
    const round = getRound(w.db, input.roundId);
    if (round.kind !== 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notBallotRound');
    ballots = pbToBallots(parsePb(input.text), round, roundProposals(w.db, round));
  } catch (e) {
    if (e instanceof PbParseError)
      throw new MinkaError('INVALID_INPUT', 'voting.pb.errorAt', {
        file,
        line: e.line,
        problem: e.code,
        ...e.params,
      });
    if (e instanceof PbImportError)
      throw new MinkaError('INVALID_INPUT', 'voting.pb.errorAt', {
        file,
        line: voterLine(input.text, String(e.params['voter'] ?? '')),
        problem: e.key,
        ...e.params,
      });
    throw e;
  }
  try {
    return write(core, input.workshopId, (x) =>
      importBallots(x.db, core.env, input.roundId, ballots, file),
    );
  } catch (e) {
    // A ballot the round's rules refuse: name its line in the file.
    if (e instanceof MinkaError && e.key === 'voting.pb.badBallot') {
      const { voter, problem, ...rest } = e.params;
      throw new MinkaError('INVALID_INPUT', 'voting.pb.errorAt', {
        ...rest,
        file,
        line: voterLine(input.text, String(voter)),
        voter: String(voter),
        problem: String(problem),
      });
    }
    throw e;
  }
}

/** A round's reads: on a venue's kit, its own venue's rounds only (fac28: another venue's were open to see). */
function ownRound(core: Core, input: { workshopId: string; roundId: string | null }) {
  const { db } = core.get(input.workshopId);
  if (input.roundId !== null) refuseRoundOfOtherVenue(db, input.roundId);
  return db;
}

export const votingHandlers: Handlers = {
  'voting:list': (input, core) => {
    // A kit lists its own venue's rounds only: another venue's are that venue's laptop's.
    const { db } = core.get(input.workshopId);
    const kit = kitVenue(db);
    return { rounds: listRounds(db).filter((r) => !kit || r.venueId === kit.id) };
  },
  'voting:get': (input, core) =>
    roundDetail(ownRound(core, input), input.roundId, input.operator ?? 'A'),
  'voting:notListed': (input, core) => ({
    people: roundNotListed(ownRound(core, input), input.roundId),
  }),
  'voting:create': (input, core) =>
    write(
      core,
      input.workshopId,
      (w) => (
        refuseOnDoorKit(w.db),
        refuseOtherVenueOnKit(w.db, input.round.venueId, OTHER_VENUE_ROUND),
        createRound(w.db, core.env, input.round)
      ),
    ),
  'voting:open': (input, core) =>
    write(
      core,
      input.workshopId,
      (w) => (
        refuseOnDoorKit(w.db),
        refuseRoundOfOtherVenue(w.db, input.roundId),
        openRound(w.db, core.env, input.roundId)
      ),
    ),
  'voting:close': async (input, core) => {
    // Closing freezes the outcome and the quorum, counted through indexes: an index edited to
    // disagree with its table (found by the adversary: a narrowed partial index faked quorum)
    // is refused here, before anything is frozen from it.
    requireIntact(core.get(input.workshopId).db);
    const out = write(
      core,
      input.workshopId,
      (w) => (
        refuseOnDoorKit(w.db),
        refuseRoundOfOtherVenue(w.db, input.roundId),
        closeRound(w.db, core.env, input.roundId)
      ),
    );
    // Copies taken while the round was open could link its ballots to their voters (see
    // holdsBoxOf): take one after the close first, then remove those.
    const w = core.get(input.workshopId);
    await core.backups.idle();
    const fresh = core.backups.policy.enabled ? await core.backups.run(w).catch(() => null) : null;
    if (!core.backups.policy.enabled || fresh)
      removeCopiesWhere(w.path, fresh?.file ?? null, (copy) => holdsBoxOf(copy, input.roundId));
    return out;
  },
  'voting:enterCount': (input, core) =>
    write(
      core,
      input.workshopId,
      (w) => (
        refuseOnDoorKit(w.db),
        refuseRoundOfOtherVenue(w.db, input.roundId),
        enterCount(w.db, core.env, input)
      ),
    ),
  'voting:cast': (input, core) =>
    write(
      core,
      input.workshopId,
      (w) => (
        refuseOnDoorKit(w.db),
        refuseRoundOfOtherVenue(w.db, input.roundId),
        castKioskBallot(w.db, core.env, input)
      ),
    ),
  'voting:enterPaper': (input, core) =>
    write(
      core,
      input.workshopId,
      (w) => (
        refuseOnDoorKit(w.db),
        refuseRoundOfOtherVenue(w.db, input.roundId),
        enterPaperBallot(w.db, core.env, input)
      ),
    ),
  'voting:resolvePaper': (input, core) =>
    write(
      core,
      input.workshopId,
      (w) => (
        refuseOnDoorKit(w.db),
        refuseRoundOfOtherVenue(w.db, input.roundId),
        resolvePaper(w.db, core.env, input)
      ),
    ),
  'voting:importPb': (input, core) => importPb(core, input),
  'voting:exportPb': (input, core) => roundPbText(ownRound(core, input), input.roundId),
  'voting:results': (input, core) => roundTotals(ownRound(core, input), input.roundId),
};
