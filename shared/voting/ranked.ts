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

/**
 * The column that orders a prioritisation round's selected projects (fac28: with a criteria
 * matrix the projector listed the show of hands, 21 below 19, while the order came from the
 * combined score): the combined score (results/compute.ts: votesWeight % of the ranked figure,
 * the rest the criteria) when the rule selects by score — greedy, and the sector split's global
 * order, not MES — and the matrix weighs in (votes under 100 % and some project scored); else
 * the ranked figure itself, which then gives the same order. The results screen and the Acta
 * print the same combined score ("Puntaje").
 */
export const orderColumn = (r: {
  rule: 'greedy' | 'mes' | 'sectorSplit';
  votesWeight: number;
  items: readonly { points: number | null; criteriaScore?: string }[];
}): 'combined' | 'points' | 'votes' =>
  r.rule !== 'mes' && r.votesWeight < 100 && r.items.some((x) => Number(x.criteriaScore) > 0)
    ? 'combined'
    : rankedColumn(r.items);
