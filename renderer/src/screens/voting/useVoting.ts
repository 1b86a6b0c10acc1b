import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Params } from '../../../../shared/i18n';
import type { Round } from '../../../../shared/schemas/voting';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { ApiError, invoke } from '../../transport';

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
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [proposals, setProposals] = useState<
    { id: string; code: string; title: string; estimatedCostCents: number; status: string }[]
  >([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    () =>
      Promise.all([invoke('voting:list', { workshopId }), invoke('proposals:get', { workshopId })]),
    [workshopId],
  );
  const reload = useCallback(async () => {
    try {
      const [r, p] = await load();
      setRounds(r.rounds);
      setProposals(p.proposals);
    } catch (e) {
      setError(e);
    }
  }, [load]);
  useEffect(() => {
    let live = true;
    load()
      .then(([r, p]) => {
        if (!live) return;
        setRounds(r.rounds);
        setProposals(p.proposals);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [load]);
  const applied = useCallback(
    async <T>(r: { value: T; chain: ChainStatus }): Promise<T> => {
      onChain(r.chain);
      await reload();
      return r.value;
    },
    [onChain, reload],
  );
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
