/**
 * The round the official-result select starts on: the one already chosen; else, when exactly
 * one round is closed, that one (the button stayed disabled on a blank select with nothing
 * else to pick — field test "fac", item 4); with several, none: the facilitator chooses.
 */
export function initialOfficialPick(state: {
  roundId: string | null;
  candidates: readonly { id: string }[];
}): string {
  if (state.roundId) return state.roundId;
  const [only, ...more] = state.candidates;
  return only && more.length === 0 ? only.id : '';
}
