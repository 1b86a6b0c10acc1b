import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  centsToDecimal,
  formatDate,
  isTimeZone,
  formatSoles,
  parseDate,
  parseSoles,
} from '../../../shared/format';
import {
  SELECTION_RULES,
  type QuorumRule,
  type SelectionRule,
  type StoredWorkshopSetup,
  type TieBreak,
  type VoteRule,
  type WorkshopSetup,
  type WorkshopState,
} from '../../../shared/schemas/workshop';
import { useI18n } from '../i18n';
import { ApiError, invoke } from '../transport';
import type { Output } from '../../../shared/api';
import { SetupLockPanel } from './SetupLockPanel';
import { Field } from '../kit';

interface Draft {
  municipality: string;
  ubigeo: string;
  fiscalYear: string;
  title: string;
  envelope: string;
  venues: { id?: string; name: string; place: string; date: string }[];
  sectors: { id?: string; name: string }[];
  quorumKind: QuorumRule['kind'];
  quorumValue: string;
  voteRule: VoteRule;
  tieBreak: TieBreak;
  selectionRule: SelectionRule;
  sectorSplit: boolean;
  minNoticeDays: string;
  representativesPublic: boolean;
  timeZone: string;
}

function toDraft(s: StoredWorkshopSetup): Draft {
  return {
    municipality: s.municipality,
    ubigeo: s.ubigeo,
    fiscalYear: String(s.fiscalYear),
    title: s.title,
    envelope: centsToDecimal(s.envelopeCents),
    venues: s.venues.map((v) => ({ ...v, date: formatDate(v.date) })),
    sectors: s.sectors.map((x) => ({ ...x })),
    quorumKind: s.quorum.kind,
    quorumValue:
      s.quorum.kind === 'percent'
        ? String(s.quorum.percent)
        : s.quorum.kind === 'minimum'
          ? String(s.quorum.count)
          : '',
    voteRule: s.voteRule,
    tieBreak: s.tieBreak,
    selectionRule: s.selectionRule,
    sectorSplit: s.sectorSplit,
    minNoticeDays: String(s.minNoticeDays),
    representativesPublic: s.representativesPublic,
    timeZone: s.timeZone,
  };
}

type FieldErrors = Record<string, string>;

/** Turn the form into the API's shape, collecting per-field problems (translated keys). */
function fromDraft(d: Draft): { setup?: WorkshopSetup; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const envelopeCents = parseSoles(d.envelope);
  if (envelopeCents === null) errors['envelopeCents'] = 'setup.error.amount';
  const fiscalYear = Number(d.fiscalYear);
  if (!/^\d{4}$/.test(d.fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100)
    errors['fiscalYear'] = 'setup.error.year';
  const minNoticeDays = Number(d.minNoticeDays);
  if (!/^\d{1,3}$/.test(d.minNoticeDays)) errors['minNoticeDays'] = 'setup.error.wholeNumber';
  const qv = Number(d.quorumValue);
  let quorum: QuorumRule = { kind: 'none' };
  if (d.quorumKind === 'percent') {
    if (!/^\d{1,3}$/.test(d.quorumValue) || qv < 1 || qv > 100)
      errors['quorum'] = 'setup.error.percent';
    quorum = { kind: 'percent', percent: qv };
  } else if (d.quorumKind === 'minimum') {
    if (!/^\d{1,6}$/.test(d.quorumValue) || qv < 1) errors['quorum'] = 'setup.error.wholeNumber';
    quorum = { kind: 'minimum', count: qv };
  }
  if (!d.municipality.trim()) errors['municipality'] = 'setup.error.required';
  if (!d.title.trim()) errors['title'] = 'setup.error.required';
  if (d.ubigeo && !/^\d{6}$/.test(d.ubigeo)) errors['ubigeo'] = 'setup.error.ubigeo';
  if (!isTimeZone(d.timeZone.trim())) errors['timeZone'] = 'setup.error.timeZone';
  d.venues.forEach((v, i) => {
    if (!v.name.trim()) errors[`venues.${i}.name`] = 'setup.error.required';
    if (parseDate(v.date) === null) errors[`venues.${i}.date`] = 'setup.error.date';
  });
  const sectors = d.sectors.filter((s) => s.name.trim() || s.id);
  sectors.forEach((s, i) => {
    if (!s.name.trim()) errors[`sectors.${i}.name`] = 'setup.error.required';
  });
  if (sectors.length === 0) errors['sectors'] = 'setup.error.oneSector';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    setup: {
      municipality: d.municipality,
      ubigeo: d.ubigeo,
      fiscalYear,
      title: d.title,
      envelopeCents: envelopeCents ?? 0,
      venues: d.venues.map((v) => ({
        ...(v.id ? { id: v.id } : {}),
        name: v.name,
        place: v.place,
        date: parseDate(v.date) ?? '',
      })),
      sectors: sectors.map((s) => ({ ...(s.id ? { id: s.id } : {}), name: s.name })),
      quorum,
      voteRule: d.voteRule,
      tieBreak: d.tieBreak,
      selectionRule: d.selectionRule,
      sectorSplit: d.sectorSplit,
      minNoticeDays,
      representativesPublic: d.representativesPublic,
      timeZone: d.timeZone.trim(),
    },
  };
}

