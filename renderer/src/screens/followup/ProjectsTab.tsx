// The projects across years: counts per state on top (they filter), then one row per
// project; those still waiting for money come first, with the button that carries them.
import { useEffect, useState } from 'react';
import { formatSoles } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { STATE_MARK, STATES, type Project, type ProjectState, type Register } from './entries';

interface Props {
  register: Register;
  readOnly: boolean;
  busy: boolean;
  onOpen: (p: Project) => void;
  onCarry: (p: Project) => void;
  onImport: () => void;
  /** The project whose history was just closed: its button gets the focus back. */
  focusKey: string | null;
}

export function StateWord({ state }: { state: ProjectState }) {
  const { t } = useI18n();
  return (
    <span className={`fu-state fu-state-${state}`} data-state={state}>
      <span className="mark" aria-hidden="true">
        {STATE_MARK[state]}
      </span>{' '}
      {t(`followup.state.${state}`)}
    </span>
  );
}

export function ProjectsTab({
  register,
  readOnly,
  busy,
  onOpen,
  onCarry,
  onImport,
  focusKey,
}: Props) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ProjectState | 'carryable' | null>(null);
  useEffect(() => {
    if (focusKey)
      document
        .querySelector<HTMLElement>(`tr[data-key="${CSS.escape(focusKey)}"] .fu-open`)
        ?.focus();
  }, [focusKey]);
  const { projects, counts } = register;
  if (projects.length === 0)
    return (
      <div className="panel">
        <p>{t('followup.projects.empty')}</p>
        <button type="button" className="primary" onClick={onImport}>
          {t('followup.projects.goImport')}
        </button>
      </div>
    );
  const carryable = projects.filter((p) => p.carryable).length;
  const shown = projects.filter((p) =>
    filter === null ? true : filter === 'carryable' ? p.carryable : p.state === filter,
  );
  const chip = (id: ProjectState | 'carryable' | null, label: React.ReactNode, n: number) => (
    <button
      key={id ?? 'all'}
      type="button"
      className={`fu-chip ${filter === id ? 'active' : ''}`}
      aria-pressed={filter === id}
      data-testid={`followup-count-${id ?? 'all'}`}
      onClick={() => setFilter(id)}
    >
      <span className="n">{n}</span> {label}
    </button>
  );
  return (
    <>
      <div className="fu-chips" role="group" aria-label={t('followup.projects.filter')}>
        {chip(null, t('followup.projects.all'), projects.length)}
        {carryable > 0 && chip('carryable', t('followup.projects.carryable'), carryable)}
        {STATES.filter((s) => counts[s] > 0).map((s) =>
          chip(s, <StateWord state={s} />, counts[s] ?? 0),
        )}
      </div>
      <table className="data-table fu-projects" data-testid="followup-projects">
        <thead>
          <tr>
            <th>{t('followup.projects.col.state')}</th>
            <th>{t('followup.projects.col.project')}</th>
            <th>{t('followup.projects.col.cui')}</th>
            <th>{t('followup.projects.col.years')}</th>
            <th className="num">{t('followup.projects.col.agreed')}</th>
            <th>
              <span className="sr-only">{t('followup.projects.col.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr
              key={p.key}
              className={p.carryable ? 'carryable' : ''}
              data-testid="followup-project"
              data-key={p.key}
              data-title={p.title}
            >
              <td>
                <StateWord state={p.state} />
                {p.carryable && <div className="fu-pending">{t('followup.projects.pending')}</div>}
              </td>
              <td>
                {/* One keyboard stop per row ("Ver historia"); the title is a mouse shortcut to it. */}
                <button
                  type="button"
                  className="link fu-title"
                  tabIndex={-1}
                  onClick={() => onOpen(p)}
                >
                  {p.title}
                </button>
                <div className="muted small">{p.sector}</div>
              </td>
              <td className="mono">{p.cui || '—'}</td>
              <td>{p.years.join(', ')}</td>
              <td className="num">
                {p.lastAgreedCents > 0 ? formatSoles(p.lastAgreedCents) : '—'}
              </td>
              <td>
                <div className="fu-actions">
                  <button type="button" className="fu-open" onClick={() => onOpen(p)}>
                    {t('followup.projects.open')}
                  </button>
                  {p.carryable && (
                    <button
                      type="button"
                      className="primary"
                      disabled={readOnly || busy}
                      onClick={() => onCarry(p)}
                      data-testid="followup-carry"
                    >
                      {t('followup.carry.button')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
