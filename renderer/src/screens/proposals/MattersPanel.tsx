import { useState, type FormEvent } from 'react';
import { formatDateTime } from '../../../../shared/format';
import { displayName, type Participant } from '../../../../shared/schemas/attendance';
import type { MatterInput, MatterRaised } from '../../../../shared/schemas/proposals';
import { useI18n } from '../../i18n';

interface Props {
  matters: MatterRaised[];
  participants: Participant[];
  readOnly: boolean;
  onAdd: (m: MatterInput) => Promise<boolean>;
}

/** Off-agenda matters: recorded even when not discussed, so they reach the minutes. */
export function MattersPanel({ matters, participants, readOnly, onAdd }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [raisedBy, setRaisedBy] = useState('');
  const [participantId, setParticipantId] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const person = participants.find((p) => p.id === participantId);
    const by = raisedBy.trim() || (person ? displayName(person) : '');
    if (await onAdd({ text, raisedBy: by, participantId: participantId || null })) {
      setText('');
      setRaisedBy('');
      setParticipantId('');
    }
  };
  const nameOf = (m: MatterRaised) => {
    const p = participants.find((x) => x.id === m.participantId);
    return m.raisedBy || (p ? displayName(p) : '');
  };
  return (
    <section className="proposals-section matters" data-testid="matters">
      <h2>{t('proposals.matters.heading')}</h2>
      <p className="lead">{t('proposals.matters.lead')}</p>
      {matters.length === 0 ? (
        <p className="muted">{t('proposals.matters.none')}</p>
      ) : (
        <ul className="matters-list">
          {matters.map((m) => (
            <li key={m.id}>
              <div>{m.text}</div>
              <div className="sub">
                {t('proposals.matters.raisedBy')}: {nameOf(m)} · {formatDateTime(m.raisedAt)}
              </div>
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form
          className="panel matter-form"
          onSubmit={(e) => void submit(e)}
          aria-label={t('proposals.matters.add')}
        >
          <label>
            {t('proposals.matters.text')}
            <input
              name="matter-text"
              required
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          </label>
          <label>
            {t('proposals.matters.raisedBy')}
            <input
              name="matter-by"
              value={raisedBy}
              onChange={(e) => setRaisedBy(e.target.value)}
            />
          </label>
          <label>
            {t('proposals.matters.participant')}
            <select
              name="matter-participant"
              value={participantId}
              onChange={(e) => setParticipantId(e.target.value)}
            >
              <option value="">{t('proposals.matters.noParticipant')}</option>
              {participants.map((p) => (
                <option key={p.id} value={p.id}>
                  {displayName(p)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('proposals.matters.add')}</button>
        </form>
      )}
    </section>
  );
}
