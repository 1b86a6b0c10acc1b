// The seal warnings confirmed when sealing, as a reader holding only the PDF can read them
// (stop 32): the signed payload keeps their ids (`sealWarningsConfirmed`); each is named here
// by its kind and the round, venue, kit or day it concerns, taken from the same payload. The
// full words of each warning need the workshop file (`minka check` prints them).
import { formatDate } from '../format';
import type { MinutesPayload } from './payload';

export interface Line {
  key: string;
  params: Record<string, string | number>;
}

/** Each kind of id (seal-warnings.ts, acta-lang.ts) and what follows its first colon. */
const KINDS: Record<string, 'round' | 'venue' | 'kit' | 'lang' | null> = {
  committeeEmpty: null,
  clockBackwards: null,
  setupAfterClose: null,
  lateRuling: 'round',
  countsRuled: 'round',
  ballotsJoined: 'round',
  unclosedDesk: 'round',
  heldDesk: 'round',
  roundDayOffClock: 'round',
  roundOpen: 'round',
  clockOutsideKit: 'kit',
  kitNotReturned: 'kit',
  venueDateMoved: 'venue',
  checkInDayOffClock: 'venue',
  checkInEve: 'venue', // then the day: checkInEve:VENUE:DAY
  actaLang: 'lang',
};

/** One line per confirmed warning; [] when none was; null when the Acta predates the list. */
export function confirmedAtSealLines(p: MinutesPayload): Line[] | null {
  const ids = p.sealWarningsConfirmed;
  if (ids === undefined) return null;
  const name = {
    round: (id: string) => p.rounds.find((r) => r.id === id)?.title ?? id,
    venue: (id: string) => p.venues.find((v) => v.id === id)?.name ?? id,
    kit: (id: string) => id.slice(0, 8),
    lang: (id: string) => id,
  };
  return ids.map((full) => {
    const [kind = '', a = '', b = ''] = full.split(':');
    const of = Object.hasOwn(KINDS, kind) ? KINDS[kind] : undefined;
    if (of === undefined) return { key: 'minutes.confirmedAtSeal.other', params: { id: full } };
    const params: Record<string, string> = of ? { name: name[of](a) } : {};
    if (kind === 'checkInEve') params['day'] = /^\d{4}-\d{2}-\d{2}$/.test(b) ? formatDate(b) : b;
    return { key: `minutes.confirmedAtSeal.${kind}`, params };
  });
}
