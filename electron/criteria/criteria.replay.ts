// The criteria matrix (criteria, votes weight) and the technical team's scores, replayed
// from their events.
import type { ParsedPayload } from '../../shared/events';
import {
  allRows,
  byKey,
  type Db,
  type Ev,
  inWindow,
  type Report,
  type Row,
  same,
  str,
} from '../platform/replay';

/** The ordinance defaults migration 4 writes before any event; a saved matrix replaces them. */
export const DEFAULT_MATRIX: ParsedPayload<'criteria.matrixSaved'> = {
  criteria: [
    { id: 'poverty', name: 'Brecha de pobreza', weight: 40, scaleMax: 10 },
    { id: 'services', name: 'Acceso a servicios básicos', weight: 30, scaleMax: 10 },
    { id: 'technical', name: 'Evaluación técnica', weight: 30, scaleMax: 10 },
  ],
  votesWeight: 50,
};

export function replayCriteria(db: Db, evs: Ev[], r: Report): void {
  const want = new Map<string, Row>();
  // A `criteria.scored` event carries every score of its proposal after the change, not only
  // the cells the scorer touched; a cell whose score it leaves as it was may or may not have
  // been re-scored then (same value: the row's scorer and time are either the earlier event's
  // or this one's). So each cell keeps the events since its score last changed, and its row
  // must carry the scorer and time of one of them.
  const since = new Map<string, Ev[]>();
  let matrix = DEFAULT_MATRIX;
  for (const e of evs) {
    if (e.type === 'criteria.matrixSaved') matrix = e.p;
    if (e.type !== 'criteria.scored') continue;
    const pid = e.p.proposalId;
    const carried = new Set(e.p.scores.map((sc) => `${pid}|${sc.criterionId}`));
    for (const k of [...want.keys()])
      if (k.startsWith(`${pid}|`) && !carried.has(k)) {
        want.delete(k);
        since.delete(k);
      }
    for (const sc of e.p.scores) {
      const k = `${pid}|${sc.criterionId}`;
      const old = want.get(k);
      if (old && same(old['score'], sc.score)) since.get(k)?.push(e);
      else since.set(k, [e]);
      want.set(k, { score: sc.score });
    }
  }
  const rows = byKey(
    allRows(db, 'criterion_score'),
    (x) => `${str(x['proposal_id'])}|${str(x['criterion_id'])}`,
  );
  r.compare('criterion_score', want, rows, ['score']);
  for (const [k, x] of rows) {
    const es = since.get(k);
    if (!es) continue;
    const by = es.filter((e) => e.type === 'criteria.scored' && same(x['scored_by'], e.p.scoredBy));
    if (!by.length) r.add('criterion_score', k, 'scored_by differs from the event log');
    else if (!by.some((e) => inWindow(x['scored_at'], e)))
      r.add('criterion_score', k, 'scored_at outside the time of its event');
  }
  const crit = new Map(
    matrix.criteria.map((c, i) => [
      c.id,
      { position: i, name: c.name, weight: c.weight, scale_max: c.scaleMax },
    ]),
  );
  r.compare(
    'criterion',
    crit,
    byKey(allRows(db, 'criterion'), (x) => str(x['id'])),
    ['position', 'name', 'weight', 'scale_max'],
  );
  const vw = db.prepare('SELECT votes_weight FROM criteria_settings WHERE id = 1').pluck().get();
  if (!same(vw ?? null, matrix.votesWeight))
    r.add('criteria_settings', '1', 'votes_weight differs from the event log');
}
