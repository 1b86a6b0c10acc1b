import { useCallback } from 'react';
import type { Output } from '../../../../shared/api';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { invoke } from '../../transport';
import { useLiveData } from '../../useLiveData';

export type ProposalsData = Output<'proposals:get'>;

/** The proposals, decisions and matters of the open workshop, kept current after each write. */
export function useProposals(workshopId: string, onChain: (c: ChainStatus) => void) {
  const load = useCallback(() => invoke('proposals:get', { workshopId }), [workshopId]);
  const { data, error, reload, applied } = useLiveData(load, onChain);
  return { data, error, reload, applied };
}
