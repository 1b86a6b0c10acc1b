// A voting round as the create form sends it: show of hands at a place, every optional
// setting off; `over` changes any of it. Type-only imports, so e2e specs can use it too.
import type { RoundInput } from '../../shared/schemas/voting';

export function roundInput(
  place: { venueId: string; day: string },
  over: Partial<RoundInput> = {},
): RoundInput {
  return {
    title: 'Priorización',
    kind: 'hands',
    ballotType: null,
    maxChoices: null,
    totalPoints: null,
    budgetCents: null,
    doubleEntry: false,
    tieBreak: null,
    venueId: place.venueId,
    day: place.day,
    itemIds: [],
    ...over,
  };
}
