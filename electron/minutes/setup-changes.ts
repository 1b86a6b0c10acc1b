// MINUTES_LAYOUT 8 (adv28 F2, F3): every save of the workshop's setup logged after the first
// round closed, field by field, before → after, with who and when. The deciding fields already
// need a reopening (setup-lock.ts); the others (time zone, fiscal year, municipality, title,
// venues…) did not, and were signed into the Acta unnamed: a zone changed after the close moved
// every date printed, a fiscal year changed after it filed the Acta under another year. Read
// from the log by sequence, not by clock, so `minka check` rebuilds the same and a back-dated
// save is still after the close. A seal warning (seal-warnings.ts) and lines on page 1.
import { formatDate } from '../../shared/format';
import type { MinutesSetupChanges } from '../../shared/minutes/payload-basis';
import { DEFAULT_TIME_ZONE } from '../../shared/format';
import type { Db } from '../platform/db';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';

type Setup = Record<string, unknown>;

/** The setup fields compared, in the order the Acta names them. */
export const SETUP_FIELDS = [
  'municipality',
  'ubigeo',
  'fiscalYear',
  'title',
  'timeZone',
  'envelopeCents',
  'venues',
  'sectors',
  'quorum',
  'voteRule',
  'tieBreak',
  'selectionRule',
  'sectorSplit',
  'minNoticeDays',
  'representativesPublic',
] as const;

const cut = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

/** One field as the payload keeps it: a plain string the drawing words (keys stay keys). */
function shown(field: (typeof SETUP_FIELDS)[number], s: Setup): string {
  const v = s[field];
  switch (field) {
    // The event leaves out defaults (setupPayload in workshop.ts).
    case 'timeZone':
      return typeof v === 'string' ? v : DEFAULT_TIME_ZONE;
    case 'sectorSplit':
    case 'representativesPublic':
      return v === true ? 'true' : 'false';
    case 'selectionRule':
      return typeof v === 'string' ? v : 'greedy';
    case 'venues':
      return cut(
        ((v ?? []) as { name?: string; place?: string; date?: string }[])
          .map((x) => `${x.name ?? ''} (${x.date ? formatDate(x.date) : '—'}${x.place ? `, ${x.place}` : ''})`)
          .join('; '),
      );
    case 'sectors':
      return cut(((v ?? []) as { name?: string }[]).map((x) => x.name ?? '').join(', '));
    case 'quorum': {
      const q = (v ?? { kind: 'none' }) as { kind: string; percent?: number; count?: number };
      return q.kind === 'percent'
        ? `percent:${q.percent ?? 0}`
        : q.kind === 'minimum'
          ? `minimum:${q.count ?? 0}`
          : 'none';
    }
    default:
      return v === undefined || v === null ? '' : cut(String(v));
  }
}

/** The setup saves after the first close (by log order), each with the fields it changed; null when none. */
export function setupChangesSinceClose(db: Db): MinutesSetupChanges | null {
  const close = db
    .prepare('SELECT seq, at, payload FROM event WHERE type = ? ORDER BY seq LIMIT 1')
    .get(ROUND_CLOSED_EVENT) as { seq: number; at: string; payload: string } | undefined;
  if (!close) return null;
  const rows = db
    .prepare(
      "SELECT seq, at, actor, type, payload FROM event WHERE type IN ('workshop.created', 'workshop.setupSaved') ORDER BY seq",
    )
    .all() as { seq: number; at: string; actor: string; type: string; payload: string }[];
  const saves: MinutesSetupChanges['saves'] = [];
  let prev: Setup | null = null;
  for (const r of rows) {
    const body = JSON.parse(r.payload) as Setup & { setup?: Setup };
    const now: Setup = r.type === 'workshop.created' ? (body.setup ?? {}) : body;
    if (prev && r.seq > close.seq) {
      const before = prev;
      const changes = SETUP_FIELDS.flatMap((field) => {
        const a = shown(field, before);
        const b = shown(field, now);
        return a === b ? [] : [{ field, before: a, after: b }];
      });
      if (changes.length) saves.push({ at: r.at, by: r.actor, changes });
    }
    prev = now;
  }
  if (!saves.length) return null;
  const closed = JSON.parse(close.payload) as { id?: string };
  const title =
    (db
      .prepare('SELECT title FROM voting_round WHERE id = ?')
      .pluck()
      .get(closed.id ?? '') as string | undefined) ?? '';
  return { roundTitle: title, closedAt: close.at, saves };
}
