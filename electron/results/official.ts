// The official result is chosen, not inferred: before sealing, the facilitator marks which
// closed prioritisation round the Acta's list follows. The choice is an event in the chain
// (nothing else holds it), with the warnings the facilitator confirmed when choosing:
// criteria incomplete, turnout below quorum, or a round that is not the newest. Sealing
// refuses without a choice, or while a warning that applies now was not confirmed.
import type { OfficialState, OfficialWarning } from '../../shared/schemas/official';
import { MinkaError } from '../platform/errors';
import type { Db } from '../platform/db';
import { appendEvent } from '../platform/events';
import { storedFrozen } from '../voting/round-freeze';
import { changedSinceClose, proposalsSinceClose } from './since-close';
import { getRound, listRounds } from '../voting/voting';
import type { Env } from '../workshop/workshop';

export const OFFICIAL_EVENT = 'results.officialChosen';

interface Choice {
  roundId: string;
  confirmed: OfficialWarning[];
  at: string;
  actor: string;
}

/** The newest choice in the log, if any. */
export function officialChoice(db: Db): Choice | null {
  const row = db
    .prepare('SELECT at, actor, payload FROM event WHERE type = ? ORDER BY seq DESC LIMIT 1')
    .get(OFFICIAL_EVENT) as { at: string; actor: string; payload: string } | undefined;
  if (!row) return null;
  const p = JSON.parse(row.payload) as { roundId: string; confirmed?: OfficialWarning[] };
  return { roundId: p.roundId, confirmed: p.confirmed ?? [], at: row.at, actor: row.actor };
}

const priorityRounds = (db: Db) =>
  listRounds(db).filter((r) => r.kind !== 'sector' && r.state === 'closed');

/** What a facilitator must confirm before this round can stand as the official result. */
export function officialWarnings(db: Db, roundId: string): OfficialWarning[] {
  const out: OfficialWarning[] = [];
  const frozen = storedFrozen(db, roundId);
  if (frozen && frozen.results.kind === 'priority') {
    const r = frozen.results.value;
    if (r.votesWeight < 100 && r.projects.some((p) => !p.criteriaComplete))
      out.push('criteriaIncomplete');
  }
  if (frozen?.quorum && !frozen.quorum.met) out.push('belowQuorum');
  if (frozen && frozen.results.kind === 'priority' && changedSinceClose(db, frozen.inputs))
    out.push('setupChanged');
  if (
    frozen &&
    frozen.results.kind === 'priority' &&
    proposalsSinceClose(db, roundId, new Set(frozen.inputs.items.map((i) => i.id))).changes.length
  )
    out.push('proposalsChanged');
  if (priorityRounds(db).at(-1)?.id !== roundId) out.push('notLatest');
  return out;
}

export function officialState(db: Db): OfficialState {
  const choice = officialChoice(db);
  const candidates = priorityRounds(db).map((r) => {
    const q = storedFrozen(db, r.id)?.quorum ?? null;
    return {
      id: r.id,
      title: r.title,
      kind: r.kind,
      closedAt: r.closedAt,
      quorum: q,
      warnings: officialWarnings(db, r.id),
    };
  });
  const chosen = choice ? candidates.find((c) => c.id === choice.roundId) : undefined;
  const unconfirmed = chosen
    ? chosen.warnings.filter((w) => !(choice?.confirmed ?? []).includes(w))
    : [];
  return {
    roundId: chosen ? chosen.id : null,
    chosenAt: chosen && choice ? choice.at : null,
    confirmed: chosen && choice ? choice.confirmed : [],
    unconfirmed,
    candidates,
  };
}

/** Mark a closed prioritisation round as the one the Acta follows, with the warnings confirmed. */
export function chooseOfficialRound(
  db: Db,
  env: Env,
  input: { roundId: string; confirmed: OfficialWarning[] },
): OfficialState {
  return db
    .transaction(() => {
      const round = getRound(db, input.roundId);
      if (round.kind === 'sector')
        throw new MinkaError('INVALID_INPUT', 'results.error.officialSector', {
          title: round.title,
        });
      if (round.state !== 'closed')
        throw new MinkaError('CONFLICT', 'results.error.notClosed', { title: round.title });
      const warnings = officialWarnings(db, round.id);
      const missing = warnings.filter((w) => !input.confirmed.includes(w));
      if (missing.length)
        throw new MinkaError('CONFLICT', 'results.error.officialUnconfirmed', {
          title: round.title,
          count: missing.length,
        });
      appendEvent(db, env.now(), {
        type: OFFICIAL_EVENT,
        // Only what applied is recorded as confirmed: the Acta prints each of them.
        payload: { roundId: round.id, confirmed: warnings },
      });
      return officialState(db);
    })
    .immediate();
}

/** Sealing needs an official round (when any closed), and every warning that applies to it now confirmed. */
export function requireOfficial(db: Db): void {
  const s = officialState(db);
  // A workshop that closed no prioritisation round has nothing to choose (and no list).
  if (s.roundId === null && s.candidates.length === 0) return;
  if (s.roundId === null) throw new MinkaError('CONFLICT', 'minutes.error.noOfficialRound');
  const title = s.candidates.find((c) => c.id === s.roundId)?.title ?? '';
  if (s.unconfirmed.length)
    throw new MinkaError('CONFLICT', 'minutes.error.officialUnconfirmed', {
      title,
      count: s.unconfirmed.length,
    });
}
