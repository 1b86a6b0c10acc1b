import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
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
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import type { useRegistry } from '../../useRegistry';
import { PresencePanel } from './PresencePanel';

interface Props {
  workshopId: string;
  setup: StoredWorkshopSetup;
  registry: ReturnType<typeof useRegistry>;
  venueId: string;
  day: string;
  readOnly: boolean;
  onOpenRegistry?: () => void;
}

/**
 * A message of the door, worded when it is drawn: after a switch of language the message on
 * screen follows the new language (it used to stay in the one it was written in).
 */
type Say = (tr: Pick<ReturnType<typeof useI18n>, 't' | 'errorText'>) => string;

interface Flash {
  kind: 'ok' | 'error';
  text: Say;
  /** A second line: e.g. the person checked in is still pending accreditation. */
  note?: Say;
  /** The check-in that the explicit undo button names (never Ctrl+Z: that edits the text). */
  undo?: { id: string; name: string };
}

/** Events a walk-in appends (the person, then the check-in); any other count means another writer. */
const WALK_IN_EVENTS = 2;

/** No default sex: a walk-in's sex is chosen, or "not stated" (X), never assumed. */
const EMPTY_WALKIN = {
  dni: '',
  givenNames: '',
  surnames: '',
  sex: '' as Participant['sex'] | '',
  organizationId: '',
  role: 'member' as Participant['role'],
};

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
  const { t, errorText } = useI18n();
  const { data, maps, appliedAttendance } = registry;
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const [method, setMethod] = useState<SignMethod>('signature');
  const [witness, setWitness] = useState('');
  const [flash, setFlash] = useState<Flash | null>(null);
  const [busy, setBusy] = useState(false);
  const [walkIn, setWalkIn] = useState<typeof EMPTY_WALKIN | null>(null);
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

  const done = (
    text: Say,
    p: Pick<Participant, 'accreditation' | 'givenNames' | 'surnames'>,
    undoId: string,
  ) => {
    setFlash({
      kind: 'ok',
      text,
      undo: { id: undoId, name: displayName(p) },
      ...(p.accreditation === 'accredited'
        ? {}
        : { note: (tr: Parameters<Say>[0]) => tr.t('attendance.door.pendingAccreditation') }),
    });
    setQuery('');
    setPicked(false);
    setMethod('signature');
    setWitness('');
    searchRef.current?.focus();
  };

  const checkIn = async (p: Participant) => {
    if (busy || readOnly) return;
    if (openHere.has(p.id)) {
      setFlash({
        kind: 'error',
        text: (tr) => tr.t('attendance.door.alreadyIn', { name: displayName(p) }),
      });
      return;
    }
    if (method === 'ruego' && !witness.trim()) {
      setFlash({ kind: 'error', text: (tr) => tr.t('attendance.error.witnessNeeded') });
      witnessRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const rec = await appliedAttendance(
        await invoke('attendance:checkIn', {
          workshopId,
          participantId: p.id,
          venueId,
          day,
          signMethod: method,
          witness,
        }),
        1,
      );
      done(
        (tr) =>
          tr.t('attendance.door.checkedIn', {
            name: displayName(p),
            time: formatTimeOf(rec.checkedInAt),
          }),
        p,
        rec.id,
      );
    } catch (e) {
      setFlash({ kind: 'error', text: (tr) => tr.errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  const undo = async (id: string) => {
    const rec = data?.attendance.find((r) => r.id === id);
    const p = rec ? maps?.personById.get(rec.participantId) : undefined;
    setBusy(true);
    try {
      await appliedAttendance(
        await invoke('attendance:undo', {
          workshopId,
          id,
          reason: t('attendance.door.undoReason'),
        }),
        1,
      );
      setFlash({
        kind: 'ok',
        text: (tr) => tr.t('attendance.door.undoneNamed', { name: p ? displayName(p) : '' }),
      });
      searchRef.current?.focus();
    } catch (e) {
      setFlash({ kind: 'error', text: (tr) => tr.errorText(e) });
    } finally {
      setBusy(false);
    }
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
        setFlash({ kind: 'error', text: (tr) => tr.t('attendance.door.partialChoice') });
        return;
      }
      if (close && !picked) {
        const [a, b] = results.slice(0, 2).map((x) => maps?.personById.get(x));
        setFlash({
          kind: 'error',
          text: (tr) =>
            tr.t('attendance.door.closeChoice', {
              a: a ? displayName(a) : '',
              b: b ? displayName(b) : '',
            }),
        });
        return;
      }
      void checkIn(p);
    } else if (e.key === 'Escape') {
      setQuery('');
    }
  };

  const startWalkIn = () => {
    const q = query.trim();
    const dni = normalizeDni(q);
    const words = dni ? [] : q.split(/\s+/);
    setWalkIn({
      ...EMPTY_WALKIN,
      dni: dni ?? '',
      givenNames: words.slice(0, 1).join(' '),
      surnames: words.slice(1).join(' '),
    });
    setLookAlikes(null);
  };

  /** Registered people the walk-in may be: the same DNI, or a name that matches as typed or as a spelling variant. */
  const findLookAlikes = (w: typeof EMPTY_WALKIN, dni: string): Participant[] => {
    const ids = new Set<string>();
    if (dni) for (const p of data?.participants ?? []) if (p.dni === dni) ids.add(p.id);
    const name = `${w.givenNames} ${w.surnames}`.trim();
    if (name) for (const h of rankSearch(index, name, 5)) if (h.tier <= 2) ids.add(h.id);
    return [...ids].flatMap((id) => maps?.personById.get(id) ?? []);
  };

  const saveWalkIn = async (e: FormEvent | null, confirmedNew = false) => {
    e?.preventDefault();
    if (!walkIn || busy) return;
    const dni = walkIn.dni.trim() ? normalizeDni(walkIn.dni) : '';
    if (dni === null) {
      setFlash({
        kind: 'error',
        text: (tr) => tr.t('attendance.error.badDni', { dni: walkIn.dni }),
      });
      return;
    }
    const sex = walkIn.sex;
    if (sex === '') {
      setFlash({ kind: 'error', text: (tr) => tr.t('attendance.error.sexNeeded') });
      document.querySelector<HTMLSelectElement>('select[name="walkin-sex"]')?.focus();
      return;
    }
    if (method === 'ruego' && !witness.trim()) {
      setFlash({ kind: 'error', text: (tr) => tr.t('attendance.error.witnessNeeded') });
      witnessRef.current?.focus();
      return;
    }
    if (!confirmedNew) {
      const alike = findLookAlikes(walkIn, dni);
      if (alike.length > 0) {
        setLookAlikes(alike);
        return;
      }
    }
    setBusy(true);
    try {
      const participant = {
        dni,
        givenNames: walkIn.givenNames,
        surnames: walkIn.surnames,
        sex,
        language: 'quz' as const,
        organizationId: walkIn.organizationId || null,
        role: walkIn.role,
        authorization: '',
        voice: 'voiceOnly' as const,
        accreditation: 'pending' as const,
      };
      const rec = await appliedAttendance(
        await invoke('attendance:walkIn', {
          workshopId,
          participant,
          venueId,
          day,
          signMethod: method,
          witness,
        }),
        WALK_IN_EVENTS,
      );
      setWalkIn(null);
      setLookAlikes(null);
      done(
        (tr) => tr.t('attendance.door.walkInDone', { name: displayName(participant) }),
        participant,
        rec.id,
      );
    } catch (err) {
      setFlash({ kind: 'error', text: (tr) => tr.errorText(err) });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.altKey && ['1', '2', '3'].includes(e.key)) {
        e.preventDefault();
        setMethod(
          (['signature', 'thumbprint', 'ruego'] as const)[Number(e.key) - 1] ?? 'signature',
        );
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
              // A new search: the last person's confirmation must not read as this one's.
              if (e.target.value.trim()) setFlash(null);
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
        <fieldset className="sign-methods">
          <legend>{t('attendance.door.signHow')}</legend>
          {(['signature', 'thumbprint', 'ruego'] as const).map((m, i) => (
            <label key={m} className="radio">
              <input
                type="radio"
                name="signMethod"
                value={m}
                checked={method === m}
                onChange={() => setMethod(m)}
              />
              {t(`attendance.sign.${m}`)} <kbd>Alt+{i + 1}</kbd>
            </label>
          ))}
          {method === 'ruego' && (
            <label className="witness">
              {t('attendance.door.witness')}
              <input
                ref={witnessRef}
                name="witness"
                value={witness}
                onChange={(e) => setWitness(e.target.value)}
              />
            </label>
          )}
        </fieldset>
        {flash && (
          <div
            className={`banner ${flash.kind}`}
            role={flash.kind === 'error' ? 'alert' : 'status'}
            data-testid="door-flash"
          >
            {flash.text({ t, errorText })}
            {flash.note && (
              <span className="flash-note" data-testid="door-flash-note">
                {' '}
                {flash.note({ t, errorText })}
              </span>
            )}
            {flash.undo && (
              <button
                type="button"
                className="link"
                data-testid="door-undo"
                onClick={() => flash.undo && void undo(flash.undo.id)}
              >
                {t('attendance.door.undoNamed', { name: flash.undo.name })}
              </button>
            )}
          </div>
        )}
        <ul
          id="door-results"
          className="door-results"
          role="listbox"
          aria-label={t('attendance.door.results')}
        >
          {results.map((id, i) => {
            const p = maps.personById.get(id);
            if (!p) return null;
            const org = p.organizationId ? maps.orgById.get(p.organizationId) : undefined;
            const here = openHere.has(p.id);
            return (
              <li
                key={id}
                role="option"
                aria-selected={i === cursor}
                className={`${i === cursor ? 'selected' : ''}${close && i < 2 ? ' close' : ''}`}
                onMouseEnter={() => setCursor(i)}
                onClick={() => void checkIn(p)}
              >
                <div className="who">
                  <strong>{displayName(p)}</strong>
                  <span className="dni">{p.dni ? `DNI ${p.dni}` : t('attendance.noDni')}</span>
                </div>
                <div className="muted">
                  {org
                    ? `${org.name}${org.community ? ` · ${org.community}` : ''}`
                    : t('attendance.noOrganization')}{' '}
                  · {t(`attendance.role.${p.role}`)}
                </div>
                <div className="badges">
                  {here && <span className="badge present">{t('attendance.present')}</span>}
                  {p.accreditation !== 'accredited' && (
                    <span className="badge warn">
                      {t(`attendance.accreditation.${p.accreditation}`)}
                    </span>
                  )}
                  {p.voice === 'voiceOnly' && (
                    <span className="badge">{t('attendance.voice.voiceOnly')}</span>
                  )}
                </div>
              </li>
            );
          })}
          {query.trim() && results.length === 0 && (
            <li className="none">{t('attendance.door.noMatch')}</li>
          )}
        </ul>
        {!walkIn ? (
          <button type="button" onClick={startWalkIn} disabled={readOnly} data-testid="walkin-open">
            {t('attendance.door.walkIn')}
          </button>
        ) : (
          <form
            className="walkin panel"
            onSubmit={(e) => void saveWalkIn(e)}
            aria-label={t('attendance.door.walkIn')}
          >
            <h3>{t('attendance.door.walkIn')}</h3>
            <div className="grid-3">
              <label>
                DNI
                <input
                  name="walkin-dni"
                  inputMode="numeric"
                  value={walkIn.dni}
                  onChange={(e) => setWalkIn({ ...walkIn, dni: e.target.value })}
                  autoFocus
                />
              </label>
              <label>
                {t('attendance.givenNames')}
                <input
                  name="walkin-given"
                  required
                  value={walkIn.givenNames}
                  onChange={(e) => setWalkIn({ ...walkIn, givenNames: e.target.value })}
                />
              </label>
              <label>
                {t('attendance.surnames')}
                <input
                  name="walkin-surnames"
                  value={walkIn.surnames}
                  onChange={(e) => setWalkIn({ ...walkIn, surnames: e.target.value })}
                />
              </label>
              <label>
                {t('attendance.sex')}
                <select
                  name="walkin-sex"
                  aria-required="true"
                  value={walkIn.sex}
                  onChange={(e) =>
                    setWalkIn({ ...walkIn, sex: e.target.value as Participant['sex'] | '' })
                  }
                >
                  <option value="">{t('attendance.sex.choose')}</option>
                  {(['F', 'M', 'X'] as const).map((s) => (
                    <option key={s} value={s}>
                      {t(`attendance.sexOne.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('attendance.organization')}
                <select
                  name="walkin-org"
                  value={walkIn.organizationId}
                  onChange={(e) => setWalkIn({ ...walkIn, organizationId: e.target.value })}
                >
                  <option value="">{t('attendance.noOrganization')}</option>
                  {data.organizations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('attendance.role')}
                <select
                  name="walkin-role"
                  value={walkIn.role}
                  onChange={(e) =>
                    setWalkIn({ ...walkIn, role: e.target.value as Participant['role'] })
                  }
                >
                  {(['member', 'titular', 'suplente', 'delegate'] as const).map((r) => (
                    <option key={r} value={r}>
                      {t(`attendance.role.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <p className="hint">{t('attendance.door.walkInHint')}</p>
            {lookAlikes && (
              <div className="banner warn" data-testid="walkin-lookalikes">
                <p>{t('attendance.door.walkInMatches')}</p>
                <ul>
                  {lookAlikes.map((p) => (
                    <li key={p.id}>
                      <strong>{displayName(p)}</strong>{' '}
                      {p.dni ? `DNI ${p.dni}` : t('attendance.noDni')}{' '}
                      <button
                        type="button"
                        onClick={() => {
                          setWalkIn(null);
                          setLookAlikes(null);
                          void checkIn(p);
                        }}
                      >
                        {t('attendance.door.walkInIsThis')}
                      </button>
                    </li>
                  ))}
                </ul>
                <button
                  type="button"
                  data-testid="walkin-not-these"
                  onClick={() => void saveWalkIn(null, true)}
                >
                  {t('attendance.door.walkInNotThese')}
                </button>
              </div>
            )}
            <div className="actions">
              <button type="submit" className="primary" disabled={busy}>
                {t('attendance.door.walkInSave')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setWalkIn(null);
                  setLookAlikes(null);
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          </form>
        )}
      </div>
      <PresencePanel
        presence={presence}
        data={data}
        people={maps.personById}
        venueId={venueId}
        day={day}
        onUndo={(id) => void undo(id)}
        onCheckOut={async (id) => {
          try {
            await appliedAttendance(await invoke('attendance:checkOut', { workshopId, id }), 1);
          } catch (e) {
            setFlash({ kind: 'error', text: (tr) => tr.errorText(e) });
          }
        }}
        readOnly={readOnly}
        onOpenRegistry={onOpenRegistry}
      />
    </div>
  );
}
