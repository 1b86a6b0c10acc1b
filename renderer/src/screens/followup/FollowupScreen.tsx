// Seguimiento (issue 7 §4): what happened to what earlier workshops agreed. Two tabs: the
// projects across years (with each one's history) and the years held (their Actas, the
// final plans recorded against them, and importing another year). A sealed workshop shows
// the register but every form is disabled: the core would refuse the write anyway.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { LoadingSection, Tabs, useAction, type Say } from '../../kit';
import { ApiError, invoke } from '../../transport';
import { base64ToBlob, download } from '../attendance/PrintTab';
import { useLiveData } from '../../useLiveData';
import type { Project } from './entries';
import { ProjectsTab } from './ProjectsTab';
import { Timeline, type UndoneLink } from './Timeline';
import { YearsTab } from './YearsTab';
import './followup.css';

const TABS = ['projects', 'years'] as const;
type Tab = (typeof TABS)[number];

interface Props {
  workshop: WorkshopState;
  onChain: (c: ChainStatus) => void;
}

/** What a write did, worded when drawn (its failure is the action's). */
export type Message = { say: Say } | null;

export function FollowupScreen({ workshop, onChain }: Props) {
  const { t, lang, errorText } = useI18n();
  const { workshopId, sealed, setup } = workshop;
  const load = useCallback(() => invoke('followup:get', { workshopId }), [workshopId]);
  const { data, error, applied } = useLiveData(load, onChain);
  const [tab, setTab] = useState<Tab | null>(null);
  const [openKey, setOpenKey] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const action = useAction();
  const { busy, run } = action;
  const [needSector, setNeedSector] = useState<{ project: Project; sector: string } | null>(null);
  const [sectorId, setSectorId] = useState('');
  const [lastOpen, setLastOpen] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  // A write's outcome is shown at the top: bring it into view from wherever the button was.
  useEffect(() => {
    if (message || action.error || needSector)
      messageRef.current?.scrollIntoView({ block: 'nearest' });
  }, [message, action.error, needSector]);
  // A history opens at its top, not where the list was scrolled to.
  useEffect(() => {
    if (openKey) window.scrollTo({ top: 0 });
  }, [openKey]);

  const carry = useCallback(
    async (project: Project, sector: string | null) => {
      setMessage(null);
      // A project with no sector of this workshop asks for one instead of failing.
      const r = await run(async () => {
        try {
          return await applied(
            await invoke('followup:carry', {
              workshopId,
              projectKey: project.key,
              sectorId: sector,
            }),
          );
        } catch (e) {
          if (!(e instanceof ApiError) || e.envelope.key !== 'followup.error.noSector') throw e;
          setSectorId(setup.sectors[0]?.id ?? '');
          setNeedSector({ project, sector: String(e.envelope.params['sector'] ?? '') });
          return null;
        }
      });
      if (!r.ok || !r.value) return;
      setNeedSector(null);
      const params = { title: project.title, code: r.value.proposal.code };
      setMessage({ say: (w) => w.t('followup.carry.done', params) });
    },
    [applied, run, workshopId, setup.sectors],
  );

  const setLink = useCallback(
    async (link: UndoneLink, linked: boolean) => {
      setMessage(null);
      const r = await run(async () =>
        applied(await invoke('followup:setLink', { workshopId, a: link.a, b: link.b, linked })),
      );
      if (!r.ok) return;
      const key = linked ? 'followup.link.relinked' : 'followup.link.unlinked';
      setMessage({ say: (w) => w.t(key, { a: link.labelA, b: link.labelB }) });
    },
    [applied, run, workshopId],
  );

  // The register printed for the oversight committee: signed when this computer has an unprotected key.
  const print = async () => {
    setMessage(null);
    const out = await run(() =>
      invoke('followup:reportPdf', { workshopId, lang, passphrase: null }),
    );
    if (!out.ok) return;
    const r = out.value;
    download(r.fileName, base64ToBlob(r.base64, 'application/pdf'));
    const key = r.signed ? 'followup.print.doneSigned' : 'followup.print.doneUnsigned';
    const params = { file: r.fileName, key: r.keyFingerprint ?? '' };
    setMessage({ say: (w) => w.t(key, params) });
  };

  if (!data) return <LoadingSection heading={t('followup.screen.heading')} error={error} />;

  // An empty register opens on the years (to import one); after that the tab stays where it is.
  const current: Tab = tab ?? (data.minutes.length === 0 ? 'years' : 'projects');
  if (tab === null) setTab(current);
  const open = openKey
    ? (data.projects.find((p) => p.key === openKey || p.refs.includes(openKey)) ?? null)
    : null;

  return (
    <section className="followup" data-testid="followup-screen">
      <div className="screen-head">
        <h1>{t('followup.screen.heading')}</h1>
        <p className="muted small counts-line" data-testid="followup-years-line">
          {data.minutes.length === 0
            ? t('followup.screen.noYears')
            : t('followup.screen.yearsLine', {
                years: data.minutes.map((m) => m.fiscalYear).join(', '),
                own: data.fiscalYear,
              })}
        </p>
        {data.minutes.length > 0 && (
          <button
            type="button"
            onClick={() => void print()}
            disabled={busy}
            data-testid="followup-print"
          >
            {t('followup.print.button')}
          </button>
        )}
      </div>
      <p className="lead">{t('followup.screen.lead')}</p>
      {sealed && (
        <div className="banner warn" data-testid="followup-sealed">
          {t('followup.screen.sealed')}
        </div>
      )}
      {data.broken.length > 0 && (
        <div className="banner error" role="alert" data-testid="followup-broken">
          {t('followup.screen.broken', { files: data.broken.join(', ') })}
        </div>
      )}
      <div ref={messageRef} className="fu-message-anchor" />
      {action.error ? (
        <div className="banner error" role="alert" data-testid="followup-message">
          {action.error}
        </div>
      ) : (
        message && (
          <div className="banner ok" role="status" data-testid="followup-message">
            {message.say({ t, errorText })}
          </div>
        )
      )}
      {needSector && (
        <div
          className="banner warn followup-sector"
          role="alert"
          data-testid="followup-need-sector"
        >
          <p>{t('followup.error.noSector', { sector: needSector.sector })}</p>
          <div className="inline-form">
            <label className="grow">
              {t('followup.carry.sector')}
              <select
                value={sectorId}
                onChange={(e) => setSectorId(e.target.value)}
                data-testid="followup-sector"
              >
                {setup.sectors.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="primary"
              disabled={busy || !sectorId}
              onClick={() => void carry(needSector.project, sectorId)}
            >
              {t('followup.carry.button')}
            </button>
            <button type="button" onClick={() => setNeedSector(null)}>
              {t('followup.common.cancel')}
            </button>
          </div>
        </div>
      )}
      <Tabs
        tabs={TABS}
        selected={current}
        onSelect={(x) => {
          setTab(x);
          setOpenKey(null);
        }}
        label={(x) =>
          t(`followup.tab.${x}`, {
            count: x === 'projects' ? data.projects.length : data.minutes.length,
          })
        }
      />
      {current === 'projects' &&
        (open ? (
          <Timeline
            workshopId={workshopId}
            project={open}
            ownYear={data.fiscalYear}
            readOnly={sealed}
            busy={busy}
            undone={data.separated}
            applied={applied}
            onBack={() => {
              setLastOpen(open.key);
              setOpenKey(null);
            }}
            onCarry={(p) => void carry(p, null)}
            onSetLink={(l, linked) => void setLink(l, linked)}
          />
        ) : (
          <ProjectsTab
            register={data}
            readOnly={sealed}
            busy={busy}
            onOpen={(p) => {
              setMessage(null);
              action.clear();
              setOpenKey(p.key);
            }}
            onCarry={(p) => void carry(p, null)}
            onImport={() => setTab('years')}
            focusKey={lastOpen}
          />
        ))}
      {current === 'years' && (
        <YearsTab workshopId={workshopId} register={data} readOnly={sealed} applied={applied} />
      )}
    </section>
  );
}
