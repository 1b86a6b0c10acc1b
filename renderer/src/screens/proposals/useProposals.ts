import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { invoke } from '../../transport';

export type ProposalsData = Output<'proposals:get'>;

/** The proposals, decisions and matters of the open workshop, kept current after each write. */
export function useProposals(workshopId: string, onChain: (c: ChainStatus) => void) {
  const [data, setData] = useState<ProposalsData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await invoke('proposals:get', { workshopId }));
    } catch (e) {
      setError(e);
    }
  }, [workshopId]);
  useEffect(() => {
    let live = true;
    invoke('proposals:get', { workshopId })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [workshopId]);
  /** Apply a write's answer: the new chain head goes to the top bar, then the data is refreshed. */
  const applied = useCallback(
    async <T>(r: { value: T; chain: ChainStatus }): Promise<T> => {
      onChain(r.chain);
      await reload();
      return r.value;
    },
    [onChain, reload],
  );
  return { data, error, reload, applied };
}
