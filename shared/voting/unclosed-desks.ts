// `minka check`'s and the record screen's lines for ballot-round laptops that marked voters and
// never closed the round (adv30b F4, electron/venues/venues-unclosed.ts): heading first.
import type { UnclosedDesk } from '../schemas/check';

export const unclosedDeskParams = (d: UnclosedDesk) => ({
  title: d.title,
  venue: d.venue,
  kit: d.kit,
  count: d.voters,
  papers: d.papers,
});

export function unclosedDeskLines(
  desks: readonly UnclosedDesk[] | undefined,
): { key: string; params: Record<string, string | number> }[] {
  if (!desks?.length) return [];
  return [
    { key: 'check.unclosedDesks.heading', params: { count: desks.length } },
    ...desks.map((d) => ({
      key: d.held ? 'check.unclosedDesks.heldDesk' : 'check.unclosedDesks.desk',
      params: unclosedDeskParams(d),
    })),
    { key: 'check.unclosedDesks.note', params: {} },
  ];
}
