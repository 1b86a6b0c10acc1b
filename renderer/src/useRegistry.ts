import { useCallback, useMemo } from 'react';
import type { Output } from '../../shared/api';
import {
  applyAttendanceChange,
  type AttendanceChange,
} from '../../shared/attendance/registry-update';
import type { AttendanceRecord, Participant } from '../../shared/schemas/attendance';
import type { ChainStatus } from '../../shared/schemas/workshop';
import { invoke } from './transport';
import { useLiveData } from './useLiveData';

export type RegistryData = Output<'registry:get'>;

/** The registry and check-ins of the open workshop, loaded once and kept current after each write. */
export function useRegistry(workshopId: string, onChain: (c: ChainStatus) => void) {
  const load = useCallback(() => invoke('registry:get', { workshopId }), [workshopId]);
  const { data, error, reload, applied, setData } = useLiveData(load, onChain);
  const organizations = data?.organizations;
  const participants = data?.participants;
  // Keyed on the people and organisations, not the whole answer: a check-in leaves them as they are.
  const maps = useMemo(() => {
    if (!organizations || !participants) return null;
    return {
      orgById: new Map(organizations.map((o) => [o.id, o])),
      personById: new Map(participants.map((p) => [p.id, p])),
    };
  }, [organizations, participants]);

  /**
   * A door write's answer applied in place (issue 18): the record (and a walk-in's person)
   * replace or join what is held; the registry is loaded again only when the chain shows
   * another write in between. `events` is how many events this kind of write appends.
   */
  const appliedAttendance = useCallback(
    async <V extends AttendanceRecord & { participant?: Participant }>(
      r: { value: V; chain: ChainStatus },
      events: number,
    ): Promise<V> => {
      onChain(r.chain);
      const { participant, ...record } = r.value;
      const change: AttendanceChange = {
        record,
        chain: r.chain,
        events,
        ...(participant ? { participant } : {}),
      };
      let stale = false;
      setData((d) => {
        const next = d ? applyAttendanceChange(d, change) : null;
        if (!next) stale = true;
        return next ?? d;
      });
      if (stale) await reload();
      return r.value;
    },
    [onChain, reload, setData],
  );
  return { data, maps, error, reload, applied, appliedAttendance, setData };
}
