// What the screens, the results and the exports read of a round: its detail while open (never
// totals), its totals once closed, its proposals and its tally profile.
import { displayName } from '../../shared/schemas/attendance';
import type {
  KioskVoter,
  Operator,
  Round,
  RoundDetail,
  RoundTotals,
} from '../../shared/schemas/voting';
import type { VoteRule } from '../../shared/schemas/workshop';
import type { Profile } from '../../shared/tally/profile';
import { computeTotals, roundToProfile, type RoundProposal } from '../../shared/voting';
import { sortedEs } from '../../shared/collate';
import { hasVoted } from '../../shared/voting/eligibility';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { ballotCount, roundBallots } from './ballots';
import { countViews, visibleCounts } from './hands';
import { currentHolders } from './holders';
import { paperViews } from './paper';
import { storedFrozen } from './round-freeze';
import { organizationNames, participantsByIds } from '../registry/registry';
import { getRound, proposalsById } from './voting';
import { getSetup } from '../workshop/workshop';

/** What the counting screens and the kiosk need; never totals (those wait for closing). */
export function roundDetail(db: Db, roundId: string, asker: Operator = 'A'): RoundDetail {
  return db.transaction((): RoundDetail => {
    const round = getRound(db, roundId);
    const live = round.state !== 'closed';
    const now = live ? currentHolders(db, round) : null;
    const holders = now ? now.holders : (round.snapshot?.holders ?? []);
    const rule: VoteRule = (live ? null : round.snapshot?.voteRule) ?? getSetup(db).voteRule;
    let voters: KioskVoter[] = [];
    if (round.kind === 'ballot') {
      const voted = new Set(
        db
          .prepare('SELECT voter_key FROM round_voter WHERE round_id = ?')
          .pluck()
          .all(round.id) as string[],
      );
      // Only the holders and their organisations, not the registry (issue 18: size-independent).
      const people =
        now?.people ?? participantsByIds(db, [...new Set(holders.map((h) => h.participantId))]);
      const orgs = organizationNames(db, [
        ...new Set(holders.flatMap((h) => (h.organizationId ? [h.organizationId] : []))),
      ]);
      voters = holders.map((h) => {
        const p = people.get(h.participantId);
        return {
          participantId: h.participantId,
          organizationId: h.organizationId,
          name: p ? displayName(p) : h.participantId,
          organization: h.organizationId ? (orgs.get(h.organizationId) ?? '') : '',
          basis: h.basis,
          dni: p?.dni ?? '',
          voted: hasVoted(rule, h, voted),
        };
      });
      voters = sortedEs(voters, (v) => [v.name]);
    }
    return {
      round,
      voteRule: rule,
      entitled: holders.length,
      ballots: round.kind === 'ballot' ? ballotCount(db, round.id) : 0,
      counts: round.kind === 'ballot' ? [] : visibleCounts(db, round, asker),
      paper: round.kind === 'ballot' ? paperViews(db, round) : [],
      voters,
    };
  })();
}

function mustBeClosed(round: Round): void {
  if (round.state !== 'closed')
    throw new MinkaError('CONFLICT', 'voting.error.notClosed', { title: round.title });
}

/** Totals of a closed round (refused before closing: results stay hidden until then). */
export function roundTotals(db: Db, roundId: string): RoundTotals {
  return db.transaction((): RoundTotals => {
    const round = getRound(db, roundId);
    mustBeClosed(round);
    const frozen = storedFrozen(db, roundId);
    if (frozen) return frozen.totals;
    const setup = getSetup(db);
    const labels = new Map<string, string>();
    if (round.kind === 'sector') for (const s of setup.sectors) labels.set(s.id, s.name);
    else for (const p of proposalsById(db).values()) labels.set(p.id, `${p.code} ${p.title}`);
    const counts = new Map<string, number>();
    if (round.kind !== 'ballot')
      for (const c of countViews(db, round, 'A')) counts.set(c.itemId, c.a ?? 0);
    return computeTotals({
      round,
      labels,
      entitled: round.snapshot?.entitled ?? 0,
      counts,
      ballots: round.kind === 'ballot' ? roundBallots(db, round.id).map((b) => b.content) : [],
      envelopeCents: setup.envelopeCents,
    });
  })();
}

/** The proposals on a ballot round, in ballot order, with code, cost and sector. */
export function roundProposals(db: Db, round: Round): RoundProposal[] {
  const props = proposalsById(db);
  return round.itemIds.flatMap((id) => {
    const p = props.get(id);
    return p
      ? [{ id: p.id, code: p.code, title: p.title, costCents: p.costCents, sector: p.sector }]
      : [];
  });
}

/** proposal code → proposal id for a round's items. */
export function roundCodes(db: Db, roundId: string): Map<string, string> {
  return new Map(roundProposals(db, getRound(db, roundId)).map((p) => [p.code, p.id]));
}

/** The tally engine's profile of a closed ballot round (project ids are proposal codes). */
export function roundProfile(db: Db, roundId: string): Profile {
  return db.transaction((): Profile => {
    const round = getRound(db, roundId);
    if (round.kind !== 'ballot') throw new MinkaError('CONFLICT', 'voting.error.notBallotRound');
    mustBeClosed(round);
    return roundToProfile(
      round,
      roundProposals(db, round),
      roundBallots(db, round.id).map((b) => b.content),
      getSetup(db).envelopeCents,
    );
  })();
}
