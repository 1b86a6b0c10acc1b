// The registry's two edit forms (a participant, an organisation), built from the kit: every
// field is a Field, every enum dropdown an EnumSelect over the zod enum the core checks.
import type { FormEvent } from 'react';
import {
  Accreditation,
  OrgType,
  ParticipantRole,
  PreferredLanguage,
  Sex,
  StandingProof,
  Voice,
  type Organization,
  type OrganizationInput,
  type ParticipantInput,
} from '../../../../shared/schemas/attendance';
import { useI18n } from '../../i18n';
import { EnumSelect, Field } from '../../kit';

function FormActions({ onCancel }: { onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="submit" className="primary">
        {t('setup.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

export function PersonForm({
  person,
  setPerson,
  organizations,
  dniError,
  onSubmit,
  onCancel,
}: {
  person: ParticipantInput;
  setPerson: (p: ParticipantInput) => void;
  organizations: readonly Organization[];
  /** The DNI as typed is not one: shown beside the field. */
  dniError: string | null;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const set = <K extends keyof ParticipantInput>(k: K) => {
    return (v: ParticipantInput[K]) => setPerson({ ...person, [k]: v });
  };
  return (
    <form
      className="panel edit-form"
      onSubmit={onSubmit}
      aria-label={t('attendance.registry.newPerson')}
    >
      <div className="grid-3">
        <Field label="DNI" error={dniError}>
          <input
            name="p-dni"
            inputMode="numeric"
            autoFocus
            value={person.dni}
            onChange={(e) => set('dni')(e.target.value)}
          />
        </Field>
        <Field label={t('attendance.givenNames')}>
          <input
            name="p-given"
            required
            value={person.givenNames}
            onChange={(e) => set('givenNames')(e.target.value)}
          />
        </Field>
        <Field label={t('attendance.surnames')}>
          <input
            name="p-surnames"
            value={person.surnames}
            onChange={(e) => set('surnames')(e.target.value)}
          />
        </Field>
        <Field label={t('attendance.organization')}>
          <select
            name="p-org"
            value={person.organizationId ?? ''}
            onChange={(e) => set('organizationId')(e.target.value || null)}
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
            name="p-role"
            schema={ParticipantRole}
            prefix="attendance.role"
            value={person.role}
            onChange={set('role')}
          />
        </Field>
        {person.role === 'delegate' && (
          <Field label={t('attendance.authorization')}>
            <input
              name="p-auth"
              required
              value={person.authorization}
              onChange={(e) => set('authorization')(e.target.value)}
              placeholder={t('attendance.authorizationExample')}
            />
          </Field>
        )}
        <Field label={t('attendance.sex')}>
          <EnumSelect
            name="p-sex"
            schema={Sex}
            prefix="attendance.sexOne"
            value={person.sex}
            onChange={set('sex')}
          />
        </Field>
        <Field label={t('attendance.languageLabel')}>
          {/* Quechua first: most participants in the Andean workshops speak it. */}
          <EnumSelect
            name="p-lang"
            schema={PreferredLanguage}
            only={['quz', 'es', 'other']}
            prefix="attendance.language"
            value={person.language}
            onChange={set('language')}
          />
        </Field>
        <Field label={t('attendance.voiceLabel')}>
          <EnumSelect
            name="p-voice"
            schema={Voice}
            prefix="attendance.voice"
            value={person.voice}
            onChange={set('voice')}
          />
        </Field>
        <Field label={t('attendance.accreditationLabel')}>
          <EnumSelect
            name="p-acc"
            schema={Accreditation}
            prefix="attendance.accreditation"
            value={person.accreditation}
            onChange={set('accreditation')}
          />
        </Field>
      </div>
      <FormActions onCancel={onCancel} />
    </form>
  );
}

export function OrgForm({
  org,
  setOrg,
  onSubmit,
  onCancel,
}: {
  org: OrganizationInput;
  setOrg: (o: OrganizationInput) => void;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const set = <K extends keyof OrganizationInput>(k: K) => {
    return (v: OrganizationInput[K]) => setOrg({ ...org, [k]: v });
  };
  return (
    <form
      className="panel edit-form"
      onSubmit={onSubmit}
      aria-label={t('attendance.registry.newOrg')}
    >
      <div className="grid-3">
        <Field label={t('attendance.organization')} className="span-2">
          <input
            name="org-name"
            required
            autoFocus
            value={org.name}
            onChange={(e) => set('name')(e.target.value)}
          />
        </Field>
        <Field label={t('attendance.orgTypeLabel')}>
          <EnumSelect
            name="org-type"
            schema={OrgType}
            prefix="attendance.orgType"
            value={org.type}
            onChange={set('type')}
          />
        </Field>
        <Field label={t('attendance.community')}>
          <input
            name="org-community"
            value={org.community}
            onChange={(e) => set('community')(e.target.value)}
          />
        </Field>
        <Field label={t('attendance.standingProof')}>
          <EnumSelect
            name="org-proof"
            schema={StandingProof}
            prefix="attendance.proof"
            value={org.standingProof}
            onChange={set('standingProof')}
          />
        </Field>
        <Field label={t('attendance.standingRef')}>
          <input
            name="org-ref"
            value={org.standingRef}
            onChange={(e) => set('standingRef')(e.target.value)}
          />
        </Field>
      </div>
      <FormActions onCancel={onCancel} />
    </form>
  );
}
