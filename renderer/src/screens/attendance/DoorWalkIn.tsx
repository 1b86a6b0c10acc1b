// The door's form for someone not in the registry: typed as searched, sex chosen (never
// assumed), and the registered people it may be shown before a second record is made.
import type { FormEvent } from 'react';
import {
  displayName,
  ParticipantRole,
  Sex,
  type Organization,
  type Participant,
} from '../../../../shared/schemas/attendance';
import { useI18n } from '../../i18n';
import { EnumSelect, Field } from '../../kit';
import type { WalkInDraft } from './walkIn';

/** The roles a walk-in may take, in the order offered (member first: the usual case). */
const WALK_IN_ROLES = ['member', 'titular', 'suplente', 'delegate'] as const;

interface Props {
  walkIn: WalkInDraft;
  onChange: (w: WalkInDraft) => void;
  organizations: readonly Organization[];
  /** Registered people who look like the walk-in: shown before saving. */
  lookAlikes: Participant[] | null;
  busy: boolean;
  /** Save; `confirmedNew` once the operator said it is none of the look-alikes. */
  onSave: (confirmedNew: boolean) => void;
  /** The walk-in is this registered person: check them in instead. */
  onIsThis: (p: Participant) => void;
  onCancel: () => void;
}

export function DoorWalkIn({
  walkIn,
  onChange,
  organizations,
  lookAlikes,
  busy,
  onSave,
  onIsThis,
  onCancel,
}: Props) {
  const { t } = useI18n();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(false);
  };
  return (
    <form className="walkin panel" onSubmit={submit} aria-label={t('attendance.door.walkIn')}>
      <h3>{t('attendance.door.walkIn')}</h3>
      <div className="grid-3">
        <Field label="DNI">
          <input
            name="walkin-dni"
            inputMode="numeric"
            value={walkIn.dni}
            onChange={(e) => onChange({ ...walkIn, dni: e.target.value })}
            autoFocus
          />
        </Field>
        <Field label={t('attendance.givenNames')}>
          <input
            name="walkin-given"
            required
            value={walkIn.givenNames}
            onChange={(e) => onChange({ ...walkIn, givenNames: e.target.value })}
          />
        </Field>
        <Field label={t('attendance.surnames')}>
          <input
            name="walkin-surnames"
            value={walkIn.surnames}
            onChange={(e) => onChange({ ...walkIn, surnames: e.target.value })}
          />
        </Field>
        <Field label={t('attendance.sex')}>
          <EnumSelect
            schema={Sex}
            prefix="attendance.sexOne"
            name="walkin-sex"
            aria-required="true"
            empty={t('attendance.sex.choose')}
            value={walkIn.sex}
            onChange={(sex) => onChange({ ...walkIn, sex })}
          />
        </Field>
        <Field label={t('attendance.organization')}>
          <select
            name="walkin-org"
            value={walkIn.organizationId}
            onChange={(e) => onChange({ ...walkIn, organizationId: e.target.value })}
          >
            <option value="">{t('attendance.noOrganization')}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('attendance.role')}>
          <EnumSelect
            schema={ParticipantRole}
            only={WALK_IN_ROLES}
            prefix="attendance.role"
            name="walkin-role"
            value={walkIn.role}
            onChange={(role) => onChange({ ...walkIn, role })}
          />
        </Field>
      </div>
      <p className="hint">{t('attendance.door.walkInHint')}</p>
      {lookAlikes && (
        <div className="banner warn" data-testid="walkin-lookalikes">
          <p>{t('attendance.door.walkInMatches')}</p>
          <ul>
            {lookAlikes.map((p) => (
              <li key={p.id}>
                <strong>{displayName(p)}</strong> {p.dni ? `DNI ${p.dni}` : t('attendance.noDni')}{' '}
                <button type="button" onClick={() => onIsThis(p)}>
                  {t('attendance.door.walkInIsThis')}
                </button>
              </li>
            ))}
          </ul>
          <button type="button" data-testid="walkin-not-these" onClick={() => onSave(true)}>
            {t('attendance.door.walkInNotThese')}
          </button>
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('attendance.door.walkInSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
