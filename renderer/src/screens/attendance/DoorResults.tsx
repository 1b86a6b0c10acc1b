// The door's search results: who matched, their organisation and role, and whether they are
// already in, pending accreditation or voice only. Two close matches are marked as such.
import {
  displayName,
  type Organization,
  type Participant,
} from '../../../../shared/schemas/attendance';
import { useI18n } from '../../i18n';

interface Props {
  results: string[];
  cursor: number;
  /** The first two are as close as each other: Enter needs the operator's choice. */
  close: boolean;
  query: string;
  personById: ReadonlyMap<string, Participant>;
  orgById: ReadonlyMap<string, Organization>;
  /** Checked in here today and not yet out. */
  isHere: (participantId: string) => boolean;
  onHover: (i: number) => void;
  onPick: (p: Participant) => void;
  /** Record the leaving of someone present here (absent when the workshop is read-only). */
  onLeave?: (p: Participant) => void;
}

export function DoorResults({
  results,
  cursor,
  close,
  query,
  personById,
  orgById,
  isHere,
  onHover,
  onPick,
  onLeave,
}: Props) {
  const { t } = useI18n();
  return (
    <ul
      id="door-results"
      className="door-results"
      role="listbox"
      aria-label={t('attendance.door.results')}
    >
      {results.map((id, i) => {
        const p = personById.get(id);
        if (!p) return null;
        const org = p.organizationId ? orgById.get(p.organizationId) : undefined;
        return (
          <li
            key={id}
            role="option"
            aria-selected={i === cursor}
            className={`${i === cursor ? 'selected' : ''}${close && i < 2 ? ' close' : ''}`}
            onMouseEnter={() => onHover(i)}
            onClick={() => onPick(p)}
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
              {isHere(p.id) && <span className="badge present">{t('attendance.present')}</span>}
              {isHere(p.id) && onLeave && (
                <button
                  type="button"
                  className="link"
                  tabIndex={-1}
                  data-testid="door-result-leave"
                  onClick={(e) => {
                    e.stopPropagation();
                    onLeave(p);
                  }}
                >
                  {t('attendance.door.leave')}
                </button>
              )}
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
  );
}
