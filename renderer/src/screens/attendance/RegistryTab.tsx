import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { registryFacts } from '../../../../shared/attendance/presence';
import { indexForSearch, search } from '../../../../shared/attendance/search';
import {
  displayName,
  normalizeDni,
  type Accreditation,
  type OrganizationInput,
  type Participant,
  type ParticipantInput,
} from '../../../../shared/schemas/attendance';
import { useI18n } from '../../i18n';
import {
  errorNotice,
  okNotice,
  say,
  thrownNotice,
  wordNotice,
  type Notice,
  type Say,
} from '../../kit';
import { invoke } from '../../transport';
import type { useRegistry } from '../../useRegistry';
import { ImportPanel } from './ImportPanel';
import { download } from './PrintTab';
import { OrgForm, PersonForm } from './RegistryForms';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';

const NEW_PERSON: ParticipantInput = {
  dni: '',
  givenNames: '',
  surnames: '',
  sex: 'F',
  language: 'quz',
  organizationId: null,
  role: 'titular',
  authorization: '',
  voice: 'voiceAndVote',
  accreditation: 'pending',
};
const NEW_ORG: OrganizationInput = {
  name: '',
  type: 'comunidadCampesina',
  community: '',
  standingProof: 'publicRegistry',
  standingRef: '',
};

