// What the signed minutes agreed, in the reconciliation's terms (minutes contract, issue 6):
// the prioritised items above the envelope line; without a prioritised list, the admitted
// proposals. Rejected proposals keep their reason and explanation.
import type { MinutesPayload } from '../minutes/payload';
import type { AgreedItem, RejectedItem } from './reconcile';

type RankedItem = NonNullable<MinutesPayload['prioritized']>['items'][number];

const rankedItem = (i: RankedItem): AgreedItem => ({
  key: i.proposalId,
  code: i.code,
  cui: i.cui,
  title: i.title,
  amountCents: i.amountCents,
  cofinancingCents: i.cofinancingCents,
  rank: i.rank,
  sector: i.sector,
});

export function agreedFromMinutes(p: MinutesPayload): AgreedItem[] {
  if (p.prioritized) return p.prioritized.items.filter((i) => i.funded).map(rankedItem);
  return p.proposals
    .filter((x) => x.status === 'admitted')
    .map((x) => ({
      key: x.id,
      code: x.code,
      cui: x.cui,
      title: x.title,
      amountCents: x.estimatedCostCents,
      cofinancingCents: x.cofinancingCents,
      rank: null,
      sector: x.sector,
    }));
}

/** Admitted and ranked, but below the envelope line: proposed, not agreed for funding. */
export function belowLineFromMinutes(p: MinutesPayload): AgreedItem[] {
  return p.prioritized ? p.prioritized.items.filter((i) => !i.funded).map(rankedItem) : [];
}

export function rejectedFromMinutes(p: MinutesPayload): RejectedItem[] {
  return p.rejected.map((r) => ({
    key: r.proposalId,
    code: r.code,
    cui: r.cui,
    title: r.title,
    amountCents: r.estimatedCostCents,
    reason: r.reason,
    explanation: r.explanation,
  }));
}
