// The conflicts of a ballot round run on more than one laptop (venues-ballot-join.ts): not
// "whose counts", since the laptops' ballots are joined, but what the join could not settle on
// its own: a vote holder marked on two laptops, a paper serial read otherwise on two laptops,
// a laptop whose ballots are not joined (it never closed the round, or this workshop refuses
// one of them). Facts for venues-conflicts.ts, which groups every kind; the kind stays
// 'roundCounts' (the Acta and the export name it so), the sides say ballots.
import type { Db } from '../platform/db';
import { cached } from '../platform/statements';
import { entitledCount } from '../voting/holders';
import { getRound } from '../voting/voting';
import { laptopBallots, serialClashes, votedOnTwo } from './venues-ballot-laptops';
import type { RefusedFact } from './venues-refused';

export function ballotFacts(
  db: Db,
  personName: (id: string) => string,
  venueOf: (source: string) => string,
): RefusedFact[] {
  const rounds = cached(
    db,
    `SELECT DISTINCT r.id FROM device_event d JOIN voting_round r
        ON r.id = coalesce(json_extract(d.payload, '$.roundId'), json_extract(d.payload, '$.id'))
      WHERE r.kind = 'ballot' AND d.type IN ('voting.voterMarked', 'voting.ballotCast',
        'voting.paperEntered', 'voting.roundClosed')
      ORDER BY r.id`,
  )
    .pluck()
    .all() as string[];
  const facts: RefusedFact[] = [];
  for (const rid of rounds) {
    const all = laptopBallots(db, rid);
    const twice = votedOnTwo(all);
    if (!twice.size && all.every((l) => l.joined)) continue;
    // One laptop that never closed the round: its box stayed there, nothing to join (as a round
    // left open on one laptop always was); with a second laptop it is a side of the conflict.
    if (all.length === 1 && !all[0]?.close) continue;
    const round = getRound(db, rid);
    const label = () => round.title;
    for (const l of all) {
      const last = l.close ?? l.events[l.events.length - 1];
      facts.push({
        kind: 'roundCounts',
        subject: rid,
        label,
        side: {
          source: l.kitId,
          venue: venueOf(l.kitId),
          at: last?.at ?? '',
          what: {
            ballots: l.ballots,
            joined: l.joined,
            closed: l.close !== null,
            // Never closed: the voters it marked, whose ballots stayed in its box (adv30b F4),
            // and the paper serials any typist typed there, agreed or not (adv31 F1).
            ...(l.close ? {} : { voters: l.voterKeys.size, papers: l.typed }),
            twice: [...l.voterKeys.keys()]
              .filter((k) => twice.has(k))
              .map((k) => personName(twice.get(k) ?? ''))
              .sort(),
            serials: serialClashes(db, rid, l, all),
          },
          ref: last?.hash ?? rid,
        },
      });
    }
    // One laptop alone whose ballots are not joined: its other side is this workshop.
    if (all.length === 1)
      facts.push({
        kind: 'roundCounts',
        subject: rid,
        label,
        side: {
          source: 'main',
          venue: 'main',
          at: '',
          what: { entitled: entitledCount(db, round), state: round.state },
          ref: rid,
        },
      });
  }
  return facts;
}
