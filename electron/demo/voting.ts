// The demo's votes at the central venue: a sector vote by show of hands, a show-of-hands
// count per admitted proposal typed by two operators (one difference, counted again), and
// the prioritisation round of individual approval ballots, mostly at the kiosk and a few
// from paper typed twice — all closed, so the results screen has something to show.
import { chooseOfficialRound, officialWarnings } from '../results/official';
import type { Db } from '../platform/db';
import { listProposals } from '../proposals/proposals';
import { createRound, openRound } from '../voting/voting';
import { currentHolders } from '../voting/holders';
import { enterCount } from '../voting/hands';
import { enterPaperBallot, resolvePaper } from '../voting/paper';
import { castKioskBallot } from '../voting/kiosk';
import { closeRound } from '../voting/close-round';
import { type Env, getSetup } from '../workshop/workshop';

/** A small deterministic generator, so the demo is the same every time it is written. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function fillDemoVoting(db: Db, env: Env): void {
  const setup = getSetup(db);
  const venue = setup.venues[0];
  if (!venue) return;
  const admitted = listProposals(db).filter((p) => p.status === 'admitted');
  if (admitted.length === 0) return;
  const where = { venueId: venue.id, day: venue.date, tieBreak: null, budgetCents: null };
  const holders = currentHolders(db, where).holders;
  const n = holders.length;
  const rand = rng(2027);

  // 1. Sector vote: each vote holder raises a hand for one sector.
  const sectorRound = openRound(
    db,
    env,
    createRound(db, env, {
      ...where,
      title: 'Votación de sectores prioritarios',
      kind: 'sector',
      ballotType: null,
      maxChoices: null,
      totalPoints: null,
      doubleEntry: false,
      itemIds: [],
    }).id,
  );
  const sectorShare = [0.34, 0.22, 0.16, 0.1, 0.14, 0.04];
  let left = n;
  sectorRound.itemIds.forEach((id, i) => {
    const c =
      i === sectorRound.itemIds.length - 1
        ? left
        : Math.min(left, Math.round(n * (sectorShare[i] ?? 0)));
    left -= c;
    enterCount(db, env, { roundId: sectorRound.id, itemId: id, operator: 'A', count: c });
  });
  closeRound(db, env, sectorRound.id);

  // 2. Show of hands per proposal, typed by two operators; one difference is counted again.
  const hands = openRound(
    db,
    env,
    createRound(db, env, {
      ...where,
      title: 'Conteo a mano alzada de propuestas admitidas',
      kind: 'hands',
      ballotType: null,
      maxChoices: null,
      totalPoints: null,
      doubleEntry: true,
      itemIds: [],
    }).id,
  );
  hands.itemIds.forEach((id, i) => {
    const c = Math.floor(rand() * (n + 1) * 0.8);
    enterCount(db, env, { roundId: hands.id, itemId: id, operator: 'A', count: c });
    if (i === 2) {
      enterCount(db, env, {
        roundId: hands.id,
        itemId: id,
        operator: 'B',
        count: Math.max(0, c - 3),
      });
      enterCount(db, env, { roundId: hands.id, itemId: id, operator: 'A', count: c });
    }
    enterCount(db, env, { roundId: hands.id, itemId: id, operator: 'B', count: c });
  });
  closeRound(db, env, hands.id);

  // 3. Prioritisation: approval ballots, up to 8 choices each; popularity varies by proposal.
  const ballot = openRound(
    db,
    env,
    createRound(db, env, {
      ...where,
      title: 'Priorización de proyectos 2027',
      kind: 'ballot',
      ballotType: 'approval',
      maxChoices: 8,
      totalPoints: null,
      doubleEntry: false,
      itemIds: [],
    }).id,
  );
  const appeal = ballot.itemIds.map(() => 0.05 + rand() * 0.5);
  const pick = () => {
    const chosen = ballot.itemIds.filter((_, i) => rand() < (appeal[i] ?? 0));
    return (chosen.length ? chosen : [ballot.itemIds[0] as string]).slice(0, 8);
  };
  const paper = 3;
  const kiosk = holders.slice(0, Math.max(0, Math.floor(n * 0.8) - paper));
  for (const h of kiosk)
    castKioskBallot(db, env, {
      roundId: ballot.id,
      participantId: h.participantId,
      ballot: { choices: pick(), points: null },
    });
  for (let k = 1; k <= paper; k++) {
    const choices = pick();
    const serial = `P${String(k).padStart(3, '0')}`;
    enterPaperBallot(db, env, {
      roundId: ballot.id,
      serial,
      typist: 'A',
      ballot: { choices, points: null },
    });
    // The second typist misreads one ballot; the facilitator checks the paper and keeps A's reading.
    const misread = k === 2 && choices.length > 1 ? choices.slice(1) : choices;
    enterPaperBallot(db, env, {
      roundId: ballot.id,
      serial,
      typist: 'B',
      ballot: { choices: misread, points: null },
    });
    if (misread !== choices) resolvePaper(db, env, { roundId: ballot.id, serial, keep: 'A' });
  }
  closeRound(db, env, ballot.id);
  // The facilitator names the ballot round as the official result (confirming what applies).
  chooseOfficialRound(db, env, { roundId: ballot.id, confirmed: officialWarnings(db, ballot.id) });
}
