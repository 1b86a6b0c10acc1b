import { useCallback, useEffect, useRef, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatDate, formatDateTime } from '../../../../shared/format';
import type { Operator, Round, RoundDetail } from '../../../../shared/schemas/voting';
import { voteRuleKey } from '../../../../shared/voting/eligibility';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { okNotice, say, thrownNotice, type Say } from '../../kit';
import { useSessionState } from '../../useSessionState';
import { invoke } from '../../transport';
import { BallotPanel } from './BallotPanel';
import { CountingPanel } from './CountingPanel';
import { KioskScreen } from './KioskScreen';
import { RoundResults } from './RoundResults';
import type { Item } from './useVoting';
import type { Notify } from './VotingScreen';

interface Props {
  workshop: WorkshopState;
  round: Round;
  items: Map<string, Item>;
  applied: <T>(r: { value: T; chain: ChainStatus }) => Promise<T>;
  notify: Notify;
  errText: (e: unknown) => string;
}

/** One round: its fixed rules, then counting (open) or its totals (closed). */
export function RoundPanel({ workshop, round, items, applied, notify, errText }: Props) {
  const { t } = useI18n();
  const { workshopId } = workshop;
  // Who is typing is kept across a reload (F5) of this tab: a reload must not turn operator B
  // into A, whose saved rows would then read as B's (field test fac26).
  const [operator, setOperatorState] = useSessionState<Operator>(
    `operator.${round.id}`,
    'A',
    (v): v is Operator => v === 'A' || v === 'B',
  );
  // A save started by one operator may answer after the switch: refresh reads the current one.
  const operatorRef = useRef<Operator>(operator);
  const setOperator = useCallback(
    (o: Operator) => {
      operatorRef.current = o;
      setOperatorState(o);
    },
    [setOperatorState],
  );
  // Kept with the operator it was read for: after switching operator, the other one's
  // numbers must never show, not even for the moment the new answer takes to arrive.
  const [loaded, setLoaded] = useState<{ operator: Operator; detail: RoundDetail } | null>(null);
  const detail = loaded?.detail ?? null;
  const countsFor = loaded && loaded.operator === operator ? loaded.detail : null;
  const [confirmClose, setConfirmClose] = useState(false);
  const [kiosk, setKiosk] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLHeadingElement>(null);
  // Focus follows the round, never falling to the page body: once opened, to what comes
  // next (the kiosk button, or the first count); once closed, to the round's heading.
  const lastState = useRef(round.state);
  useEffect(() => {
    const was = lastState.current;
    lastState.current = round.state;
    if (was === round.state) return;
    const root = panelRef.current;
    if (round.state === 'open' && was === 'draft')
      requestAnimationFrame(() =>
        root?.querySelector<HTMLElement>('[data-next-after-open], .count-input')?.focus(),
      );
    if (round.state === 'closed') headRef.current?.focus();
  }, [round.state]);
  const refresh = useCallback(async () => {
    const op = operatorRef.current;
    try {
      const d = await invoke('voting:get', { workshopId, roundId: round.id, operator: op });
      if (op === operatorRef.current) setLoaded({ operator: op, detail: d });
    } catch (e) {
      notify(thrownNotice(e));
    }
  }, [workshopId, round.id, notify]);
  useEffect(() => {
    let live = true;
    invoke('voting:get', { workshopId, roundId: round.id, operator })
      .then((d) => live && setLoaded({ operator, detail: d }))
      .catch((e: unknown) => live && notify(thrownNotice(e)));
    return () => {
      live = false;
    };
  }, [workshopId, round.id, round.state, operator, notify]);

  const write = async <T,>(
    call: () => Promise<{ value: T; chain: ChainStatus }>,
    ok?: (v: T) => Say,
  ): Promise<T | null> => {
    try {
      const v = await applied(await call());
      await refresh();
      if (ok) notify(okNotice(ok(v)));
      return v;
    } catch (e) {
      notify(thrownNotice(e));
      return null;
    }
  };
  const venue = workshop.setup.venues.find((v) => v.id === round.venueId);
  const readOnly = workshop.sealed;

  return (
    <div className="round-panel" data-round-state={round.state} ref={panelRef}>
      <div className="panel round-head">
        <h2 ref={headRef} tabIndex={-1}>
          {round.position}. {round.title}{' '}
          <span className={`state-badge ${round.state}`}>{t(`voting.state.${round.state}`)}</span>
        </h2>
        <dl className="round-facts">
          <dt>{t('voting.facts.kind')}</dt>
          <dd>
            {t(`voting.kind.${round.kind}`)}
            {round.ballotType && ` · ${t(`voting.ballotType.${round.ballotType}`)}`}
            {round.maxChoices !== null &&
              ` · ${t('voting.facts.maxChoices', { n: round.maxChoices })}`}
            {round.totalPoints !== null &&
              ` · ${t('voting.facts.totalPoints', { n: round.totalPoints })}`}
            {round.kind !== 'ballot' && round.doubleEntry && ` · ${t('voting.facts.doubleEntry')}`}
          </dd>
          <dt>{t('voting.facts.tieBreak')}</dt>
          <dd data-testid="round-tiebreak">{t(`setup.tieBreak.${round.tieBreak}`)}</dd>
          <dt>{t('voting.facts.where')}</dt>
          <dd>
            {venue?.name ?? ''} · {formatDate(round.day)}
          </dd>
          <dt>
            {round.state === 'closed'
              ? t('voting.facts.entitledAtClose')
              : t('voting.facts.entitledNow')}
          </dt>
          <dd data-testid="round-entitled">{detail?.entitled ?? '…'}</dd>
          <dt>{t('voting.facts.voteRule')}</dt>
          <dd data-testid="round-vote-rule">{detail ? t(voteRuleKey(detail.voteRule)) : '…'}</dd>
          {round.kind === 'ballot' && (
            <>
              <dt>{t('voting.facts.ballots')}</dt>
              <dd data-testid="round-ballots">{detail?.ballots ?? '…'}</dd>
            </>
          )}
          {round.closedAt && (
            <>
              <dt>{t('voting.facts.closedAt')}</dt>
              <dd>{formatDateTime(round.closedAt)}</dd>
            </>
          )}
        </dl>
        {!readOnly && round.state === 'draft' && (
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() =>
                void write(
                  () => invoke('voting:open', { workshopId, roundId: round.id }),
                  () => say('voting.opened', { title: round.title }),
                )
              }
            >
              {t('voting.open')}
            </button>
          </div>
        )}
        {!readOnly && round.state === 'open' && (
          <div className="actions">
            {round.kind === 'ballot' && (
              <button
                type="button"
                className="primary"
                data-next-after-open
                onClick={() => setKiosk(true)}
              >
                {t('voting.kiosk.start')}
              </button>
            )}
            {confirmClose ? (
              <>
                <span className="confirm-text">{t('voting.closeConfirm')}</span>
                <button
                  type="button"
                  className="primary"
                  autoFocus
                  onClick={() => {
                    setConfirmClose(false);
                    void write(
                      () => invoke('voting:close', { workshopId, roundId: round.id }),
                      () => say('voting.closed', { title: round.title }),
                    );
                  }}
                >
                  {t('voting.closeYes')}
                </button>
                <button type="button" onClick={() => setConfirmClose(false)}>
                  {t('voting.form.cancel')}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirmClose(true)}>
                {t('voting.close')}
              </button>
            )}
          </div>
        )}
      </div>
      {round.state === 'draft' && (
        <div className="panel">
          <h3>{round.kind === 'sector' ? t('voting.form.sectors') : t('voting.form.proposals')}</h3>
          <ol className="draft-items">
            {round.itemIds.map((id) => (
              <li key={id}>
                {round.kind !== 'sector' && <code>{items.get(id)?.code}</code>}{' '}
                {items.get(id)?.title}
              </li>
            ))}
          </ol>
        </div>
      )}
      {round.state === 'open' && countsFor && round.kind !== 'ballot' && (
        <CountingPanel
          round={round}
          detail={countsFor}
          items={items}
          operator={operator}
          setOperator={setOperator}
          readOnly={readOnly}
          enter={(itemId, count) =>
            write(() =>
              invoke('voting:enterCount', {
                workshopId,
                roundId: round.id,
                itemId,
                operator,
                count,
              }),
            )
          }
        />
      )}
      {round.state === 'open' && detail && round.kind === 'ballot' && (
        <BallotPanel
          workshopId={workshopId}
          round={round}
          detail={detail}
          items={items}
          readOnly={readOnly}
          write={write}
        />
      )}
      {round.state === 'closed' && (
        <RoundResults workshopId={workshopId} round={round} notify={notify} />
      )}
      {kiosk && detail && (
        <KioskScreen
          round={round}
          detail={detail}
          items={items}
          cast={async (participantId, ballot) => {
            const r: Output<'voting:cast'> = await invoke('voting:cast', {
              workshopId,
              roundId: round.id,
              participantId,
              ballot,
            });
            await applied(r);
            await refresh();
          }}
          notListed={async () =>
            (await invoke('voting:notListed', { workshopId, roundId: round.id })).people
          }
          errText={errText}
          onExit={() => {
            setKiosk(false);
            void refresh();
          }}
        />
      )}
    </div>
  );
}
