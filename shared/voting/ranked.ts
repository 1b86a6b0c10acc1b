// What decides a round's order, one definition for every reader (fac27: the projector showed
// "Votos" for a cumulative-points round and so seemed to rank 4 above 5): the points when the
// ballot gives them (cumulative points, ranking's Borda score), else the votes (approval, show
// of hands, a sector vote). The tally's order (totals.ts), the results' combined score
// (results/compute.ts), the Acta's bars and the projector's column all read it from here.

/** The figure that ranks an item. */
export const rankedFigure = (x: { votes: number; points: number | null }): number =>
  x.points ?? x.votes;

/** Which column that figure is, for a round's items: 'points' as soon as the ballot gives them. */
export const rankedColumn = (items: readonly { points: number | null }[]): 'points' | 'votes' =>
  items.some((x) => x.points !== null) ? 'points' : 'votes';
