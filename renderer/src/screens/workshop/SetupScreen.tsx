import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/api';
import { firstCheckInDays } from '../../../../shared/attendance/convocation';
import { formatSoles, parseSoles } from '../../../../shared/format';
import type { WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { Field, useAction, type Say } from '../../kit';
import { ApiError, invoke } from '../../transport';
import { fromDraft, toDraft, type Draft, type FieldErrors } from './setupDraft';
import { SetupLockPanel } from './SetupLockPanel';
import { SetupPlaces } from './SetupPlaces';
import { SetupRules } from './SetupRules';

interface Props {
  workshop: WorkshopState;
  onSaved: (w: WorkshopState) => void;
}

export function SetupScreen({ workshop, onSaved }: Props) {
  const { t, errorText } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => toDraft(workshop.setup));
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Saved or not yet: the key and its values, worded when drawn (a failure is the action's). */
  const [status, setStatus] = useState<{ kind: 'saved' | 'dirty'; say: Say } | null>(null);
  const action = useAction();
  const { clear, fail, run } = action;
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
  // Each venue's first check-in day: a date typed off it is named beside the date (adv29).
  const [checkInDays, setCheckInDays] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    invoke('registry:get', { workshopId: workshop.workshopId })
      .then((r) => live && setCheckInDays(firstCheckInDays(r.attendance)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [workshop.workshopId]);

  const patch = (p: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...p }));
    clear();
    setStatus({ kind: 'dirty', say: (w) => w.t('setup.unsaved') });
  };

  const save = useCallback(
    async (e?: FormEvent) => {
      e?.preventDefault();
      const { setup, errors: found } = fromDraft(draft);
      setErrors(found);
      if (!setup) {
        fail('setup.fixErrors');
        return;
      }
      const r = await run(() =>
        invoke('workshop:saveSetup', { workshopId: workshop.workshopId, setup }),
      );
      if (r.ok) {
        const next = r.value;
        onSaved(next);
        setDraft(toDraft(next.setup));
        const n = next.chain.length;
        setStatus({ kind: 'saved', say: (w) => w.t('setup.saved', { n }) });
      } else if (r.cause instanceof ApiError && r.cause.envelope.issues) {
        const fe: FieldErrors = {};
        for (const i of r.cause.envelope.issues)
          fe[i.path.replace(/^setup\./, '')] = 'setup.error.invalid';
        setErrors(fe);
      }
    },
    [draft, fail, run, onSaved, workshop.workshopId],
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
          {action.error ? (
            <span className="status error" data-testid="save-status" role="status">
              {action.error}
            </span>
          ) : (
            status && (
              <span className={`status ${status.kind}`} data-testid="save-status" role="status">
                {status.say({ t, errorText })}
              </span>
            )
          )}
          <button
            type="submit"
            className="primary"
            disabled={action.busy || readOnly}
            title="Ctrl+S"
          >
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

        <SetupPlaces
          draft={draft}
          patch={patch}
          err={err}
          locked={locked}
          checkInDays={checkInDays}
        />
        <SetupRules
          draft={draft}
          patch={patch}
          errors={errors}
          err={err}
          locked={locked}
          saved={workshop.setup}
        />
      </fieldset>
    </form>
  );
}
