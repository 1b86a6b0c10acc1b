import { DEFAULT_TIME_ZONE } from '../../../shared/format';
import type { MinutesPayload } from '../../../shared/minutes/payload';

/** The zone the Acta prints every date in: the signed one, so a redraw prints the same days. */
export function zoneOf(p: Pick<MinutesPayload, 'render'>): string {
  return p.render?.timeZone ?? DEFAULT_TIME_ZONE;
}
