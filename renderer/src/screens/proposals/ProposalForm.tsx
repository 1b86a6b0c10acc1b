import {
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { parseSoles } from '../../../../shared/format';
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
import { blank, toDraft, type Draft } from './proposal-draft';

interface Props {
  setup: StoredWorkshopSetup;
  organizations: Organization[];
  nextCode: string;
  editing: Proposal | null;
  readOnly: boolean;
  /** Resolves true when saved; the form then clears for the next proposal. */
  onSave: (p: ProposalInput) => Promise<boolean>;
  onCancelEdit: () => void;
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
  // Proposals typed back to back (fac27: two of six were lost while a save was in flight). Enter
  // takes the proposal out of the form at once, which clears for the next one; it is saved now,
  // or, while another save is in flight, queued and saved in turn with the next code. A refused
  // one comes back into the form (and the queue waits for it), so nothing typed is dropped, and
  // a second Enter on a form just cleared has nothing to save twice.
  const [saving, setSaving] = useState(false);
  const [queue, setQueue] = useState<Draft[]>([]);
  const [paused, setPaused] = useState(false);
  const inFlight = useRef(false);
  const current = useRef(draft);
  useEffect(() => {
    current.current = draft;
  });
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  /** The proposal a draft describes (the next code unless one was typed), or null once the problem is named. */
  const toInput = (d: Draft): ProposalInput | null => {
    const cost = parseSoles(d.cost || '0');
    const cofinancing = parseSoles(d.cofinancing || '0');
    if (cost === null) return (onProblem('proposals.error.badCost', { text: d.cost }), null);
    if (cofinancing === null)
      return (onProblem('proposals.error.badCost', { text: d.cofinancing }), null);
    const counted =
      d.beneficiaries.trim() === ''
        ? { count: 0, unit: null }
        : parseBeneficiaries(d.beneficiaries);
    if (!counted)
      return (onProblem('proposals.error.badBeneficiaries', { text: d.beneficiaries }), null);
    const cui = d.cui.replace(/\s/g, '');
    if (cui && !/^\d{7}$/.test(cui)) return (onProblem('proposals.error.badCui', { cui }), null);
    return {
      ...(d.id ? { id: d.id } : {}),
      code: d.code ?? nextCode,
      title: d.title,
      description: d.description,
      sectorId: d.sectorId,
      community: d.community,
      organizationId: d.organizationId || null,
      estimatedCostCents: cost,
      beneficiaries: counted.count,
      beneficiaryUnit: counted.unit ?? d.beneficiaryUnit,
      cui,
      cofinancingCents: cofinancing,
      carriedFrom: d.carriedFrom,
    };
  };

  // Sector, place and proposer often repeat in a row of proposals from one community.
  const cleared = (d: Draft): Draft => ({
    ...blank(d.sectorId),
    community: d.id ? '' : d.community,
    organizationId: d.id ? '' : d.organizationId,
  });

  const send = async (d: Draft) => {
    const input = toInput(d);
    if (!input) return false;
    inFlight.current = true;
    setSaving(true);
    let saved = false;
    try {
      saved = await onSave(input);
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
    if (!saved) {
      // Back into the form to correct; what was typed meanwhile waits first in line.
      const typed = current.current;
      if (typed.title.trim() !== '') setQueue((q) => [typed, ...q]);
      setDraft(d);
      setPaused(true);
    }
    return saved;
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    const d = draft;
    if (!toInput(d)) return;
    setPaused(false);
    title.current?.focus();
    if (d.id) {
      // An edit: the parent closes it once saved.
      void send(d);
      return;
    }
    setDraft(cleared(d));
    // Behind the queue too, not only behind a save in flight: between one save's end and the
    // queue's next send, a proposal sent at once jumped the line and took an earlier code (CI
    // under load, stop 30). A corrected refusal (paused) goes first: the queue waits for it.
    if (inFlight.current || (queue.length > 0 && !paused)) setQueue((q) => [...q, d]);
    else void send(d);
  };

  // The next queued proposal once the save in flight is stored (this render has the next code).
  useEffect(() => {
    if (saving || paused || queue.length === 0) return;
    const id = window.setTimeout(() => {
      if (inFlight.current) return;
      const [next, ...rest] = queue;
      setQueue(rest);
      if (next) void send(next);
    }, 0);
    return () => window.clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- send reads this render's next code
  }, [saving, paused, queue]);

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
          <button type="submit" className="primary" data-testid="proposal-save">
            {t('proposals.form.save')}
          </button>
          {(saving || queue.length > 0) && (
            <span className="muted small" role="status" data-testid="proposal-queue">
              {t('proposals.form.saving', { n: queue.length })}
            </span>
          )}
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
