// Applying a venue device's events to the main workshop (issue 20), through the store
// functions the screens use, with the device's own times and ids; what is contested or not
// the workshop's to take from a venue is held (kept in device_event, listed by the merge).
import type { ParticipantInput, SignMethod } from '../../shared/schemas/attendance';
import { MinkaError } from '../platform/errors';
import { checkIn, checkOut, undoCheckIn, walkIn } from '../attendance/attendance';
import type { Db } from '../platform/db';
import { addMatter, saveProposal } from '../proposals/proposals';
import { ROUND_CLOSED_EVENT } from '../voting/round-freeze';
import { cached } from '../platform/statements';
import { openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { enterPaperBallot } from '../voting/paper';
import { castKioskBallot } from '../voting/kiosk';
import { alias, applyKioskClose, type P, replayEnv, s } from './venues-apply-kiosk';
import type { DeviceEventRow, KitRow, KitStatement } from './venues';

export { alias, type P, s };
import { copiedEvents } from './venues-siblings';

const ROUND_TYPES = new Set([
  'voting.roundOpened',
  'voting.countEntered',
  'voting.voterMarked',
  'voting.ballotCast',
  'voting.paperEntered',
  'voting.paperResolved',
  ROUND_CLOSED_EVENT,
]);
const roundOf = (e: DeviceEventRow, p: P): string =>
  e.type === 'voting.roundOpened' || e.type === ROUND_CLOSED_EVENT ? s(p['id']) : s(p['roundId']);

/** Every kit this file knows of: on a venue laptop its own ('self') and its siblings' too. */
function issuedKits(db: Db): (KitRow & { st: KitStatement })[] {
  return (cached(db, 'SELECT * FROM venue_kit ORDER BY id').all() as KitRow[]).map((k) => ({
    ...k,
    st: JSON.parse(k.statement) as KitStatement,
  }));
}

/**
 * The kit whose device may run a round: the one a settled counts conflict chose, else the first
 * (lowest id) kit that carries it. A door laptop prepared without rounds (`rounds: []`) leaves
 * them to the voting desk's kit.
 */
export function roundOwner(db: Db, roundId: string): string | null {
  // A settled ruling on the round's counts names the laptop whose counts stand (adv27).
  const ruled = cached(
    db,
    "SELECT c.settled_choice FROM merge_conflict c JOIN venue_kit k ON k.id = c.settled_choice WHERE c.kind = 'roundCounts' AND c.subject = ? AND c.settled_at IS NOT NULL",
  )
    .pluck()
    .get(roundId) as string | undefined;
  if (ruled) return ruled;
  for (const k of issuedKits(db)) if (k.st.rounds.includes(roundId)) return k.id;
  return null;
}

/** Events of main's own (not applied from a device), as sources of conflicts. */
export function mainOwnEvents(
  db: Db,
  types: string[],
): { seq: number; at: string; type: string; p: P; hash: string }[] {
  const rows = cached(
    db,
    `SELECT e.seq, e.at, e.type, e.payload, e.hash FROM event e
       WHERE e.type IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM applied_event a WHERE a.main_seq = e.seq)
       ORDER BY e.seq`,
  ).all(JSON.stringify(types)) as {
    seq: number;
    at: string;
    type: string;
    payload: string;
    hash: string;
  }[];
  return rows.map((r) => ({ ...r, p: JSON.parse(r.payload) as P }));
}

interface Source {
  /** Kit id, or 'main'. */
  source: string;
  hash: string;
  at: string;
  p: P;
}

/** Every device's last version of each proposal it edited, and main's own edits after that kit. */
export function proposalVersions(db: Db, proposalId: string): Source[] {
  const out = new Map<string, Source>();
  const copies = copiedEvents(db);
  const rows = cached(
    db,
    "SELECT kit_id, seq, at, payload, hash FROM device_event WHERE type = 'proposals.proposalEdited' AND json_extract(payload, '$.id') = ? ORDER BY kit_id, seq",
  ).all(proposalId) as { kit_id: string; seq: number; at: string; payload: string; hash: string }[];
  for (const r of rows.filter((x) => !copies.has(`${x.kit_id}|${x.seq}`)))
    out.set(r.kit_id, { source: r.kit_id, hash: r.hash, at: r.at, p: JSON.parse(r.payload) as P });
  if (out.size > 0) {
    const minBase = Math.min(
      ...issuedKits(db)
        .filter((k) => out.has(k.id))
        .map((k) => k.base_seq + 1),
    );
    for (const e of mainOwnEvents(db, ['proposals.proposalEdited']))
      if (e.seq > minBase && s(e.p['id']) === proposalId)
        out.set('main', { source: 'main', hash: e.hash, at: e.at, p: e.p });
  }
  return [...out.values()];
}

export function proposalInput(p: P): Parameters<typeof saveProposal>[2] {
  return {
    id: s(p['id']),
    code: s(p['code']),
    title: s(p['title']),
    description: s(p['description']),
    sectorId: s(p['sectorId']),
    community: s(p['community']),
    organizationId: (p['organizationId'] as string | null) ?? null,
    estimatedCostCents: Number(p['estimatedCostCents'] ?? 0),
    beneficiaries: Number(p['beneficiaries'] ?? 0),
    beneficiaryUnit:
      (p['beneficiaryUnit'] as 'people' | 'families' | 'students' | undefined) ?? 'people',
    cui: s(p['cui']),
    cofinancingCents: Number(p['cofinancingCents'] ?? 0),
    carriedFrom: s(p['carriedFrom']),
  };
}

export interface Applied {
  applied: number;
  /** `roundId`: the round an event held as another device's belongs to (the report names it). */
  held: { seq: number; type: string; why: string; roundId?: string }[];
}

/**
 * Apply one device's new events (already stored in device_event) to the main tables. `joining`:
 * a ballot round this laptop's ballots are joined into beside other laptops' (venues-ballot-join.ts),
 * whoever runs it; a vote holder another laptop already marked has their ballot counted unmarked.
 */
export function applyEvents(
  db: Db,
  kitId: string,
  events: DeviceEventRow[],
  joining: string | null = null,
  /** While joining, before the close: set the round's box to the laptops' joined box. */
  joinedBox: ((roundId: string) => void) | null = null,
): Applied {
  const out: Applied = { applied: 0, held: [] };
  const parsed = events.map((e) => ({ e, p: JSON.parse(e.payload) as P }));
  // A kit is its venue's (fac28): its door's check-ins, check-outs and undos at another venue
  // (written into its file past the door's refusal) are held, as another venue's rounds are (adv30).
  const ownVenue = cached(db, 'SELECT venue_id FROM venue_kit WHERE id = ?').pluck().get(kitId) as
    string | undefined;
  // A record this workshop does not hold is left to checkOut/undoCheckIn's own refusal.
  const atOtherVenue = (id: string) => {
    const v = cached(db, 'SELECT venue_id FROM attendance WHERE id = ?').pluck().get(id) as
      string | undefined;
    return v !== undefined && v !== ownVenue;
  };
  const lastEdit = new Map<string, string>();
  for (const { e, p } of parsed)
    if (e.type === 'proposals.proposalEdited') lastEdit.set(s(p['id']), e.hash);
  for (let i = 0; i < parsed.length; i++) {
    const { e, p } = parsed[i] as { e: DeviceEventRow; p: P };
    const before =
      (cached(db, 'SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number) + 1;
    const hold = (why: string, roundId?: string) =>
      out.held.push({ seq: e.seq, type: e.type, why, ...(roundId ? { roundId } : {}) });
    let consumed = 0;
    try {
      switch (e.type) {
        case 'venues.deviceAdopted':
          continue;
        case 'registry.walkInRegistered': {
          const next = parsed[i + 1];
          // Only this workshop accredits (adv29): a kit's door registers a new person pending,
          // with voice only; a walk-in written otherwise (the kit's file edited, or its core
          // called around the door) is held with its check-in, never applied as a voter.
          if (p['accreditation'] !== 'pending' || p['voice'] !== 'voiceOnly') {
            hold('walkInAccredited');
            if (next?.e.type === 'attendance.checkedIn' && next.p['participantId'] === p['id']) {
              out.held.push({ seq: next.e.seq, type: next.e.type, why: 'walkInAccredited' });
              i++;
            }
            continue;
          }
          const person = { ...p };
          delete person['createdAt'];
          const existing = s(p['dni'])
            ? (cached(db, 'SELECT id FROM participant WHERE dni = ? AND id <> ?')
                .pluck()
                .get(s(p['dni']), s(p['id'])) as string | undefined)
            : undefined;
          if (next?.e.type !== 'attendance.checkedIn') {
            hold('walkInAlone');
            continue;
          }
          const c = next.p;
          if (s(c['venueId']) !== ownVenue) {
            hold('attendanceOtherVenue');
            out.held.push({ seq: next.e.seq, type: next.e.type, why: 'attendanceOtherVenue' });
            i++;
            continue;
          }
          const ci = {
            venueId: s(c['venueId']),
            day: s(c['day']),
            signMethod: s(c['signMethod']) as SignMethod,
            witness: s(c['witness']),
          };
          if (existing) {
            cached(
              db,
              'INSERT OR IGNORE INTO device_alias (kit_id, from_id, to_id) VALUES (?, ?, ?)',
            ).run(kitId, s(p['id']), existing);
            checkIn(db, replayEnv([next.e.at], [s(c['id'])], next.e.hash), {
              ...ci,
              participantId: existing,
            });
          } else {
            walkIn(
              db,
              replayEnv([e.at, next.e.at], [s(c['id'])], e.hash),
              person as unknown as ParticipantInput,
              ci,
            );
          }
          consumed = 1;
          break;
        }
        case 'attendance.checkedIn':
          if (s(p['venueId']) !== ownVenue) {
            hold('attendanceOtherVenue');
            continue;
          }
          checkIn(db, replayEnv([e.at], [s(p['id'])], e.hash), {
            participantId: alias(db, kitId, p['participantId']) ?? '',
            venueId: s(p['venueId']),
            day: s(p['day']),
            signMethod: s(p['signMethod']) as SignMethod,
            witness: s(p['witness']),
          });
          break;
        case 'attendance.checkedOut':
          if (atOtherVenue(s(p['id']))) {
            hold('attendanceOtherVenue');
            continue;
          }
          checkOut(db, replayEnv([e.at], [], e.hash), s(p['id']));
          break;
        case 'attendance.checkInUndone':
          if (atOtherVenue(s(p['id']))) {
            hold('attendanceOtherVenue');
            continue;
          }
          undoCheckIn(db, replayEnv([e.at], [], e.hash), s(p['id']), s(p['reason']));
          break;
        case 'proposals.proposalAdded':
          saveProposal(db, replayEnv([e.at], [s(p['id'])], e.hash), {
            ...proposalInput(p),
            id: undefined,
          });
          break;
        case 'proposals.proposalEdited': {
          const id = s(p['id']);
          const versions = proposalVersions(db, id);
          if (versions.length > 1) {
            // Contested: the table shows the lowest-hash version until a person settles it.
            const winner = versions.reduce((a, b) => (b.hash < a.hash ? b : a));
            if (winner.source !== kitId || lastEdit.get(id) !== e.hash) {
              hold('proposalContested');
              continue;
            }
          }
          saveProposal(db, replayEnv([e.at], [], e.hash), proposalInput(p));
          break;
        }
        case 'proposals.matterRaised':
          addMatter(db, replayEnv([s(p['raisedAt']) || e.at], [s(p['id'])], e.hash), {
            text: s(p['text']),
            raisedBy: s(p['raisedBy']),
            participantId: alias(db, kitId, p['participantId']),
          });
          break;
        default: {
          if (!ROUND_TYPES.has(e.type)) {
            hold('typeNotMerged');
            continue;
          }
          const roundId = roundOf(e, p);
          if (roundId !== joining && roundOwner(db, roundId) !== kitId) {
            hold('roundNotThisDevice', roundId);
            continue;
          }
          const env = replayEnv([e.at], [], e.hash);
          if (e.type === 'voting.roundOpened') openRound(db, env, roundId);
          else if (e.type === ROUND_CLOSED_EVENT) {
            const n = applyKioskClose(db, kitId, roundId, p, env, joining, joinedBox);
            if (n === null) {
              hold('kioskMismatch');
              continue;
            }
            consumed = 0;
            out.applied += n;
          } else if (e.type === 'voting.countEntered')
            enterCount(db, env, {
              roundId,
              itemId: s(p['itemId']),
              operator: s(p['operator']) as 'A' | 'B',
              count: Number(p['count']),
            });
          else if (e.type === 'voting.voterMarked') {
            const next = parsed[i + 1];
            // From issue 14 on the ballot is not beside its voter: applied at the close.
            if (next?.e.type !== 'voting.ballotCast') continue;
            castKioskBallot(db, replayEnv([e.at, e.at, next.e.at], [], next.e.hash), {
              roundId,
              participantId: alias(db, kitId, p['participantId']) ?? '',
              ballot: {
                choices: next.p['choices'] as string[],
                points: (next.p['points'] as number[] | null | undefined) ?? null,
              },
            });
            consumed = 1;
          } else if (e.type === 'voting.paperEntered')
            enterPaperBallot(db, env, {
              roundId,
              serial: s(p['serial']),
              typist: s(p['typist']) as 'A' | 'B',
              ballot: {
                choices: p['choices'] as string[],
                points: (p['points'] as number[] | null | undefined) ?? null,
              },
            });
          else {
            hold('typeNotMerged');
            continue;
          }
        }
      }
    } catch (err) {
      if (err instanceof MinkaError) {
        hold(err.key);
        continue;
      }
      throw err;
    }
    const after = cached(db, 'SELECT coalesce(max(seq), 0) FROM event').pluck().get() as number;
    const mark = cached(
      db,
      'INSERT INTO applied_event (main_seq, kit_id, device_seq) VALUES (?, ?, ?)',
    );
    for (let q = before; q <= after; q++) mark.run(q, kitId, e.seq);
    out.applied += 1 + consumed;
    i += consumed;
  }
  return out;
}
