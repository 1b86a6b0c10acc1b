import { useState, type FormEvent } from 'react';
import { formatDate, parseDate } from '../../../../shared/format';
import type { Agreement } from '../../../../shared/schemas/minutes';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { Problem, say } from '../../kit';
import { invoke } from '../../transport';
import type { Act } from './MinutesScreen';

interface Props {
  workshopId: string;
  agreements: Agreement[];
  readOnly: boolean;
  act: Act;
  applied: <T>(r: { value: T; chain: ChainStatus }) => Promise<T>;
}

/** Agreements and commitments: what, who answers for it, by when. Enter saves, focus returns to the text. */
export function AgreementsPanel({ workshopId, agreements, readOnly, act, applied }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Agreement | null>(null);
  const [text, setText] = useState('');
  const [responsible, setResponsible] = useState('');
  const [due, setDue] = useState('');
  const reset = () => {
    setEditing(null);
    setText('');
    setResponsible('');
    setDue('');
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const dueIso = due.trim() ? parseDate(due) : '';
    if (dueIso === null) {
      await act(() => Promise.reject(new Problem('minutes.ui.badDate', { date: due })));
      return;
    }
    const ok = await act(async () => {
      await applied(
        await invoke('minutes:saveAgreement', {
          workshopId,
          agreement: { ...(editing ? { id: editing.id } : {}), text, responsible, due: dueIso },
        }),
      );
      return say(editing ? 'minutes.ui.agreementEdited' : 'minutes.ui.agreementAdded');
    });
    if (ok) {
      reset();
      document.querySelector<HTMLTextAreaElement>('textarea[name="agreement-text"]')?.focus();
    }
  };
  return (
    <section className="panel minutes-section" data-testid="agreements">
      <h2>{t('minutes.ui.agreements')}</h2>
      {agreements.length === 0 ? (
        <p className="muted">{t('minutes.ui.noAgreements')}</p>
      ) : (
        <ol className="agreements-list">
          {agreements.map((a) => (
            <li key={a.id}>
              <div>{a.text}</div>
              <div className="sub">
                {a.responsible && (
                  <span>
                    {t('minutes.ui.responsible')}: {a.responsible}
                  </span>
                )}
                {a.due && (
                  <span>
                    {' '}
                    · {t('minutes.ui.due')}: {formatDate(a.due)}
                  </span>
                )}
                {!readOnly && (
                  <span className="row-actions">
                    {' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => {
                        setEditing(a);
                        setText(a.text);
                        setResponsible(a.responsible);
                        setDue(a.due ? formatDate(a.due) : '');
                      }}
                    >
                      {t('minutes.ui.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        void act(async () => {
                          await applied(
                            await invoke('minutes:removeAgreement', { workshopId, id: a.id }),
                          );
                          return say('minutes.ui.agreementRemoved');
                        })
                      }
                    >
                      {t('minutes.ui.remove')}
                    </button>
                  </span>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      {!readOnly && (
        <form
          className="form agreement-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('minutes.ui.addAgreement')}
        >
          <label>
            {t('minutes.ui.agreementText')}
            <textarea
              name="agreement-text"
              rows={2}
              required
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => {
                // Enter saves (the form is keyboard-first); Shift+Enter starts a new line.
                if (e.key === 'Enter' && !e.shiftKey) {
                  e.preventDefault();
                  e.currentTarget.form?.requestSubmit();
                }
              }}
            />
          </label>
          <div className="inline-form">
            <label className="grow">
              {t('minutes.ui.responsible')}
              <input
                name="agreement-responsible"
                value={responsible}
                onChange={(e) => setResponsible(e.target.value)}
              />
            </label>
            <label>
              {t('minutes.ui.due')}
              <input
                name="agreement-due"
                placeholder="dd/mm/aaaa"
                value={due}
                onChange={(e) => setDue(e.target.value)}
              />
            </label>
            <button type="submit" className="primary">
              {t(editing ? 'minutes.ui.saveAgreement' : 'minutes.ui.addAgreement')}
            </button>
            {editing && (
              <button type="button" onClick={reset}>
                {t('minutes.ui.cancel')}
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
