// One project's history across years: one line per entry with its year, what happened in
// plain words, the amounts and where it comes from; how its agreements were joined (with a
// way to separate them); and a form to note what happened since.
import { useState } from 'react';
import { parseDate } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { errorNotice, okNotice, thrownNotice, wordNotice, type Notice } from '../../kit';
import { invoke } from '../../transport';
import {
  agreementsOf,
  entryText,
  kindMark,
  sourceText,
  type Applied,
  type Project,
} from './entries';
import { StateWord } from './ProjectsTab';

export interface UndoneLink {
  a: string;
  b: string;
  labelA: string;
  labelB: string;
}

interface Props {
  workshopId: string;
  project: Project;
  ownYear: number;
  readOnly: boolean;
  busy: boolean;
  undone: UndoneLink[];
  applied: Applied;
  onBack: () => void;
  onCarry: (p: Project) => void;
  onSetLink: (l: UndoneLink, linked: boolean) => void;
}

export function Timeline({
  workshopId,
  project,
  ownYear,
  readOnly,
  busy,
  undone,
  applied,
  onBack,
  onCarry,
  onSetLink,
}: Props) {
  const { t } = useI18n();
  const agreements = agreementsOf(project);
  const label = (ref: string) => {
    const a = agreements.find((x) => x.ref === ref);
    return a ? `${a.year} ${a.code}` : ref;
  };
  const mine = undone.filter((u) => project.refs.includes(u.a) || project.refs.includes(u.b));
  return (
    <section
      className="fu-timeline"
      data-testid="followup-timeline"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onBack();
      }}
    >
      <div className="fu-timeline-head">
        <button type="button" onClick={onBack} autoFocus data-testid="followup-back">
          ← {t('followup.timeline.back')}
        </button>
        <div>
          <h2 data-testid="followup-timeline-title">{project.title}</h2>
          <p className="muted">
            {[
              project.cui
                ? t('followup.timeline.cui', { cui: project.cui })
                : t('followup.timeline.noCui'),
              project.sector,
            ]
              .filter(Boolean)
              .join(' · ')}{' '}
            · <StateWord state={project.state} />
          </p>
          {project.carryable && (
            <button
              type="button"
              className="primary"
              disabled={readOnly || busy}
              onClick={() => onCarry(project)}
              data-testid="followup-carry-open"
            >
              {t('followup.carry.button')}
            </button>
          )}
        </div>
      </div>
      <ol className="fu-entries" data-testid="followup-entries">
        {project.timeline.map((e, i) => (
          <li
            key={i}
            className={`fu-entry fu-kind-${e.kind}`}
            data-kind={e.kind}
            data-year={e.fiscalYear}
          >
            <span className="fu-year">{e.fiscalYear}</span>
            <span className="mark" aria-hidden="true">
              {kindMark(e.kind)}
            </span>
            <div>
              <div className="fu-what">{entryText(e, t)}</div>
              <div className="muted small fu-source">{sourceText(e, t)}</div>
            </div>
          </li>
        ))}
      </ol>

      {(project.links.length > 0 || mine.length > 0) && (
        <div className="panel fu-links" data-testid="followup-links">
          <h3>{t('followup.link.heading')}</h3>
          <ul>
            {project.links.map((l) => {
              const link = { a: l.a, b: l.b, labelA: label(l.a), labelB: label(l.b) };
              return (
                <li key={`${l.a}|${l.b}`}>
                  {t(l.by === 'cui' ? 'followup.link.byCui' : 'followup.link.byName', {
                    a: link.labelA,
                    b: link.labelB,
                    confidence: l.confidence ?? 0,
                  })}{' '}
                  <button
                    type="button"
                    disabled={readOnly || busy}
                    onClick={() => onSetLink(link, false)}
                  >
                    {t('followup.link.unlink')}
                  </button>
                </li>
              );
            })}
            {mine.map((u) => (
              <li key={`${u.a}|${u.b}`} className="muted">
                {t('followup.link.undone', { a: u.labelA, b: u.labelB })}{' '}
                <button
                  type="button"
                  disabled={readOnly || busy}
                  onClick={() => onSetLink(u, true)}
                >
                  {t('followup.link.relink')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}

      <NoteForm
        key={project.key}
        workshopId={workshopId}
        project={project}
        ownYear={ownYear}
        readOnly={readOnly}
        applied={applied}
      />
    </section>
  );
}

function NoteForm({
  workshopId,
  project,
  ownYear,
  readOnly,
  applied,
}: Pick<Props, 'workshopId' | 'project' | 'ownYear' | 'readOnly' | 'applied'>) {
  const i18n = useI18n();
  const { t } = i18n;
  const agreements = agreementsOf(project);
  const last = agreements.at(-1);
  const [ref, setRef] = useState(last?.ref ?? '');
  const [status, setStatus] = useState<'executed' | 'suspended' | 'revived'>('executed');
  const [year, setYear] = useState(String(ownYear - 1));
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  // Kept as what happened, worded when drawn: it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const result = wordNotice(notice, i18n);

  const submit = async () => {
    const day = parseDate(date);
    const y = Number(year);
    if (!day) return setNotice(errorNotice('followup.note.badDate'));
    if (!Number.isInteger(y) || y < 2000 || y > 2100)
      return setNotice(errorNotice('followup.note.badYear'));
    if (!note.trim()) return setNotice(errorNotice('followup.note.empty'));
    setSaving(true);
    setNotice(null);
    try {
      await applied(
        await invoke('followup:addNote', {
          workshopId,
          note: { ref, fiscalYear: y, status, date: day, note: note.trim() },
        }),
      );
      setNote('');
      setDate('');
      setNotice(okNotice('followup.note.saved'));
    } catch (e) {
      setNotice(thrownNotice(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="panel fu-note"
      data-testid="followup-note-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('followup.note.heading')}</h3>
      <p className="muted small">{t('followup.note.lead')}</p>
      <fieldset disabled={readOnly || saving}>
        <div className="fu-note-grid">
          {agreements.length > 1 && (
            <label>
              {t('followup.note.agreement')}
              <select value={ref} onChange={(e) => setRef(e.target.value)} name="ref">
                {agreements.map((a) => (
                  <option key={a.ref} value={a.ref}>
                    {a.year} {a.code} — {a.title}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label>
            {t('followup.note.status')}
            <select
              value={status}
              onChange={(e) => setStatus(e.target.value as typeof status)}
              name="status"
            >
              {(['executed', 'suspended', 'revived'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`followup.note.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('followup.note.year')}
            <input
              type="number"
              name="year"
              min={2000}
              max={ownYear}
              value={year}
              onChange={(e) => setYear(e.target.value)}
            />
          </label>
          <label>
            {t('followup.note.date')}
            <input
              name="date"
              placeholder={t('followup.note.datePlaceholder')}
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          </label>
        </div>
        <label>
          {t('followup.note.text')}
          <input
            name="note"
            maxLength={500}
            placeholder={t('followup.note.textPlaceholder')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <div className="save-area">
          <button type="submit" className="primary">
            {t('followup.note.save')}
          </button>
          {result && (
            <span
              className={`status ${result.kind === 'ok' ? 'saved' : 'error'}`}
              role={result.kind === 'ok' ? 'status' : 'alert'}
              data-testid="followup-note-result"
            >
              {result.text}
            </span>
          )}
        </div>
      </fieldset>
    </form>
  );
}
