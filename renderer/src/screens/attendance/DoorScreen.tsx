import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { isOpen, presenceWith, registryFacts } from '../../../../shared/attendance/presence';
import { indexForSearch, isClose, isGuess, rankSearch } from '../../../../shared/attendance/search';
import { formatTimeOf } from '../../../../shared/format';
import {
  displayName,
  normalizeDni,
  type AttendanceRecord,
  type Participant,
  type SignMethod,
} from '../../../../shared/schemas/attendance';
import type { Params } from '../../../../shared/i18n';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { useAction, type Say } from '../../kit';
import { invoke } from '../../transport';
import type { useRegistry } from '../../useRegistry';
import { DoorFlash, type Flash } from './DoorFlash';
import { DoorLeave, useDoorLeave } from './DoorLeave';
import { DoorResults } from './DoorResults';
import { DoorSignMethods, SIGN_METHODS } from './DoorSignMethods';
import { DoorWalkIn } from './DoorWalkIn';
import { PresencePanel } from './PresencePanel';
import { voteHeldNote } from './voteNote';
import { findLookAlikes, walkInFromQuery, walkInParticipant, type WalkInDraft } from './walkIn';

interface Props {
  workshopId: string;
  setup: StoredWorkshopSetup;
  registry: ReturnType<typeof useRegistry>;
  venueId: string;
  day: string;
  readOnly: boolean;
  onOpenRegistry?: () => void;
}

/** Events a walk-in appends (the person, then the check-in); any other count means another writer. */
const WALK_IN_EVENTS = 2;

