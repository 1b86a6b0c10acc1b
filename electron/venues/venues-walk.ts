// Applying the new events of several devices at once, in causal order (issue 20, item 5).
// A file may bring its own new events and those of siblings it carries. An event of a chain
// that is an applied copy of a sibling's event (linksIn) is not applied again: instead the
// sibling's own events up to that one are applied first, so what the laptop did after it saw
// them (the desk's counts, after the door's check-ins) finds them here too.
import type { Db } from '../platform/db';
import type { DeviceEventRow } from './venues';
import { type Applied, applyEvents } from './venues-apply';
import type { CopyLink } from './venues-siblings';

/** The first event of a pair the merge applies as one (venues-apply.ts). */
const PAIRED = new Set(['registry.walkInRegistered', 'voting.voterMarked']);

/**
 * Apply `fresh` (new events per device, in seq order, already stored in device_event).
 * `links` are the applied copies by `kit|seq`; `self` is this file's own kit (a copy of our
 * own events is never applied: they are ours). Returns what each device's events gave.
 */
export function applyCausally(
  db: Db,
  fresh: Map<string, DeviceEventRow[]>,
  links: Map<string, CopyLink>,
  self: string | null,
): Map<string, Applied> {
  const pos = new Map<string, number>();
  const out = new Map<string, Applied>();
  const add = (kit: string, a: Applied) => {
    const cur = out.get(kit) ?? { applied: 0, held: [] };
    cur.applied += a.applied;
    cur.held.push(...a.held);
    out.set(kit, cur);
  };
  const runTo = (kit: string, upTo: number): void => {
    const list = fresh.get(kit);
    if (!list || kit === self) return;
    let i = pos.get(kit) ?? 0;
    while (i < list.length && (list[i] as DeviceEventRow).seq <= upTo) {
      const start = i;
      const isLink = (k: number) => links.has(`${kit}|${(list[k] as DeviceEventRow).seq}`);
      while (i < list.length && (list[i] as DeviceEventRow).seq <= upTo && !isLink(i)) i++;
      // A walk-in and its check-in (a voter mark and its ballot) go together.
      if (
        i > start &&
        i < list.length &&
        PAIRED.has((list[i - 1] as DeviceEventRow).type) &&
        !isLink(i)
      )
        i++;
      if (i > start) {
        pos.set(kit, i);
        add(kit, applyEvents(db, kit, list.slice(start, i)));
      }
      if (i < list.length && (list[i] as DeviceEventRow).seq <= upTo && isLink(i)) {
        const l = links.get(`${kit}|${(list[i] as DeviceEventRow).seq}`) as CopyLink;
        i++;
        pos.set(kit, i);
        runTo(l.kitId, l.seq);
      }
    }
    pos.set(kit, i);
  };
  for (const kit of [...fresh.keys()].sort()) runTo(kit, Number.MAX_SAFE_INTEGER);
  return out;
}
