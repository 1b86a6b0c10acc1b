// The projector's figure column (fac27: it showed "Votos" for a cumulative-points round, so the
// room saw 4 ranked above 5; fac28: with a criteria matrix it showed the hands, 21 below 19,
// while the combined score ordered the list): the figure that decided the order, named as it
// is, from the one definition the tally, the results screen and the Acta use
// (shared/voting/ranked.ts); with the combined score, the ballot's own figure beside it.
import type { Output } from '../../../../shared/api';
import { appliedRule } from '../../../../shared/results/sector-split';
import { orderColumn, rankedColumn, rankedFigure } from '../../../../shared/voting/ranked';

type Results = NonNullable<Output<'results:projector'>['results']>;

export interface ProjectorFigures {
  column: 'combined' | 'points' | 'votes';
  /** The ballot's own figure (shown beside the combined score, or alone). */
  raw: 'points' | 'votes';
  /** Each row the projector lists (the selected projects in selection order, or the sectors). */
  rows: { code: string; figure: number; combined: string | null }[];
}

export function projectorFigures(results: Results): ProjectorFigures {
  if (results.kind === 'sector') {
    // A sector vote is a show of hands: no points, no criteria.
    const items = results.value.sectors.map((s) => ({ ...s, points: null }));
    const column = rankedColumn(items);
    return {
      column,
      raw: column,
      rows: items.map((s) => ({ code: s.sectorId, figure: rankedFigure(s), combined: null })),
    };
  }
  const r = results.value;
  const column = orderColumn({
    rule: appliedRule(r),
    votesWeight: r.votesWeight,
    items: r.projects,
  });
  return {
    column,
    raw: rankedColumn(r.projects),
    rows: r.projects
      .filter((p) => p.selected)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((p) => ({
        code: p.code,
        figure: rankedFigure(p),
        combined: column === 'combined' ? p.combined : null,
      })),
  };
}
