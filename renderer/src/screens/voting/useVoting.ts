import { useCallback, useMemo } from 'react';
import type { Params } from '../../../../shared/i18n';
import type { Round } from '../../../../shared/schemas/voting';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { ApiError, invoke } from '../../transport';
import { useLiveData } from '../../useLiveData';

export interface Item {
  id: string;
  /** Proposal code, or the sector's number. */
  code: string;
  title: string;
  costCents: number | null;
}

/** Rounds and the labels of what is on them, kept current after each write. */
export function useVoting(workshop: WorkshopState, onChain: (c: ChainStatus) => void) {
  const { workshopId } = workshop;
  const load = useCallback(
    () =>
      Promise.all([invoke('voting:list', { workshopId }), invoke('proposals:get', { workshopId })]),
    [workshopId],
  );
  const { data, error, reload, applied } = useLiveData(load, onChain);
  const rounds: Round[] | null = data?.[0].rounds ?? null;
  const proposals = useMemo(() => data?.[1].proposals ?? [], [data]);
  const items = useMemo(() => {
    const m = new Map<string, Item>();
    workshop.setup.sectors.forEach((s, i) =>
      m.set(s.id, { id: s.id, code: String(i + 1), title: s.name, costCents: null }),
    );
    for (const p of proposals)
      m.set(p.id, { id: p.id, code: p.code, title: p.title, costCents: p.estimatedCostCents });
    return m;
  }, [proposals, workshop.setup.sectors]);
  const admitted = useMemo(
    () => proposals.filter((p) => p.status === 'admitted').map((p) => p.id),
    [proposals],
  );
  return { rounds, items, admitted, error, reload, applied };
}

/** Error text that also translates a nested problem key (a .pb line error names its cause). */
export function useVotingErrorText(): (e: unknown) => string {
  const { t, errorText } = useI18n();
  return useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && typeof e.envelope.params['problem'] === 'string') {
        const params: Params = { ...e.envelope.params };
        params['problem'] = t(String(params['problem']), params);
        return t(e.envelope.key, params);
      }
      return errorText(e);
    },
    [t, errorText],
  );
}
