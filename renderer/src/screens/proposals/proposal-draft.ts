// The proposal form's draft: amounts and counts as typed, the blank form and an edit's start.
import { centsToDecimal } from '../../../../shared/format';
import type { BeneficiaryUnit, Proposal } from '../../../../shared/schemas/proposals';

/** What the form holds: amounts and counts as typed, turned into céntimos on save. */
export interface Draft {
  id?: string;
  /** null: use the suggested next code. */
  code: string | null;
  title: string;
  description: string;
  sectorId: string;
  community: string;
  organizationId: string;
  cost: string;
  /** As typed: "320" or "320 familias" (a unit word there wins over the select). */
  beneficiaries: string;
  beneficiaryUnit: BeneficiaryUnit;
  cui: string;
  cofinancing: string;
  carriedFrom: string;
}

export const blank = (sectorId: string): Draft => ({
  code: null,
  title: '',
  description: '',
  sectorId,
  community: '',
  organizationId: '',
  cost: '',
  beneficiaries: '',
  beneficiaryUnit: 'people',
  cui: '',
  cofinancing: '',
  carriedFrom: '',
});

export const toDraft = (p: Proposal): Draft => ({
  id: p.id,
  code: p.code,
  title: p.title,
  description: p.description,
  sectorId: p.sectorId,
  community: p.community,
  organizationId: p.organizationId ?? '',
  cost: centsToDecimal(p.estimatedCostCents),
  beneficiaries: String(p.beneficiaries),
  beneficiaryUnit: p.beneficiaryUnit,
  cui: p.cui,
  cofinancing: p.cofinancingCents ? centsToDecimal(p.cofinancingCents) : '',
  carriedFrom: p.carriedFrom,
});
