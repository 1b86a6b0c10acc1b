// What every feature's handler file shares: the handler map's type and the write wrapper.
import type { Channel, Output, ParsedInput } from '../../shared/api';
import type { ChainStatus } from '../../shared/schemas/workshop';
import { chainStatus } from './events';
import { immediate } from './statements';
import type { CoreApi, OpenWorkshop } from './core-api';

/**
 * One handler per channel of a feature; a missing or misspelt channel is a compile error.
 * A handler sees the core through CoreApi (or a feature's extension of it), never the class.
 */
export type HandlersFor<K extends Channel, C extends CoreApi = CoreApi> = {
  [C2 in K]: (input: ParsedInput<C2>, core: C) => Output<C2> | Promise<Output<C2>>;
};

/** Run a write against an open, unsealed workshop and answer with the new chain head. */
export function write<T>(
  core: CoreApi,
  workshopId: string,
  fn: (w: OpenWorkshop) => T,
): { value: T; chain: ChainStatus } {
  const w = core.writable(workshopId);
  const value = fn(w);
  return { value, chain: chainStatus(w.db) };
}

/**
 * `write` as one transaction: the sealed check, `fn`'s own refusals and writes (its
 * transactions become savepoints) and the chain head read back, under one BEGIN IMMEDIATE.
 * For the door's writes (issue 18): the reads before and after a check-in took a WAL read
 * lock each, one of them after the commit's fsync; and nothing can seal the file between
 * the check and the write.
 */
export function writeInOne<T>(
  core: CoreApi,
  workshopId: string,
  fn: (w: OpenWorkshop) => T,
): { value: T; chain: ChainStatus } {
  const { db } = core.get(workshopId);
  return immediate(db, () => write(core, workshopId, fn));
}
