// A closed ballot round as a pabulib file (for `minka export-pb` and the screen's download).
import { writePb } from '../../shared/pabulib';
import { roundToPb } from '../../shared/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { getRound, latestClosedRound } from './voting';
import { roundBallots } from './ballots';
import { roundProposals } from './round-reads';
import { getSetup } from '../workshop/workshop';

export function roundPbText(db: Db, roundId: string | null): { fileName: string; text: string } {
  return db.transaction(() => {
    const round = roundId ? getRound(db, roundId) : latestClosedRound(db, 'ballot');
    if (!round) throw new MinkaError('NOT_FOUND', 'voting.error.noClosedBallotRound');
    if (round.kind !== 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notBallotRound');
    if (round.state !== 'closed')
      throw new MinkaError('CONFLICT', 'voting.error.notClosed', { title: round.title });
    const setup = getSetup(db);
    const election = roundToPb(round, roundProposals(db, round), roundBallots(db, round.id), {
      description: `${setup.title} — ${round.title}`,
      unit: setup.municipality,
      instance: String(setup.fiscalYear),
      budgetCents: setup.envelopeCents,
      tieBreak: round.tieBreak,
      roundId: round.id,
    });
    const slug = `${setup.fiscalYear}-ronda-${round.position}`;
    return { fileName: `${slug}.pb`, text: writePb(election) };
  })();
}
