import { useCallback, useMemo } from 'react';
import type { Output } from '../../shared/api';
import type { ChainStatus } from '../../shared/schemas/workshop';
import { invoke } from './transport';
import { useLiveData } from './useLiveData';

export type RegistryData = Output<'registry:get'>;

/** The registry and check-ins of the open workshop, loaded once and kept current after each write. */
export function useRegistry(workshopId: string, onChain: (c: ChainStatus) => void) {
  const load = useCallback(() => invoke('registry:get', { workshopId }), [workshopId]);
  const { data, error, reload, applied, setData } = useLiveData(load, onChain);
  const maps = useMemo(() => {
    if (!data) return null;
    return {
      orgById: new Map(data.organizations.map((o) => [o.id, o])),
      personById: new Map(data.participants.map((p) => [p.id, p])),
    };
  }, [data]);
  return { data, maps, error, reload, applied, setData };
}
