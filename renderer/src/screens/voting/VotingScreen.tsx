import { useCallback, useState } from 'react';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { okNotice, wordNotice, type Notice } from '../../kit';
import { useSessionState } from '../../useSessionState';
import { RoundForm } from './RoundForm';
import { RoundPanel } from './RoundPanel';
import { useVoting, useVotingErrorText } from './useVoting';
import './voting.css';

interface Props {
  workshop: WorkshopState;
  onChain: (c: ChainStatus) => void;
}

/** Show what a write did or why it failed: kept as what happened, worded when drawn. */
export type Notify = (notice: Notice) => void;

/** Voting rounds: the list, a new round, and the selected round's counting, kiosk or results. */
export function VotingScreen({ workshop, onChain }: Props) {
  const { t } = useI18n();
  const errText = useVotingErrorText();
  const v = useVoting(workshop, onChain);
  // Kept across a reload (F5), like the section: the round being counted stays open.
  const [selectedId, setSelectedId] = useSessionState<string>(`round.${workshop.workshopId}`, '');
  const selected = selectedId === '' ? null : selectedId;
  const setSelected = (id: string | null) => setSelectedId(id ?? '');
  const [creating, setCreating] = useState(false);
  // Worded at each draw (a core error as voting words it): it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const notify = useCallback<Notify>((n) => setNotice(n), []);
  const message = wordNotice(notice, { t, errorText: errText });

  if (!v.rounds) {
    return (
      <section>
        {v.error ? (
          <p className="banner error">{errText(v.error)}</p>
        ) : (
          <p className="muted">{t('voting.loading')}</p>
        )}
      </section>
    );
  }
  const current = v.rounds.find((r) => r.id === selected) ?? null;
  return (
    <section className="voting">
      <div className="screen-head">
        <h1>{t('voting.title')}</h1>
        {!workshop.sealed && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              setCreating(true);
              setSelected(null);
            }}
          >
            {t('voting.newRound')}
          </button>
        )}
      </div>
      {message && (
        <p
          className={`banner ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="voting-message"
        >
          {message.text}
        </p>
      )}
      <div className="voting-layout">
        <nav className="round-list" aria-label={t('voting.rounds')}>
          <h2>{t('voting.rounds')}</h2>
          {v.rounds.length === 0 && <p className="muted small">{t('voting.noRounds')}</p>}
          <ul>
            {v.rounds.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={r.id === selected ? 'active' : ''}
                  aria-current={r.id === selected ? 'true' : undefined}
                  onClick={() => {
                    setSelected(r.id);
                    setCreating(false);
                    setNotice(null);
                  }}
                >
                  <span className="round-name">
                    {r.position}. {r.title}
                  </span>
                  <span className="round-meta">
                    {t(`voting.kind.${r.kind}`)}
                    {r.ballotType ? ` · ${t(`voting.ballotType.${r.ballotType}`)}` : ''}
                  </span>
                  <span className={`state-badge ${r.state}`}>{t(`voting.state.${r.state}`)}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="round-main">
          {creating && (
            <RoundForm
              workshop={workshop}
              items={v.items}
              admitted={v.admitted}
              onCancel={() => setCreating(false)}
              onCreated={async (r) => {
                const round = await v.applied(r);
                setCreating(false);
                setSelected(round.id);
                notify(okNotice('voting.created', { title: round.title }));
              }}
              errText={errText}
            />
          )}
          {!creating && current && (
            <RoundPanel
              key={current.id}
              workshop={workshop}
              round={current}
              items={v.items}
              applied={v.applied}
              notify={notify}
              errText={errText}
            />
          )}
          {!creating && !current && (
            <p className="muted">
              {v.rounds.length ? t('voting.pickRound') : t('voting.startHint')}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}
