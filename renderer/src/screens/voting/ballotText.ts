// Paper ballots are typed as the numbers printed beside each item ("1 4 7"), or codes
// ("P-004"); cumulative ballots as number:points ("1:3 4:2"). Ranking keeps the order typed.
// A blank paper ballot is typed "0", the number the kiosk gives its "Voto en blanco".
import type { BallotContent, Round } from '../../../../shared/schemas/voting';
import type { Item } from './useVoting';

export type Parsed =
  | { ok: true; content: BallotContent }
  | { ok: false; key: string; params: Record<string, string | number> };

/** What a typist types for a blank ballot (the kiosk's key for "Voto en blanco"). */
export const BLANK_TOKEN = '0';

export function parsePaperText(
  text: string,
  round: Pick<Round, 'itemIds' | 'ballotType'>,
  items: Map<string, Item>,
): Parsed {
  const tokens = text.split(/[\s,;]+/).filter((x) => x !== '');
  if (tokens.length === 0) return { ok: false, key: 'voting.error.emptyBallot', params: {} };
  if (tokens.includes(BLANK_TOKEN))
    return tokens.length === 1
      ? { ok: true, content: { choices: [], points: null, blank: true } }
      : { ok: false, key: 'voting.error.blankWithChoices', params: {} };
  const byCode = new Map(
    round.itemIds.map((id) => [(items.get(id)?.code ?? id).toLowerCase(), id]),
  );
  const cumulative = round.ballotType === 'cumulative';
  const choices: string[] = [];
  const points: number[] = [];
  for (const tok of tokens) {
    const [ref = '', pts] = tok.split(/[:x*]/);
    const n = /^\d+$/.test(ref) ? Number(ref) : NaN;
    const id =
      Number.isInteger(n) && n >= 1 && n <= round.itemIds.length
        ? round.itemIds[n - 1]
        : byCode.get(ref.toLowerCase());
    if (!id) return { ok: false, key: 'voting.paper.unknownRef', params: { ref } };
    choices.push(id);
    if (cumulative) {
      const p = pts === undefined ? 1 : Number(pts);
      if (!Number.isInteger(p) || p < 1)
        return { ok: false, key: 'voting.paper.badPoints', params: { ref: tok } };
      points.push(p);
    }
  }
  return { ok: true, content: { choices, points: cumulative ? points : null } };
}

export function formatContent(
  c: BallotContent,
  round: Pick<Round, 'itemIds' | 'ballotType'>,
  items: Map<string, Item>,
  blankLabel: string,
): string {
  // Stored entries lose the blank mark (a blank ballot is one with no choices once saved).
  if (c.choices.length === 0) return blankLabel;
  return c.choices
    .map((id, k) => {
      const code = items.get(id)?.code ?? id;
      if (round.ballotType === 'cumulative') return `${code}×${c.points?.[k] ?? 1}`;
      if (round.ballotType === 'ranking') return `${k + 1}º ${code}`;
      return code;
    })
    .join(', ');
}