interface Props {
  workshop: WorkshopState;
  onSaved: (w: WorkshopState) => void;
}

export function SetupScreen({ workshop, onSaved }: Props) {
  const { t, errorText } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(workshop.setup));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'error' | 'dirty'; text: string } | null>(
    null,
  );
  const [saving, setSaving] = useState(false);
  const readOnly = workshop.sealed;
  const [lock, setLock] = useState<Output<'results:setupLock'> | null>(null);
  useEffect(() => {
    let live = true;
    invoke('results:setupLock', { workshopId: workshop.workshopId })
      .then((l) => live && setLock(l))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workshop.workshopId]);
  const locked = lock?.locked ?? false;

  const patch = (p: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setStatus({ kind: 'dirty', text: t('setup.unsaved') });
  };

  const save = useCallback(
    async (e?: FormEvent) => {
      e?.preventDefault();
      const { setup, errors: found } = fromDraft(draft);
      setErrors(found);
      if (!setup) {
        setStatus({ kind: 'error', text: t('setup.fixErrors') });
        return;
      }
      setSaving(true);
      try {
        const next = await invoke('workshop:saveSetup', { workshopId: workshop.workshopId, setup });
        onSaved(next);
        setDraft(toDraft(next.setup));
        setStatus({ kind: 'saved', text: t('setup.saved', { n: next.chain.length }) });
      } catch (err) {
        if (err instanceof ApiError && err.envelope.issues) {
          const fe: FieldErrors = {};
          for (const i of err.envelope.issues)
            fe[i.path.replace(/^setup\./, '')] = 'setup.error.invalid';
          setErrors(fe);
        }
        setStatus({ kind: 'error', text: errorText(err) });
      } finally {
        setSaving(false);
      }
    },
    [draft, errorText, onSaved, t, workshop.workshopId],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const err = (field: string) =>
    errors[field] ? (
      <span className="field-error" role="alert">
        {t(errors[field])}
      </span>
    ) : null;
  const envelopePreview = parseSoles(draft.envelope);

  return (
    <form className="setup" onSubmit={(e) => void save(e)} aria-label={t('setup.heading')}>
      <div className="screen-head">
        <h1>{t('setup.heading')}</h1>
        <div className="save-area">
          {status && (
            <span className={`status ${status.kind}`} data-testid="save-status" role="status">
              {status.text}
            </span>
          )}
          <button type="submit" className="primary" disabled={saving || readOnly} title="Ctrl+S">
            {t('setup.save')}
          </button>
        </div>
      </div>
      {lock && (
        <SetupLockPanel
          workshopId={workshop.workshopId}
          lock={lock}
          onReopened={(l, chain) => {
            setLock(l);
            onSaved({ ...workshop, chain });
          }}
        />
      )}
      <fieldset disabled={readOnly}>
        <div className="grid-2">
          <Field
            label={t('setup.municipality')}
            error={errors['municipality'] ? t(errors['municipality']) : null}
          >
            <input
              name="municipality"
              value={draft.municipality}
              onChange={(e) => patch({ municipality: e.target.value })}
            />
          </Field>
          <Field label={t('setup.ubigeo')} error={errors['ubigeo'] ? t(errors['ubigeo']) : null}>
            <input
              name="ubigeo"
              inputMode="numeric"
              maxLength={6}
              value={draft.ubigeo}
              onChange={(e) => patch({ ubigeo: e.target.value.replace(/\D/g, '') })}
            />
          </Field>
          <Field
            label={t('setup.title')}
            className="span-2"
            error={errors['title'] ? t(errors['title']) : null}
          >
            <input
              name="title"
              value={draft.title}
              onChange={(e) => patch({ title: e.target.value })}
            />
          </Field>
          <Field
            label={t('setup.fiscalYear')}
            error={errors['fiscalYear'] ? t(errors['fiscalYear']) : null}
          >
            <input
              name="fiscalYear"
              inputMode="numeric"
              value={draft.fiscalYear}
              onChange={(e) => patch({ fiscalYear: e.target.value })}
            />
          </Field>
          <label>
            {t('setup.envelope')}
            <input
              name="envelope"
              disabled={locked}
              inputMode="decimal"
              value={draft.envelope}
              onChange={(e) => patch({ envelope: e.target.value })}
            />
            <span className="hint" data-testid="envelope-preview">
              {envelopePreview !== null ? formatSoles(envelopePreview) : ''}
            </span>
            {err('envelopeCents')}
          </label>
        </div>

        <h2>{t('setup.venues')}</h2>
        <p className="hint">{t('setup.venuesHint')}</p>
        <table className="edit-table">
          <thead>
            <tr>
              <th>{t('setup.venueName')}</th>
              <th>{t('setup.venuePlace')}</th>
              <th>{t('setup.venueDate')}</th>
              <th aria-label={t('common.actions')} />
            </tr>
          </thead>
          <tbody>
            {draft.venues.map((v, i) => (
              <tr key={v.id ?? `new-${i}`}>
                <td>
                  <input
                    aria-label={`${t('setup.venueName')} ${i + 1}`}
                    name={`venue-name-${i}`}
                    value={v.name}
                    onChange={(e) =>
                      patch({
                        venues: draft.venues.map((x, j) =>
                          j === i ? { ...x, name: e.target.value } : x,
                        ),
                      })
                    }
                  />
                  {err(`venues.${i}.name`)}
                </td>
                <td>
                  <input
                    aria-label={`${t('setup.venuePlace')} ${i + 1}`}
                    name={`venue-place-${i}`}
                    value={v.place}
                    onChange={(e) =>
                      patch({
                        venues: draft.venues.map((x, j) =>
                          j === i ? { ...x, place: e.target.value } : x,
                        ),
                      })
                    }
                  />
                </td>
                <td>
                  <input
                    placeholder={t('common.datePlaceholder')}
                    inputMode="numeric"
                    aria-label={`${t('setup.venueDate')} ${i + 1}`}
                    name={`venue-date-${i}`}
                    value={v.date}
                    onChange={(e) =>
                      patch({
                        venues: draft.venues.map((x, j) =>
                          j === i ? { ...x, date: e.target.value } : x,
                        ),
                      })
                    }
                  />
                  {err(`venues.${i}.date`)}
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => patch({ venues: draft.venues.filter((_, j) => j !== i) })}
                  >
                    {t('common.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            patch({
              venues: [
                ...draft.venues,
                { name: '', place: '', date: draft.venues.at(-1)?.date ?? '' },
              ],
            })
          }
        >
          {t('setup.addVenue')}
        </button>

        <h2>{t('setup.sectors')}</h2>
        <ol className="sector-list">
          {draft.sectors.map((s, i) => (
            <li key={s.id ?? `new-${i}`}>
              <input
                aria-label={`${t('setup.sector')} ${i + 1}`}
                disabled={locked}
                name={`sector-${i}`}
                value={s.name}
                onChange={(e) =>
                  patch({
                    sectors: draft.sectors.map((x, j) =>
                      j === i ? { ...x, name: e.target.value } : x,
                    ),
                  })
                }
              />
              <button
                type="button"
                className="link"
                disabled={i === 0}
                aria-label={t('common.moveUp')}
                onClick={() => patch({ sectors: swap(draft.sectors, i, i - 1) })}
              >
                ↑
              </button>
              <button
                type="button"
                className="link"
                onClick={() => patch({ sectors: draft.sectors.filter((_, j) => j !== i) })}
              >
                {t('common.remove')}
              </button>
              {err(`sectors.${i}.name`)}
            </li>
          ))}
        </ol>
        {err('sectors')}
        <button type="button" onClick={() => patch({ sectors: [...draft.sectors, { name: '' }] })}>
          {t('setup.addSector')}
        </button>

        <h2>{t('setup.rules')}</h2>
        <div className="grid-2">
          <label>
            {t('setup.quorum')}
            <select
              name="quorumKind"
              disabled={locked}
              value={draft.quorumKind}
              onChange={(e) =>
                patch({
                  quorumKind: e.target.value as QuorumRule['kind'],
                  quorumValue:
                    e.target.value === 'percent' ? '50' : e.target.value === 'minimum' ? '20' : '',
                })
              }
            >
              <option value="percent">{t('setup.quorum.percent')}</option>
              <option value="minimum">{t('setup.quorum.minimum')}</option>
              <option value="none">{t('setup.quorum.none')}</option>
            </select>
          </label>
          {draft.quorumKind !== 'none' && (
            <label>
              {draft.quorumKind === 'percent'
                ? t('setup.quorum.percentValue')
                : t('setup.quorum.minimumValue')}
              <input
                name="quorumValue"
                disabled={locked}
                inputMode="numeric"
                value={draft.quorumValue}
                onChange={(e) => patch({ quorumValue: e.target.value })}
              />
              {err('quorum')}
            </label>
          )}
          <fieldset className="radio-group span-2">
            <legend>{t('setup.voteRule')}</legend>
            {(['perOrganization', 'perPerson'] as const).map((r) => (
              <label key={r} className="radio">
                <input
                  type="radio"
                  name="voteRule"
                  disabled={locked}
                  value={r}
                  checked={draft.voteRule === r}
                  onChange={() => patch({ voteRule: r })}
                />
                {t(`setup.voteRule.${r}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('setup.tieBreak')}
            <select
              name="tieBreak"
              disabled={locked}
              value={draft.tieBreak}
              onChange={(e) => patch({ tieBreak: e.target.value as TieBreak })}
            >
              {(['lexicographic', 'cost', 'supporters', 'refuse'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`setup.tieBreak.${r}`)}
                </option>
              ))}
            </select>
            <span className="hint">{t('setup.tieBreakHint')}</span>
          </label>
          <label>
            {t('results.setup.rule')}
            <select
              name="selectionRule"
              disabled={locked}
              value={draft.selectionRule}
              onChange={(e) => patch({ selectionRule: e.target.value as SelectionRule })}
            >
              {SELECTION_RULES.map((r) => (
                <option key={r} value={r}>
                  {t(`results.rule.${r}`)}
                </option>
              ))}
            </select>
            <span className="hint">{t('results.setup.ruleHint')}</span>
          </label>
          <div className="span-2">
            <label className="radio">
              <input
                type="checkbox"
                name="sectorSplit"
                disabled={locked}
                checked={draft.sectorSplit}
                onChange={(e) => patch({ sectorSplit: e.target.checked })}
              />
              {t('results.setup.sectorSplit')}
            </label>
            <span className="hint">{t('results.setup.sectorSplitHint')}</span>
            {draft.selectionRule === 'mes' && draft.sectorSplit && (
              <p className="field-error" role="alert" data-testid="mes-split-conflict">
                {t('results.error.mesWithSectorSplit')}
              </p>
            )}
          </div>
          <Field
            label={t('setup.minNoticeDays')}
            error={errors['minNoticeDays'] ? t(errors['minNoticeDays']) : null}
          >
            <input
              name="minNoticeDays"
              inputMode="numeric"
              value={draft.minNoticeDays}
              onChange={(e) => patch({ minNoticeDays: e.target.value })}
            />
          </Field>
          <Field
            label={t('setup.timeZone')}
            hint={t('setup.timeZoneHint')}
            error={errors['timeZone'] ? t(errors['timeZone']) : null}
          >
            <input
              name="timeZone"
              value={draft.timeZone}
              onChange={(e) => patch({ timeZone: e.target.value })}
            />
          </Field>
          <div className="span-2">
            <label className="radio">
              <input
                type="checkbox"
                name="representativesPublic"
                checked={draft.representativesPublic}
                onChange={(e) => patch({ representativesPublic: e.target.checked })}
              />
              {t('export.setup.representativesPublic')}
            </label>
            <span className="hint">{t('export.setup.representativesPublicHint')}</span>
          </div>
        </div>
      </fieldset>
    </form>
  );
}

function swap<T>(list: T[], i: number, j: number): T[] {
  const out = [...list];
  const a = out[i];
  const b = out[j];
  if (a === undefined || b === undefined) return out;
  out[i] = b;
  out[j] = a;
  return out;
}
