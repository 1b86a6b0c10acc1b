import { useMemo, useState, type FormEvent } from 'react';
import { displayName } from '../../../../shared/schemas/attendance';
import {
  COMMITTEE_ROLES,
  type CommitteeMember,
  type CommitteeRole,
} from '../../../../shared/schemas/minutes';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { committeeCandidates } from '../../../../shared/minutes/committee-candidates';
import { useI18n } from '../../i18n';
import { say } from '../../kit';
import { invoke } from '../../transport';
import type { RegistryData } from '../../useRegistry';
import type { Act } from './MinutesScreen';

interface Props {
  workshopId: string;
  members: CommitteeMember[];
  registry: RegistryData | null;
  readOnly: boolean;
  act: Act;
  applied: <T>(r: { value: T; chain: ChainStatus }) => Promise<T>;
}

/** The Comité de Vigilancia elected at the workshop: pick a registered participant or type a name. */
export function CommitteePanel({ workshopId, members, registry, readOnly, act, applied }: Props) {
  const { t } = useI18n();
  const [participantId, setParticipantId] = useState('');
  const [name, setName] = useState('');
  const [dni, setDni] = useState('');
  const [organization, setOrganization] = useState('');
  const [role, setRole] = useState<CommitteeRole>('member');
  const orgs = useMemo(
    () => new Map((registry?.organizations ?? []).map((o) => [o.id, o])),
    [registry],
  );
  // Participating agents (present, accredited, civil society): the committee is elected among them.
  const eligible = useMemo(
    () =>
      committeeCandidates(
        registry?.participants ?? [],
        registry?.organizations ?? [],
        registry?.attendance ?? [],
      ),
    [registry],
  );
  const pick = (id: string) => {
    setParticipantId(id);
    const p = eligible.find((x) => x.id === id);
    if (p) {
      setName(displayName(p));
      setDni(p.dni);
      setOrganization(orgs.get(p.organizationId ?? '')?.name ?? '');
    }
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await act(async () => {
      await applied(
        await invoke('minutes:saveMember', {
          workshopId,
          member: {
            participantId: participantId || null,
            name,
            dni: dni.trim(),
            organization,
            role,
          },
        }),
      );
      return say('minutes.ui.memberAdded', { name });
    });
    if (ok) {
      setParticipantId('');
      setName('');
      setDni('');
      setOrganization('');
      setRole('member');
    }
  };
  return (
    <section className="panel minutes-section" data-testid="committee">
      <h2>{t('minutes.ui.committee')}</h2>
      <p className="lead">{t('minutes.ui.committeeLead')}</p>
      {members.length === 0 ? (
        <p className="muted">{t('minutes.ui.noMembers')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('pdf.col.name')}</th>
              <th>{t('pdf.col.dni')}</th>
              <th>{t('pdf.col.organization')}</th>
              <th>{t('pdf.col.role')}</th>
              {!readOnly && <th />}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  <strong>{m.name}</strong>
                </td>
                <td>{m.dni}</td>
                <td>{m.organization}</td>
                <td>{t(`minutes.role.${m.role}`)}</td>
                {!readOnly && (
                  <td className="row-actions">
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        void act(async () => {
                          await applied(
                            await invoke('minutes:removeMember', { workshopId, id: m.id }),
                          );
                          return say('minutes.ui.memberRemoved', { name: m.name });
                        })
                      }
                    >
                      {t('minutes.ui.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <form
          className="inline-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('minutes.ui.addMember')}
        >
          {eligible.length === 0 && (
            <p className="muted small grow" data-testid="committee-no-candidates">
              {t('minutes.ui.noCandidates')}
            </p>
          )}
          <label className="grow">
            {t('minutes.ui.fromRegistry')}
            <select
              name="member-participant"
              value={participantId}
              onChange={(e) => pick(e.target.value)}
            >
              <option value="">{t('minutes.ui.typeName')}</option>
              {eligible.map((p) => (
                <option key={p.id} value={p.id}>
                  {displayName(p)} — {orgs.get(p.organizationId ?? '')?.name ?? ''}
                </option>
              ))}
            </select>
          </label>
          <label className="grow">
            {t('pdf.col.name')}
            <input
              name="member-name"
              required
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>
          <label>
            {t('pdf.col.dni')}
            <input
              name="member-dni"
              className="narrow"
              inputMode="numeric"
              pattern="[0-9]{8}"
              value={dni}
              onChange={(e) => setDni(e.target.value)}
            />
          </label>
          <label className="grow">
            {t('pdf.col.organization')}
            <input
              name="member-organization"
              value={organization}
              onChange={(e) => setOrganization(e.target.value)}
            />
          </label>
          <label>
            {t('pdf.col.role')}
            <select
              name="member-role"
              value={role}
              onChange={(e) => setRole(e.target.value as CommitteeRole)}
            >
              {COMMITTEE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`minutes.role.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="primary">
            {t('minutes.ui.addMember')}
          </button>
        </form>
      )}
    </section>
  );
}
