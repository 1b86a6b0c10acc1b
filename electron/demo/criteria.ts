// The technical team's scores on the ordinance's matrix for every admitted demo proposal:
// poverty gap by community (the high pastures score highest), access to basic services
// by sector, technical evaluation higher where a profile with CUI exists. Deterministic.
import type { Db } from '../platform/db';
import { getMatrix, scoreProposal } from '../criteria/criteria';
import { listProposals } from '../proposals/proposals';
import type { Env } from '../workshop/workshop';
import { getSetup } from '../workshop/workshop';

const POVERTY: Record<string, number> = {
  'Pacchanta Alta': 9,
  Chillihuani: 9,
  Sallani: 8,
  Accocunca: 8,
  "K'allapampa": 8,
  Upispata: 7,
  Huaraqa: 7,
  Antaqaqa: 7,
  Mallmapampa: 6,
  Ccochaccasa: 6,
  Pampacancha: 6,
  'Lauramarca Baja': 5,
  Tinkiwasi: 5,
  Qollqepata: 3,
};
/** Gap in basic services the sector closes, by sector position: agriculture, roads, education, health. */
const SERVICES = [6, 7, 8, 9];

export const DEMO_SCORER = 'Ing. Rocío Huamán Ccori (Subgerencia de Planeamiento)';

export function fillDemoCriteria(db: Db, env: Env): void {
  const criteria = getMatrix(db).criteria;
  const sectorPos = new Map(getSetup(db).sectors.map((s, i) => [s.id, i]));
  listProposals(db)
    .filter((p) => p.status === 'admitted')
    .forEach((p, i) => {
      const wobble = (i * 7) % 3; // 0, 1, 2: not every proposal of a sector alike
      const values: Record<string, number> = {
        poverty: POVERTY[p.community] ?? 5,
        services: Math.min(10, (SERVICES[sectorPos.get(p.sectorId) ?? 0] ?? 6) - 1 + wobble),
        technical: p.cui ? 9 - (i % 2) : 4 + ((i * 5) % 4),
      };
      scoreProposal(db, env, {
        proposalId: p.id,
        scoredBy: DEMO_SCORER,
        scores: criteria
          .filter((c) => values[c.id] !== undefined)
          .map((c) => ({ criterionId: c.id, score: Math.min(c.scaleMax, values[c.id] ?? 0) })),
      });
    });
}
