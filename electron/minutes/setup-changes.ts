// MINUTES_LAYOUT 8 (adv28 F2, F3): every save of the workshop's setup logged after the official
// round closed, field by field, before → after, with who and when. The deciding fields already
// need a reopening and are compared in the basis (envelope, rule, tie-break, sector split); the
// others (time zone, fiscal year, municipality, title, venues, sectors, quorum…) did not, and
// were signed into the Acta unnamed: a zone changed after the close moved every date printed, a
// fiscal year changed after it filed the Acta under another year. Read from the log by sequence,
// not by clock, so `minka check` rebuilds the same and a back-dated save is still after the
// close. A seal warning (seal-warnings.ts, `setupAfterClose`) and lines in the Acta's basis.
import { DEFAULT_TIME_ZONE, formatDate } from '../../shared/format';
import type { MinutesBasis } from '../../shared/minutes/payload-basis';
import type { Db } from '../platform/db';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';

type Setup = Record<string, unknown>;

/**
 * The setup fields compared, in the order the Acta names them: all but the basis's parameters
 * (envelopeCents, selectionRule, tieBreak, sectorSplit), which its own line compares.
 */
export const SETUP_FIELDS = [
  'municipality',
  'ubigeo',
  'fiscalYear',
  'title',
  'timeZone',
  'venues',
  'sectors',
  'quorum',
  'voteRule',
  'minNoticeDays',
  'representativesPublic',
] as const;

export type SetupSaves = NonNullable<MinutesBasis['setupChanges']>;

const cut = (s: string) => (s.length > 120 ? `${s.slice(0, 119)}…` : s);

/** One field as the payload keeps it: a plain string the drawing words (keys stay keys). */
function shown(field: (typeof SETUP_FIELDS)[number], s: Setup): string {
  const v = s[field];
  switch (field) {
    // The event leaves out defaults (setupPayload in workshop.ts).
    case 'timeZone':
      return typeof v === 'string' ? v : DEFAULT_TIME_ZONE;
    case 'representativesPublic':
      return v === true ? 'true' : 'false';
    case 'venues':
      return cut(
        ((v ?? []) as { name?: string; place?: string; date?: string }[])
          .map(
            (x) =>
              `${x.name ?? ''} (${x.date ? formatDate(x.date) : '—'}${x.place ? `, ${x.place}` : ''})`,
          )
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
      return typeof v === 'string' || typeof v === 'number' ? cut(String(v)) : '';
  }
}

/** The log's sequence of the round's (last) close, null when none is logged. */
export function closeSeqOf(db: Db, roundId: string): number | null {
  return db
    .prepare("SELECT max(seq) FROM event WHERE type = ? AND json_extract(payload, '$.id') = ?")
    .pluck()
    .get(ROUND_CLOSED_EVENT, roundId) as number | null;
}

/** The setup's saves after the log's `closeSeq`, each with the fields it changed (oldest first). */
export function setupSavesAfter(db: Db, closeSeq: number): SetupSaves {
  const rows = db
    .prepare(
      "SELECT seq, at, actor, type, payload FROM event WHERE type IN ('workshop.created', 'workshop.setupSaved') ORDER BY seq",
    )
    .all() as { seq: number; at: string; actor: string; type: string; payload: string }[];
  const saves: SetupSaves = [];
  let prev: Setup | null = null;
  for (const r of rows) {
    const body = JSON.parse(r.payload) as Setup & { setup?: Setup };
    const now: Setup = r.type === 'workshop.created' ? (body.setup ?? {}) : body;
    if (prev && r.seq > closeSeq) {
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
  return saves;
}
