// Why registry people are not on a ballot round's kiosk list (field test "fac", item 2). Read
// on demand by the kiosk when a search finds nobody waiting: it reads the whole registry,
// which voting:get must not (issue 18 made that size-independent).
import type { NotListedPerson } from '../../shared/schemas/voting';
import { notListed } from '../../shared/voting/not-listed';
import type { Db } from '../platform/db';
import { listOrganizations, listParticipants } from '../registry/registry';
import { getRound } from './voting';
import { currentHolders } from './holders';
import { getSetup } from '../workshop/workshop';

/** Everyone the kiosk does not offer for this open ballot round, with the reason; [] otherwise. */
export function roundNotListed(db: Db, roundId: string): NotListedPerson[] {
  return db.transaction((): NotListedPerson[] => {
    const round = getRound(db, roundId);
    if (round.kind !== 'ballot' || round.state === 'closed') return [];
    const here = currentHolders(db, round);
    const used = new Set(
      db
        .prepare('SELECT voter_key FROM round_voter WHERE round_id = ?')
        .pluck()
        .all(round.id) as string[],
    );
    const orgs = new Map(listOrganizations(db).map((o) => [o.id, o.name]));
    return notListed(
      getSetup(db).voteRule,
      listParticipants(db),
      new Set(here.presentIds),
      here.holders,
      used,
      (id) => orgs.get(id) ?? '',
    );
  })();
}
