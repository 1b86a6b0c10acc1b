// A closed ballot round as a pabulib file (for `minka export-pb` and the screen's download).
import { writePb } from '../../shared/pabulib';
import { roundToPb } from '../../shared/voting';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { getRound, latestClosedRound } from './voting';
import { roundBallots } from './ballots';
import { roundProposals } from './round-reads';
import { getSetup } from '../workshop/workshop';
import { storedFrozen } from './round-freeze';

export function roundPbText(db: Db, roundId: string | null): { fileName: string; text: string } {
  return db.transaction(() => {
    const round = roundId ? getRound(db, roundId) : latestClosedRound(db, 'ballot');
    if (!round) throw new MinkaError('NOT_FOUND', 'voting.error.noClosedBallotRound');
    if (round.kind !== 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notBallotRound');
    if (round.state !== 'closed')
      throw new MinkaError('CONFLICT', 'voting.error.notClosed', { title: round.title });
    const setup = getSetup(db);
    // The rule and envelope the round's result used, frozen at its close (the setup may differ
    // now): with them `minka tally` on this file selects what the screen and the Acta show.
    const stored = storedFrozen(db, round.id);
    const frozen = stored?.results;
    const result = frozen?.kind === 'priority' ? frozen.value : null;
    // The projects as they stood at the close (a cost edited later is not what was tallied).
    const sectorName = new Map((stored?.inputs.sectors ?? []).map((x) => [x.id, x.name]));
    const proposals = stored
      ? stored.inputs.items.map((i) => ({
          id: i.id,
          code: i.code,
          title: i.title,
          costCents: i.costCents,
          sector: sectorName.get(i.sectorId) ?? '',
        }))
      : roundProposals(db, round);
    const rule =
      result && !result.split && !result.problem && result.ruleKey.startsWith('mes')
        ? result.ruleKey
        : undefined;
    const election = roundToPb(round, proposals, roundBallots(db, round.id), {
      description: `${setup.title} — ${round.title}`,
      unit: setup.municipality,
      instance: String(setup.fiscalYear),
      budgetCents: result?.envelopeCents ?? setup.envelopeCents,
      tieBreak: round.tieBreak,
      roundId: round.id,
      ...(rule ? { rule } : {}),
    });
    const slug = `${setup.fiscalYear}-ronda-${round.position}`;
    return { fileName: `${slug}.pb`, text: writePb(election) };
  })();
}
