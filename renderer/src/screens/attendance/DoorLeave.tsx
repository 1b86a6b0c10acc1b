// A present person found by the door's search: Enter offers their leaving (fac28, item 2: the
// Salida link was only in the last 8 arrivals, so a president who left kept the vote). The
// button takes the focus, so a second Enter records it and Esc goes back to the search. The
// leaving is the same command as the recent list's (attendance:checkOut).
import { useState } from 'react';
import { formatTimeOf } from '../../../../shared/format';
import {
  displayName,
  type AttendanceRecord,
  type Participant,
} from '../../../../shared/schemas/attendance';
import { useI18n } from '../../i18n';
import type { Action } from '../../kit';
import { invoke } from '../../transport';
import type { useRegistry } from '../../useRegistry';
import type { Flash } from './DoorFlash';

export interface Leaving {
  p: Participant;
  rec: AttendanceRecord;
}

/** The leaving offered (from the search) and the check-out (from the search or the list). */
export function useDoorLeave(opts: {
  workshopId: string;
  registry: ReturnType<typeof useRegistry>;
  readOnly: boolean;
  action: Action;
  /** After the write: its green line (null when refused); a leaving also clears the search. */
  onDone: (flash: Flash | null, clearSearch: boolean) => void;
}) {
  const { workshopId, registry, readOnly, action, onDone } = opts;
  const { t } = useI18n();
  const [leaving, setLeaving] = useState<Leaving | null>(null);
  const nameOf = (id: string) => {
    const rec = registry.data?.attendance.find((x) => x.id === id);
    const p = rec ? registry.maps?.personById.get(rec.participantId) : undefined;
    return p ? displayName(p) : '';
  };
  const checkOut = async (id: string) => {
    if (action.busy || readOnly) return;
    const name = nameOf(id);
    const r = await action.run(async () =>
      registry.appliedAttendance(await invoke('attendance:checkOut', { workshopId, id }), 1),
    );
    setLeaving(null);
    if (!r.ok) return onDone(null, false);
    const time = formatTimeOf(r.value.checkedOutAt ?? '');
    onDone({ text: (w) => w.t('attendance.door.checkedOutNamed', { name, time }) }, true);
  };
  /** The green line's undo: the check-in is struck out with the reason it gives. */
  const undo = async (id: string) => {
    const name = nameOf(id);
    const reason = t('attendance.door.undoReason');
    const r = await action.run(async () =>
      registry.appliedAttendance(await invoke('attendance:undo', { workshopId, id, reason }), 1),
    );
    onDone(r.ok ? { text: (w) => w.t('attendance.door.undoneNamed', { name }) } : null, false);
  };
  return { leaving, offer: setLeaving, cancel: () => setLeaving(null), checkOut, undo };
}

interface Props {
  leaving: Leaving;
  busy: boolean;
  onLeave: (id: string) => void;
  onCancel: () => void;
}

export function DoorLeave({ leaving, busy, onLeave, onCancel }: Props) {
  const { t } = useI18n();
  const name = displayName(leaving.p);
  const time = formatTimeOf(leaving.rec.checkedInAt);
  return (
    <div className="banner warn door-leave" role="group" data-testid="door-leave">
      <span>{t('attendance.door.presentLeave', { name, time })}</span>{' '}
      <button
        type="button"
        className="primary"
        autoFocus
        data-testid="door-leave-go"
        disabled={busy}
        onClick={() => onLeave(leaving.rec.id)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      >
        {t('attendance.door.leave')}
      </button>{' '}
      <span className="hint">{t('attendance.door.leaveHint')}</span>
    </div>
  );
}
