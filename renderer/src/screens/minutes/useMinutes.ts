import { useCallback, useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { invoke } from '../../transport';

export type MinutesData = Output<'minutes:get'>;

/** Agreements, committee, closing remarks and the seal of the open workshop, kept current after each write. */
export function useMinutes(workshopId: string, onChain: (c: ChainStatus) => void) {
  const [data, setData] = useState<MinutesData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await invoke('minutes:get', { workshopId }));
    } catch (e) {
      setError(e);
    }
  }, [workshopId]);
  useEffect(() => {
    let live = true;
    invoke('minutes:get', { workshopId })
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [workshopId]);
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
