import { useCallback, useMemo, useState } from 'react';
import { formatSoles } from '../../../../shared/format';
import type {
  Admissibility,
  MatterInput,
  Proposal,
  ProposalInput,
  RejectionReason,
} from '../../../../shared/schemas/proposals';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { useRegistry } from '../../useRegistry';
import { MattersPanel } from './MattersPanel';
import { ProposalForm } from './ProposalForm';
import { CarriedHistory } from '../followup/CarriedHistory';
import '../followup/followup.css';
import { ProposalList, RejectedList, type ListContext } from './ProposalList';
import { useProposals } from './useProposals';
import './proposals.css';
import {
  errorNotice,
  LoadingSection,
  okNotice,
  say,
  thrownNotice,
  wordNotice,
  type Notice,
  type Say,
  type Wording,
} from '../../kit';

interface Props {
  workshop: WorkshopState;
  onChain: (c: ChainStatus) => void;
}

/** Proposals intake beside the list, admissibility review, the rejected section and matters raised. */
export function ProposalsScreen({ workshop, onChain }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { workshopId, setup, sealed } = workshop;
  const { data, error, applied } = useProposals(workshopId, onChain);
  const registry = useRegistry(workshopId, onChain);
  const [editing, setEditing] = useState<Proposal | null>(null);
  const [filter, setFilter] = useState('');
  const [sectorFilter, setSectorFilter] = useState('');
  const [stateFilter, setStateFilter] = useState<Admissibility | ''>('');
  const [communityFilter, setCommunityFilter] = useState('');
  // Kept as what happened, worded when drawn: it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const message = wordNotice(notice, i18n);

  const act = useCallback(async (fn: () => Promise<Say>) => {
    try {
      setNotice(okNotice(await fn()));
      return true;
    } catch (e) {
      setNotice(thrownNotice(e));
      return false;
    }
  }, []);

  const ctx = useMemo<ListContext | null>(() => {
    if (!data) return null;
    const sectors = new Map(setup.sectors.map((s) => [s.id, s.name]));
    const orgs = new Map((registry.data?.organizations ?? []).map((o) => [o.id, o.name]));
    return {
      sectorName: (id) => sectors.get(id) ?? '',
      orgName: (id) => (id ? (orgs.get(id) ?? '') : ''),
      reviewsOf: (id) => data.reviews.filter((r) => r.proposalId === id),
      readOnly: sealed,
      decide: (
        p: Proposal,
        decision: Admissibility,
        reason: RejectionReason | null,
        explanation: string,
        alsoReasons: RejectionReason[] = [],
      ) =>
        act(async () => {
          await applied(
            await invoke('proposals:review', {
              workshopId,
              review: { proposalId: p.id, decision, reason, alsoReasons, explanation },
            }),
          );
          return (w: Wording) =>
            w.t('proposals.reviewed', {
              code: p.code,
              status: w.t(`proposals.status.${decision}`),
            });
        }),
    };
  }, [data, setup.sectors, registry.data, sealed, act, applied, workshopId]);

  if (!data || !ctx) return <LoadingSection heading={t('proposals.heading')} error={error} />;

  const save = (proposal: ProposalInput) =>
    act(async () => {
      const p = await applied(await invoke('proposals:save', { workshopId, proposal }));
      setEditing(null);
      return say('proposals.saved', { code: p.code });
    });
  const addMatter = (matter: MatterInput) =>
    act(async () => {
      await applied(await invoke('proposals:addMatter', { workshopId, matter }));
      return say('proposals.matters.saved');
    });

  const q = filter.trim().toLocaleLowerCase('es');
  const matches = (p: Proposal) =>
    !q ||
    [p.code, p.title, p.community, ctx.orgName(p.organizationId)].some((s) =>
      s.toLocaleLowerCase('es').includes(q),
    );
  const byFilters = (p: Proposal) =>
    (!sectorFilter || p.sectorId === sectorFilter) &&
    (!stateFilter || p.status === stateFilter) &&
    (!communityFilter || p.community === communityFilter);
  const open = data.proposals.filter((p) => p.status !== 'rejected' && matches(p) && byFilters(p));
  const rejected = data.proposals.filter((p) => p.status === 'rejected' && byFilters(p));
  const filtering = Boolean(sectorFilter || stateFilter || communityFilter || q);
  const communities = [...new Set(data.proposals.map((p) => p.community).filter(Boolean))].sort(
    (a, b) => a.localeCompare(b, 'es'),
  );
  const n = (s: Admissibility) => data.proposals.filter((p) => p.status === s).length;
  const admittedCost = data.proposals
    .filter((p) => p.status === 'admitted')
    .reduce((sum, p) => sum + p.estimatedCostCents, 0);

  return (
    <section className="proposals">
      <div className="screen-head">
        <h1>{t('proposals.heading')}</h1>
        <p className="muted small counts-line" data-testid="proposal-counts">
          {t('proposals.list.counts', {
            total: data.proposals.length,
            admitted: n('admitted'),
            pending: n('pending'),
            rejected: n('rejected'),
          })}
          <br />
          {t('proposals.list.total', { amount: formatSoles(admittedCost) })}
        </p>
      </div>
      {message && (
        <div
          className={`banner ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="proposals-message"
        >
          {message.text}
        </div>
      )}
      <div className="proposals-layout">
        <ProposalForm
          key={editing?.id ?? 'new'}
          setup={setup}
          organizations={registry.data?.organizations ?? []}
          nextCode={data.nextCode}
          editing={editing}
          readOnly={sealed}
          onSave={save}
          onCancelEdit={() => setEditing(null)}
          onProblem={(key, params) => setNotice(errorNotice(key, params))}
          aside={
            editing && (
              <CarriedHistory
                key={`${editing.id}-${editing.updatedAt}`}
                workshopId={workshopId}
                proposalId={editing.id}
              />
            )
          }
        />
        <div className="proposal-list">
          <div className="list-head">
            <h2>{t('proposals.list.heading')}</h2>
            <input
              className="filter"
              aria-label={t('proposals.list.filter')}
              placeholder={t('proposals.list.filter')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <div className="list-filters" data-testid="proposal-filters">
            <select
              name="filterSector"
              aria-label={t('proposals.filter.sector')}
              value={sectorFilter}
              onChange={(e) => setSectorFilter(e.target.value)}
            >
              <option value="">{t('proposals.filter.allSectors')}</option>
              {setup.sectors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
            <select
              name="filterState"
              aria-label={t('proposals.filter.state')}
              value={stateFilter}
              onChange={(e) => setStateFilter(e.target.value as Admissibility | '')}
            >
              <option value="">{t('proposals.filter.allStates')}</option>
              {(['pending', 'admitted', 'rejected'] as const).map((st) => (
                <option key={st} value={st}>
                  {t(`proposals.status.${st}`)}
                </option>
              ))}
            </select>
            <select
              name="filterCommunity"
              aria-label={t('proposals.filter.community')}
              value={communityFilter}
              onChange={(e) => setCommunityFilter(e.target.value)}
            >
              <option value="">{t('proposals.filter.allCommunities')}</option>
              {communities.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            {filtering && (
              <>
                <span className="muted small" data-testid="filter-count">
                  {t('proposals.filter.showing', {
                    shown: open.length + rejected.length,
                    total: data.proposals.length,
                  })}
                </span>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setFilter('');
                    setSectorFilter('');
                    setStateFilter('');
                    setCommunityFilter('');
                  }}
                >
                  {t('proposals.filter.clear')}
                </button>
              </>
            )}
          </div>
          <ProposalList
            proposals={open}
            ctx={ctx}
            editingId={editing?.id ?? null}
            onEdit={setEditing}
          />
        </div>
      </div>
      <RejectedList proposals={rejected} ctx={ctx} />
      <MattersPanel
        matters={data.matters}
        participants={registry.data?.participants ?? []}
        readOnly={sealed}
        onAdd={addMatter}
      />
    </section>
  );
}
