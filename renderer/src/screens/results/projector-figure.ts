// The projector's figure column (fac27: it showed "Votos" for a cumulative-points round, so the
// room saw 4 ranked above 5): the figure that decided the order, named as it is, from the one
// definition the tally, the results screen and the Acta use (shared/voting/ranked.ts).
import type { Output } from '../../../../shared/api';
import { rankedColumn, rankedFigure } from '../../../../shared/voting/ranked';

type Results = NonNullable<Output<'results:projector'>['results']>;

export interface ProjectorFigures {
  column: 'points' | 'votes';
  /** Each row the projector lists (the selected projects in selection order, or the sectors). */
  rows: { code: string; figure: number }[];
}

export function projectorFigures(results: Results): ProjectorFigures {
  if (results.kind === 'sector') {
    // A sector vote is a show of hands: no points.
    const items = results.value.sectors.map((s) => ({ ...s, points: null }));
    return {
      column: rankedColumn(items),
      rows: items.map((s) => ({ code: s.sectorId, figure: rankedFigure(s) })),
    };
  }
  const projects = results.value.projects;
  return {
    column: rankedColumn(projects),
    rows: projects
      .filter((p) => p.selected)
      .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
      .map((p) => ({ code: p.code, figure: rankedFigure(p) })),
  };
}
