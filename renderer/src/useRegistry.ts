import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Output } from '../../shared/api';
import type { ChainStatus } from '../../shared/schemas/workshop';
import { invoke } from './transport';

export type RegistryData = Output<'registry:get'>;

/** The registry and check-ins of the open workshop, loaded once and kept current after each write. */
export function useRegistry(workshopId: string, onChain: (c: ChainStatus) => void) {
  const [data, setData] = useState<RegistryData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await invoke('registry:get', { workshopId }));
    } catch (e) {
      setError(e);
    }
  }, [workshopId]);
  useEffect(() => {
    let live = true;
    invoke('registry:get', { workshopId })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [workshopId]);
  /** Apply a write's answer: the new chain head goes to the top bar, then the data is refreshed. */
  const applied = useCallback(
    async <T,>(r: { value: T; chain: ChainStatus }): Promise<T> => {
      onChain(r.chain);
      await reload();
      return r.value;
    },
    [onChain, reload],
  );
  const maps = useMemo(() => {
    if (!data) return null;
    return { orgById: new Map(data.organizations.map((o) => [o.id, o])), personById: new Map(data.participants.map((p) => [p.id, p])) };
  }, [data]);
  return { data, maps, error, reload, applied, setData };
}
