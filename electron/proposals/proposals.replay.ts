// Proposals, their admissibility reviews and the matters raised, replayed from their events.
import {
  allRows,
  byKey,
  type Db,
  type Ev,
  inWindow,
  type Report,
  type Row,
  str,
} from '../platform/replay';

const PROPOSAL_FIELDS = [
  'code',
  'title',
  'description',
  'sector_id',
  'community',
  'organization_id',
  'estimated_cost_cents',
  'beneficiaries',
  'beneficiary_unit',
  'cui',
  'cofinancing_cents',
  'carried_from',
];

export function replayProposals(db: Db, evs: Ev[], r: Report): void {
  const want = new Map<string, Row>();
  const reviews = new Map<string, Row>();
  const matters = new Map<string, Row>();
  const times = new Map<string, { added?: Ev; last?: Ev }>();
  const reviewAt = new Map<string, Ev>();
  for (const e of evs) {
    if (e.type === 'proposals.proposalAdded' || e.type === 'proposals.proposalEdited') {
      const p = e.p;
      const t = times.get(p.id) ?? {};
      if (e.type === 'proposals.proposalAdded') t.added = e;
      t.last = e;
      times.set(p.id, t);
      want.set(p.id, {
        code: p.code,
        title: p.title,
        description: p.description,
        sector_id: p.sectorId,
        community: p.community,
        organization_id: p.organizationId,
        estimated_cost_cents: p.estimatedCostCents,
        beneficiaries: p.beneficiaries,
        // Events logged before the unit existed counted people.
        beneficiary_unit: p.beneficiaryUnit ?? 'people',
        cui: p.cui,
        cofinancing_cents: p.cofinancingCents,
        carried_from: p.carriedFrom,
      });
    } else if (
      e.type === 'proposals.pending' ||
      e.type === 'proposals.admitted' ||
      e.type === 'proposals.rejected'
    ) {
      const p = e.p;
      reviews.set(p.id, {
        proposal_id: p.proposalId,
        decision: p.decision,
        reason: p.reason,
        // Events before further reasons existed carry none.
        also_reasons: JSON.stringify(p.alsoReasons ?? []),
        explanation: p.explanation,
      });
      reviewAt.set(p.id, e);
    } else if (e.type === 'proposals.matterRaised') {
      matters.set(e.p.id, {
        text: e.p.text,
        raised_by: e.p.raisedBy,
        participant_id: e.p.participantId,
        raised_at: e.p.raisedAt,
      });
    }
  }
  const rows = byKey(allRows(db, 'proposal'), (x) => str(x['id']));
  r.compare('proposal', want, rows, PROPOSAL_FIELDS);
  for (const [id, t] of times) {
    const row = rows.get(id);
    if (!row) continue;
    if (t.added && !inWindow(row['created_at'], t.added))
      r.add('proposal', id, 'created_at outside the time of its event');
    if (t.last && !inWindow(row['updated_at'], t.last))
      r.add('proposal', id, 'updated_at outside the time of its event');
  }
  const reviewRows = byKey(allRows(db, 'proposal_review'), (x) => str(x['id']));
  r.compare('proposal_review', reviews, reviewRows, [
    'proposal_id',
    'decision',
    'reason',
    'also_reasons',
    'explanation',
  ]);
  for (const [id, e] of reviewAt) {
    const row = reviewRows.get(id);
    if (row && !inWindow(row['decided_at'], e))
      r.add('proposal_review', id, 'decided_at outside the time of its event');
  }
  r.compare(
    'matter_raised',
    matters,
    byKey(allRows(db, 'matter_raised'), (x) => str(x['id'])),
    ['text', 'raised_by', 'participant_id', 'raised_at'],
  );
  // Review order decides a proposal's status: the newest review's seq must follow the log's order.
  const order = db.prepare('SELECT id FROM proposal_review ORDER BY seq').pluck().all() as string[];
  const logged = [...reviews.keys()];
  if (order.length === logged.length && order.some((id, i) => id !== logged[i]))
    r.add('proposal_review', '(order)', 'reviews are in a different order than in the event log');
}
