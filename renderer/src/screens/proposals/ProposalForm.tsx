import {
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { centsToDecimal, parseSoles } from '../../../../shared/format';
import type { Params } from '../../../../shared/i18n';
import type { Organization } from '../../../../shared/schemas/attendance';
import {
  BENEFICIARY_UNITS,
  parseBeneficiaries,
  type BeneficiaryUnit,
  type Proposal,
  type ProposalInput,
} from '../../../../shared/schemas/proposals';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';

/** What the form holds: amounts and counts as typed, turned into céntimos on save. */
interface Draft {
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

const blank = (sectorId: string): Draft => ({
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

const toDraft = (p: Proposal): Draft => ({
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

interface Props {
  setup: StoredWorkshopSetup;
  organizations: Organization[];
  nextCode: string;
  editing: Proposal | null;
  readOnly: boolean;
  /** Resolves true when saved; the form then clears for the next proposal. */
  onSave: (p: ProposalInput) => Promise<boolean>;
  onCancelEdit: () => void;
  /** A problem found in the form: a key and its values, worded where it is shown. */
  onProblem: (key: string, params?: Params) => void;
  /** Shown under the heading while editing (the history a carried proposal brings). */
  aside?: ReactNode;
}

/** Keyboard-first intake: Enter saves, the form stays open, focus returns to the title. */
export function ProposalForm({
  setup,
  organizations,
  nextCode,
  editing,
  readOnly,
  onSave,
  onCancelEdit,
  onProblem,
  aside,
}: Props) {
  const { t } = useI18n();
  const firstSector = setup.sectors[0]?.id ?? '';
  // The parent keys this form by the proposal being edited, so a new edit starts afresh.
  const [draft, setDraft] = useState<Draft>(() =>
    editing ? toDraft(editing) : blank(firstSector),
  );
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => title.current?.focus(), []);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const cost = parseSoles(draft.cost || '0');
    const cofinancing = parseSoles(draft.cofinancing || '0');
    if (cost === null) return onProblem('proposals.error.badCost', { text: draft.cost });
    if (cofinancing === null)
      return onProblem('proposals.error.badCost', { text: draft.cofinancing });
    const counted =
      draft.beneficiaries.trim() === ''
        ? { count: 0, unit: null }
        : parseBeneficiaries(draft.beneficiaries);
    if (!counted)
      return onProblem('proposals.error.badBeneficiaries', { text: draft.beneficiaries });
    const cui = draft.cui.replace(/\s/g, '');
    if (cui && !/^\d{7}$/.test(cui)) return onProblem('proposals.error.badCui', { cui });
    const input: ProposalInput = {
      ...(draft.id ? { id: draft.id } : {}),
      code: draft.code ?? nextCode,
      title: draft.title,
      description: draft.description,
      sectorId: draft.sectorId,
      community: draft.community,
      organizationId: draft.organizationId || null,
      estimatedCostCents: cost,
      beneficiaries: counted.count,
      beneficiaryUnit: counted.unit ?? draft.beneficiaryUnit,
      cui,
      cofinancingCents: cofinancing,
      carriedFrom: draft.carriedFrom,
    };
    if (await onSave(input)) {
      // Sector, place and proposer often repeat in a row of proposals from one community.
      setDraft((d) => ({
        ...blank(d.sectorId),
        community: draft.id ? '' : d.community,
        organizationId: draft.id ? '' : d.organizationId,
      }));
      title.current?.focus();
    }
  };

  // Enter in the description saves too; Shift+Enter starts a new line.
  const onDescriptionKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form
      className="panel proposal-form"
      onSubmit={(e) => void submit(e)}
      aria-label={t('proposals.form.new')}
      data-testid="proposal-form"
    >
      <h2>
        {editing ? t('proposals.form.edit', { code: editing.code }) : t('proposals.form.new')}
      </h2>
      {editing && aside}
      <div className="pair code-row">
        <label>
          {t('proposals.field.code')}
          <input
            name="code"
            value={draft.code ?? nextCode}
            onChange={(e) => set('code', e.target.value)}
            disabled={readOnly}
          />
        </label>
        <label>
          {t('proposals.field.sector')}
          <select
            name="sector"
            value={draft.sectorId}
            onChange={(e) => set('sectorId', e.target.value)}
            disabled={readOnly}
          >
            {setup.sectors.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('proposals.field.title')}
        <input
          name="title"
          ref={title}
          required
          value={draft.title}
          onChange={(e) => set('title', e.target.value)}
          disabled={readOnly}
          autoComplete="off"
        />
      </label>
      <div className="pair">
        <label>
          {t('proposals.field.community')}
          <input
            name="community"
            value={draft.community}
            onChange={(e) => set('community', e.target.value)}
            disabled={readOnly}
          />
        </label>
        <label>
          {t('proposals.field.beneficiaries')}
          <input
            name="beneficiaries"
            value={draft.beneficiaries}
            onChange={(e) => {
              const text = e.target.value;
              // "320 familias" typed in the one field: the select follows the word.
              const unit = parseBeneficiaries(text)?.unit;
              setDraft((d) => ({
                ...d,
                beneficiaries: text,
                beneficiaryUnit: unit ?? d.beneficiaryUnit,
              }));
            }}
            disabled={readOnly}
          />
        </label>
        <label>
          {t('proposals.field.beneficiaryUnit')}
          <select
            name="beneficiaryUnit"
            value={draft.beneficiaryUnit}
            onChange={(e) => set('beneficiaryUnit', e.target.value as BeneficiaryUnit)}
            disabled={readOnly}
          >
            {BENEFICIARY_UNITS.map((u) => (
              <option key={u} value={u}>
                {t(`proposals.unit.${u}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('proposals.field.organization')}
        <select
          name="organization"
          value={draft.organizationId}
          onChange={(e) => set('organizationId', e.target.value)}
          disabled={readOnly}
        >
          <option value="">{t('proposals.field.noOrganization')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <div className="pair">
        <label>
          {t('proposals.field.cost')}
          <input
            name="cost"
            inputMode="decimal"
            value={draft.cost}
            onChange={(e) => set('cost', e.target.value)}
            disabled={readOnly}
          />
        </label>
        <label>
          {t('proposals.field.cofinancing')}
          <input
            name="cofinancing"
            inputMode="decimal"
            value={draft.cofinancing}
            onChange={(e) => set('cofinancing', e.target.value)}
            disabled={readOnly}
          />
        </label>
      </div>
      <div className="pair">
        <label>
          {t('proposals.field.cui')}
          <input
            name="cui"
            inputMode="numeric"
            maxLength={9}
            value={draft.cui}
            onChange={(e) => set('cui', e.target.value)}
            disabled={readOnly}
          />
        </label>
        <label>
          {t('proposals.field.carriedFrom')}
          <input
            name="carriedFrom"
            title={t('proposals.field.carriedFromHint')}
            placeholder={t('proposals.field.carriedFromExample')}
            value={draft.carriedFrom}
            onChange={(e) => set('carriedFrom', e.target.value)}
            disabled={readOnly}
          />
        </label>
      </div>
      <label>
        {t('proposals.field.description')}
        <textarea
          name="description"
          rows={1}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
          onKeyDown={onDescriptionKey}
          disabled={readOnly}
        />
      </label>
      {!readOnly && (
        <div className="actions">
          <button type="submit" className="primary">
            {t('proposals.form.save')}
          </button>
          {editing ? (
            <button type="button" onClick={onCancelEdit}>
              {t('proposals.form.cancelEdit')}
            </button>
          ) : (
            <span className="muted small">{t('proposals.lead')}</span>
          )}
        </div>
      )}
    </form>
  );
}
