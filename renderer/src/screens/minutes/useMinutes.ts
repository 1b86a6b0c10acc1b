import { useCallback } from 'react';
import type { Output } from '../../../../shared/api';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { invoke } from '../../transport';
import { useLiveData } from '../../useLiveData';

export type MinutesData = Output<'minutes:get'>;

/** Agreements, committee, closing remarks and the seal of the open workshop, kept current after each write. */
export function useMinutes(workshopId: string, onChain: (c: ChainStatus) => void) {
  const load = useCallback(() => invoke('minutes:get', { workshopId }), [workshopId]);
  const { data, error, reload, applied } = useLiveData(load, onChain);
  return { data, error, reload, applied };
}
