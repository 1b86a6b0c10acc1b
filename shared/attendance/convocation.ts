import type { StoredWorkshopSetup } from '../schemas/workshop';

/** Whole days between the day an invitation was sent and the workshop's first day. */
export function noticeDays(sentOn: string, workshopDate: string): number {
  return Math.round(
    (Date.parse(`${workshopDate}T00:00:00Z`) - Date.parse(`${sentOn}T00:00:00Z`)) / 86_400_000,
  );
}

/** The first day of the workshop across its venues, or null before venues are set. */
export function firstWorkshopDay(setup: Pick<StoredWorkshopSetup, 'venues'>): string | null {
  const days = setup.venues.map((v) => v.date).sort();
  return days[0] ?? null;
}

export function isLate(
  sentOn: string,
  setup: Pick<StoredWorkshopSetup, 'venues' | 'minNoticeDays'>,
): boolean {
  const first = firstWorkshopDay(setup);
  return first !== null && noticeDays(sentOn, first) < setup.minNoticeDays;
}