/** The registry: organisations, participants, accreditation, import and export. */
export function RegistryTab({
  workshopId,
  registry,
  readOnly,
  rules,
}: {
  workshopId: string;
  registry: ReturnType<typeof useRegistry>;
  readOnly: boolean;
  rules: Pick<StoredWorkshopSetup, 'voteRule' | 'quorum'>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { data, maps, applied } = registry;
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [person, setPerson] = useState<ParticipantInput | null>(null);
  const [org, setOrg] = useState<OrganizationInput | null>(null);
  // Kept as what happened and worded when drawn: they follow a change of language.
  const [dniError, setDniError] = useState<Notice | null>(null);
  const [showImport, setShowImport] = useState(false);
  const [notice, setNotice] = useState<
    | (Notice & {
        /** Bring it into view and focus it: the import panel closing left the page at its bottom. */
        reveal?: boolean;
      })
    | null
  >(null);
  const message = wordNotice(notice, i18n);
  const messageRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!notice?.reveal) return;
    messageRef.current?.scrollIntoView({ block: 'center' });
    messageRef.current?.focus({ preventScroll: true });
  }, [notice]);

  const index = useMemo(
    () =>
      data && maps
        ? indexForSearch(
            data.participants.map((p) => ({
              id: p.id,
              dni: p.dni,
              texts: [
                p.givenNames,
                p.surnames,
                maps.orgById.get(p.organizationId ?? '')?.name ?? '',
                maps.orgById.get(p.organizationId ?? '')?.community ?? '',
              ],
            })),
          )
        : [],
    [data, maps],
  );
  const facts = useMemo(
    () => (data ? registryFacts(data.organizations, data.participants) : null),
    [data],
  );
  if (!data || !maps || !facts) return <p>{t('common.loading')}</p>;
  const shown: Participant[] = filter.trim()
    ? search(index, filter, 500).flatMap((id) => maps.personById.get(id) ?? [])
    : data.participants;
  // Named as the door names them: people accredited, and organisations with an accredited agent
  // (what a quorum by organisations counts); the difference is said, not left to be found.
  const counts = {
    all: data.participants.length,
    accredited: data.participants.filter((p) => p.accreditation === 'accredited').length,
    pending: data.participants.filter((p) => p.accreditation === 'pending').length,
    agentOrgs: facts.representedOrgs,
  };
  const withoutAgent = facts.eligible.perOrganization - facts.representedOrgs;

  const act = async (fn: () => Promise<unknown>, ok: Say) => {
    try {
      await fn();
      setNotice(okNotice(ok));
      return true;
    } catch (e) {
      setNotice(thrownNotice(e));
      return false;
    }
  };

  const accredit = (status: Accreditation) =>
    void act(
      async () => {
        await applied(
          await invoke('registry:setAccreditation', {
            workshopId,
            participantIds: [...selected],
            status,
          }),
        );
        setSelected(new Set());
      },
      say('attendance.registry.accreditationDone', { n: selected.size }),
    );

  const savePerson = async (e: FormEvent) => {
    e.preventDefault();
    if (!person) return;
    const dni = person.dni ? normalizeDni(person.dni) : '';
    if (dni === null) {
      setDniError(errorNotice('attendance.error.badDni', { dni: person.dni }));
      return;
    }
    setDniError(null);
    if (
      await act(
        async () =>
          applied(
            await invoke('registry:saveParticipant', {
              workshopId,
              participant: { ...person, dni },
            }),
          ),
        say('attendance.registry.saved'),
      )
    )
      setPerson(null);
  };

  const saveOrg = async (e: FormEvent) => {
    e.preventDefault();
    if (!org) return;
    if (
      await act(
        async () =>
          applied(await invoke('registry:saveOrganization', { workshopId, organization: org })),
        say('attendance.registry.saved'),
      )
    )
      setOrg(null);
  };

  const exportCsv = () =>
    void act(async () => {
      const r = await invoke('registry:exportCsv', { workshopId });
      download(r.fileName, new Blob([r.text], { type: 'text/csv;charset=utf-8' }));
    }, say('attendance.registry.exported'));

  return (
    <div className="registry">
      <div className="toolbar">
        <input
          className="grow"
          aria-label={t('attendance.registry.filter')}
          placeholder={t('attendance.registry.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        {!readOnly && (
          <>
            <button type="button" onClick={() => setPerson({ ...NEW_PERSON })}>
              {t('attendance.registry.newPerson')}
            </button>
            <button type="button" onClick={() => setOrg({ ...NEW_ORG })}>
              {t('attendance.registry.newOrg')}
            </button>
            <button
              type="button"
              data-testid="import-open"
              onClick={() => setShowImport((x) => !x)}
            >
              {t('attendance.registry.import')}
            </button>
          </>
        )}
        <button type="button" onClick={exportCsv}>
          {t('attendance.registry.export')}
        </button>
      </div>
      <p className="muted" data-testid="registry-counts">
        {t('attendance.registry.counts', counts)}
      </p>
      {withoutAgent > 0 && (
        <div className="banner warn" role="status" data-testid="registry-without-agent">
          {t('attendance.registry.withoutAgent', { n: withoutAgent })}
        </div>
      )}
      {message && (
        <div
          className={`banner ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="registry-message"
          ref={messageRef}
          tabIndex={-1}
        >
          {message.text}
        </div>
      )}
      {showImport && !readOnly && (
        <ImportPanel
          workshopId={workshopId}
          registry={registry}
          rules={rules}
          onDone={(done) => {
            setShowImport(false);
            setNotice({ ...okNotice(done), reveal: true });
          }}
        />
      )}
      {org && (
        <OrgForm
          org={org}
          setOrg={setOrg}
          onSubmit={(e) => void saveOrg(e)}
          onCancel={() => setOrg(null)}
        />
      )}
      {person && (
        <PersonForm
          person={person}
          setPerson={(p) => {
            setPerson(p);
            if (p.dni !== person.dni) setDniError(null);
          }}
          organizations={data.organizations}
          dniError={dniError && dniError.say(i18n)}
          onSubmit={(e) => void savePerson(e)}
          onCancel={() => {
            setPerson(null);
            setDniError(null);
          }}
        />
      )}
      {!readOnly && selected.size > 0 && (
        <div className="toolbar selection">
          <span>{t('attendance.registry.selected', { n: selected.size })}</span>
          <button type="button" className="primary" onClick={() => accredit('accredited')}>
            {t('attendance.registry.accredit')}
          </button>
          <button type="button" onClick={() => accredit('rejected')}>
            {t('attendance.registry.reject')}
          </button>
          <button type="button" onClick={() => accredit('pending')}>
            {t('attendance.registry.markPending')}
          </button>
        </div>
      )}
      <table className="data-table" data-testid="registry-table">
        <thead>
          <tr>
            <th>
              <input
                type="checkbox"
                aria-label={t('attendance.registry.selectAll')}
                checked={shown.length > 0 && shown.every((p) => selected.has(p.id))}
                onChange={(e) =>
                  setSelected(e.target.checked ? new Set(shown.map((p) => p.id)) : new Set())
                }
              />
            </th>
            <th>{t('attendance.name')}</th>
            <th>DNI</th>
            <th>{t('attendance.organization')}</th>
            <th>{t('attendance.role')}</th>
            <th>{t('attendance.accreditationLabel')}</th>
            <th aria-label={t('common.actions')} />
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={displayName(p)}
                  checked={selected.has(p.id)}
                  onChange={(e) =>
                    setSelected((s) => {
                      const n = new Set(s);
                      if (e.target.checked) n.add(p.id);
                      else n.delete(p.id);
                      return n;
                    })
                  }
                />
              </td>
              <td>{displayName(p)}</td>
              <td className="mono">{p.dni || '—'}</td>
              <td>{maps.orgById.get(p.organizationId ?? '')?.name ?? '—'}</td>
              <td>
                {t(`attendance.role.${p.role}`)}
                {p.voice === 'voiceOnly' ? ` · ${t('attendance.voice.voiceOnly')}` : ''}
              </td>
              <td>
                <span className={`badge ${p.accreditation === 'accredited' ? 'ok' : 'warn'}`}>
                  {t(`attendance.accreditation.${p.accreditation}`)}
                </span>
              </td>
              <td>
                {!readOnly && (
                  <button type="button" className="link" onClick={() => setPerson({ ...p })}>
                    {t('common.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
