// What every feature's handler file shares: the handler map's type and the write wrapper.
import type { Channel, Output, ParsedInput } from '../../shared/api';
import type { ChainStatus } from '../../shared/schemas/workshop';
import { chainStatus } from '../store/events';
import type { Core, OpenWorkshop } from './core';

/** One handler per channel of a feature; a missing or misspelt channel is a compile error. */
export type HandlersFor<K extends Channel> = {
  [C in K]: (input: ParsedInput<C>, core: Core) => Output<C> | Promise<Output<C>>;
};

/** Run a write against an open, unsealed workshop and answer with the new chain head. */
export function write<T>(
  core: Core,
  workshopId: string,
  fn: (w: OpenWorkshop) => T,
): { value: T; chain: ChainStatus } {
  const w = core.writable(workshopId);
  const value = fn(w);
  return { value, chain: chainStatus(w.db) };
}
