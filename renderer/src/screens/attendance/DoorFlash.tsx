// The door's line under the search: the last failure, or what went right with its undo.
import { useI18n } from '../../i18n';
import type { Say } from '../../kit';

/**
 * What went right at the door, worded when it is drawn (a failure is the action's, worded the
 * same way): after a switch of language the message on screen follows the new language.
 */
export interface Flash {
  text: Say;
  /** A second line: e.g. the person checked in is still pending accreditation. */
  note?: Say;
  /** The check-in that the explicit undo button names (never Ctrl+Z: that edits the text). */
  undo?: { id: string; name: string };
}

export function DoorFlash({
  error,
  flash,
  vote = null,
  onUndo,
}: {
  error: string | null;
  flash: Flash | null;
  /** Who holds the vote of the organisation of the person just checked in, when not them (voteNote.ts). */
  vote?: string | null;
  onUndo: (checkInId: string) => void;
}) {
  const { t, errorText } = useI18n();
  if (error)
    return (
      <div className="banner error" role="alert" data-testid="door-flash">
        {error}
      </div>
    );
  if (!flash) return null;
  const { undo } = flash;
  return (
    <div className="banner ok" role="status" data-testid="door-flash">
      {flash.text({ t, errorText })}
      {flash.note && (
        <span className="flash-note" data-testid="door-flash-note">
          {' '}
          {flash.note({ t, errorText })}
        </span>
      )}
      {vote && (
        <span className="flash-note" data-testid="door-vote-note">
          {' '}
          {vote}
        </span>
      )}
      {undo && (
        <button
          type="button"
          className="link"
          data-testid="door-undo"
          onClick={() => onUndo(undo.id)}
        >
          {t('attendance.door.undoNamed', { name: undo.name })}
        </button>
      )}
    </div>
  );
}