/** The door: type, Enter, next. Every check-in is on disk before the green line appears. */
export function DoorScreen({
  workshopId,
  setup,
  registry,
  venueId,
  day,
  readOnly,
  onOpenRegistry,
}: Props) {
  const { t } = useI18n();
  const { data, maps, appliedAttendance } = registry;
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const [method, setMethod] = useState<SignMethod>('signature');
  const [witness, setWitness] = useState('');
  const [flash, setFlash] = useState<Flash | null>(null);
  const action = useAction();
  const { busy } = action;
  const [walkIn, setWalkIn] = useState<WalkInDraft | null>(null);
  /** People already registered who look like the walk-in being typed: shown before saving. */
  const [lookAlikes, setLookAlikes] = useState<Participant[] | null>(null);
  /** The operator moved the selection themselves (↑↓): Enter may then take a close second. */
  const [picked, setPicked] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const witnessRef = useRef<HTMLInputElement>(null);

  const participants = data?.participants;
  const organizations = data?.organizations;
  const attendance = data?.attendance;
  // Built from the people and organisations only: a check-in keeps both arrays, so the index,
  // the maps and the registry's facts survive it (issue 18: the door's update does not grow
  // with the registry).
  const index = useMemo(() => {
    if (!participants || !maps) return [];
    return indexForSearch(
      participants.map((p) => {
        const org = p.organizationId ? maps.orgById.get(p.organizationId) : undefined;
        return {
          id: p.id,
          dni: p.dni,
          name: [p.givenNames, p.surnames],
          texts: [org?.name ?? '', org?.community ?? ''],
        };
      }),
    );
  }, [participants, maps]);

  const openHere = useMemo(() => {
    const m = new Map<string, AttendanceRecord>();
    for (const r of attendance ?? [])
      if (r.venueId === venueId && r.day === day && isOpen(r)) m.set(r.participantId, r);
    return m;
  }, [attendance, venueId, day]);

  const hits = useMemo(() => rankSearch(index, query, 8), [index, query]);
  const results = hits.map((h) => h.id);
  const close = isClose(hits);
  const facts = useMemo(
    () => (organizations && participants ? registryFacts(organizations, participants) : null),
    [organizations, participants],
  );
  const presence = useMemo(
    () =>
      facts && attendance
        ? presenceWith(facts, {
            attendance,
            venueId,
            day,
            voteRule: setup.voteRule,
            quorum: setup.quorum,
          })
        : null,
    [facts, attendance, venueId, day, setup.voteRule, setup.quorum],
  );

  const voteNote = useMemo(
    () =>
      presence && maps && attendance
        ? voteHeldNote(flash?.undo?.id, { attendance, presence, maps, venueId, day, t })
        : null,
    [flash, presence, maps, attendance, venueId, day, t],
  );

  /** A problem at the door, in place of the last green line (and its undo). */
  const fail = (key: string, params?: Params) => {
    setFlash(null);
    action.fail(key, params);
  };
  /** Run a write; a failure takes the green line's place. */
  const write = async <T,>(fn: () => Promise<T>) => {
    const r = await action.run(fn);
    if (!r.ok) setFlash(null);
    return r;
  };

  const done = (
    text: Say,
    p: Pick<Participant, 'accreditation' | 'givenNames' | 'surnames'>,
    undoId: string,
  ) => {
    setFlash({
      text,
      undo: { id: undoId, name: displayName(p) },
      ...(p.accreditation === 'accredited'
        ? {}
        : { note: (w) => w.t('attendance.door.pendingAccreditation') }),
    });
    setQuery('');
    setPicked(false);
    setMethod('signature');
    setWitness('');
    searchRef.current?.focus();
  };

  /** A present person found by the search: their leaving is offered, one Enter away. A leaving
      and an undo are recorded there too (the recent list's and the green line's buttons). */
  const leave = useDoorLeave({
    workshopId,
    registry,
    readOnly,
    action,
    onDone: (f, clearSearch) => {
      setFlash(f);
      if (clearSearch) setQuery('');
      if (clearSearch) setPicked(false);
      searchRef.current?.focus();
    },
  });

  const checkIn = async (p: Participant) => {
    if (busy || readOnly) return;
    const here = openHere.get(p.id);
    if (here) {
      setFlash(null);
      action.clear();
      return leave.offer({ p, rec: here });
    }
    if (method === 'ruego' && !witness.trim()) {
      fail('attendance.error.witnessNeeded');
      witnessRef.current?.focus();
      return;
    }
    const r = await write(async () =>
      appliedAttendance(
        await invoke('attendance:checkIn', {
          workshopId,
          participantId: p.id,
          venueId,
          day,
          signMethod: method,
          witness,
        }),
        1,
      ),
    );
    if (!r.ok) return;
    const time = formatTimeOf(r.value.checkedInAt);
    done((w) => w.t('attendance.door.checkedIn', { name: displayName(p), time }), p, r.value.id);
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setPicked(true);
      setCursor((c) => Math.min(c + 1, Math.max(results.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setPicked(true);
      setCursor((c) => Math.max(c - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const id = results[cursor];
      const p = id ? maps?.personById.get(id) : undefined;
      // Nobody found: Enter does nothing more (a new attendee is one deliberate click away,
      // not one keystroke after a failed partial search).
      if (!p) return;
      if (isGuess(hits) && !picked) {
        fail('attendance.door.partialChoice');
        return;
      }
      if (close && !picked) {
        const [a, b] = results.slice(0, 2).map((x) => maps?.personById.get(x));
        fail('attendance.door.closeChoice', {
          a: a ? displayName(a) : '',
          b: b ? displayName(b) : '',
        });
        return;
      }
      void checkIn(p);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  const closeWalkIn = () => {
    setWalkIn(null);
    setLookAlikes(null);
  };

  const saveWalkIn = async (confirmedNew: boolean) => {
    if (!walkIn || busy) return;
    const dni = walkIn.dni.trim() ? normalizeDni(walkIn.dni) : '';
    if (dni === null) return fail('attendance.error.badDni', { dni: walkIn.dni });
    const sex = walkIn.sex;
    if (sex === '') {
      fail('attendance.error.sexNeeded');
      document.querySelector<HTMLSelectElement>('select[name="walkin-sex"]')?.focus();
      return;
    }
    if (method === 'ruego' && !witness.trim()) {
      fail('attendance.error.witnessNeeded');
      witnessRef.current?.focus();
      return;
    }
    if (!confirmedNew && maps) {
      const alike = findLookAlikes(walkIn, dni, participants ?? [], index, maps.personById);
      if (alike.length > 0) {
        setLookAlikes(alike);
        return;
      }
    }
    const participant = walkInParticipant(walkIn, dni, sex);
    const r = await write(async () =>
      appliedAttendance(
        await invoke('attendance:walkIn', {
          workshopId,
          participant,
          venueId,
          day,
          signMethod: method,
          witness,
        }),
        WALK_IN_EVENTS,
      ),
    );
    if (!r.ok) return;
    closeWalkIn();
    const name = displayName(participant);
    done((w) => w.t('attendance.door.walkInDone', { name }), participant, r.value.id);
  };

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && ['1', '2', '3'].includes(e.key)) {
        e.preventDefault();
        setMethod(SIGN_METHODS[Number(e.key) - 1] ?? 'signature');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!data || !maps || !presence) return <p>{t('common.loading')}</p>;

  return (
    <div className="door">
      <div className="door-main">
        <label className="door-search">
          <span>{t('attendance.door.searchLabel')}</span>
          <input
            ref={searchRef}
            autoFocus
            data-testid="door-search"
            value={query}
            disabled={readOnly}
            onChange={(e) => {
              setQuery(e.target.value);
              leave.cancel();
              setCursor(0);
              setPicked(false);
            }}
            onKeyDown={onSearchKey}
            placeholder={t('attendance.door.searchPlaceholder')}
            aria-describedby="door-help"
            role="combobox"
            aria-expanded={results.length > 0}
            aria-controls="door-results"
          />
        </label>
        <p id="door-help" className="hint">
          {t('attendance.door.help')}
        </p>
        <DoorSignMethods
          method={method}
          onMethod={setMethod}
          witness={witness}
          onWitness={setWitness}
          witnessRef={witnessRef}
        />
        {leave.leaving && (
          <DoorLeave
            leaving={leave.leaving}
            busy={busy}
            onLeave={(id) => void leave.checkOut(id)}
            onCancel={() => (leave.cancel(), searchRef.current?.focus())}
          />
        )}
        {/* A search finding nobody: the last person's green line must not read as this one's
            (it stays while the search finds people, for its undo button). */}
        <DoorFlash
          error={action.error}
          flash={query.trim() && results.length === 0 ? null : flash}
          vote={voteNote}
          onUndo={(id) => void leave.undo(id)}
        />
        <DoorResults
          results={results}
          cursor={cursor}
          close={close}
          query={query}
          personById={maps.personById}
          orgById={maps.orgById}
          isHere={(id) => openHere.has(id)}
          onLeave={readOnly ? undefined : (p) => void leave.checkOut(openHere.get(p.id)?.id ?? '')}
          onHover={setCursor}
          onPick={(p) => void checkIn(p)}
        />
        {!walkIn ? (
          <button
            type="button"
            onClick={() => {
              setWalkIn(walkInFromQuery(query));
              setLookAlikes(null);
            }}
            disabled={readOnly}
            data-testid="walkin-open"
          >
            {t('attendance.door.walkIn')}
          </button>
        ) : (
          <DoorWalkIn
            walkIn={walkIn}
            onChange={setWalkIn}
            organizations={data.organizations}
            lookAlikes={lookAlikes}
            busy={busy}
            onSave={(confirmedNew) => void saveWalkIn(confirmedNew)}
            onIsThis={(p) => {
              closeWalkIn();
              void checkIn(p);
            }}
            onCancel={closeWalkIn}
          />
        )}
      </div>
      <PresencePanel
        presence={presence}
        data={data}
        people={maps.personById}
        venueId={venueId}
        day={day}
        onUndo={(id) => void leave.undo(id)}
        onCheckOut={leave.checkOut}
        readOnly={readOnly}
        onOpenRegistry={onOpenRegistry}
      />
    </div>
  );
}
