import { useCallback, useEffect, useState } from 'react';
import type { ChainStatus } from '../../shared/schemas/workshop';

/**
 * Data of the open workshop, loaded once and kept current after each write. `load` must be
 * stable (useCallback); `applied` takes a write's answer: the new chain head goes to the top
 * bar, then the data is refreshed.
 */
export function useLiveData<T>(load: () => Promise<T>, onChain: (c: ChainStatus) => void) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await load());
    } catch (e) {
      setError(e);
    }
  }, [load]);
  useEffect(() => {
    let live = true;
    load()
      .then((d) => live && setData(d))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [load]);
  const applied = useCallback(
    async <V>(r: { value: V; chain: ChainStatus }): Promise<V> => {
      onChain(r.chain);
      await reload();
      return r.value;
    },
    [onChain, reload],
  );
  return { data, setData, error, reload, applied };
}
