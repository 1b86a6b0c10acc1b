// The kiosk's ballot: the options numbered as the keys that mark them (1–9), the blank vote
// (0) always in sight, and what is left to choose. The keys themselves are the kiosk's.
import type { RefObject } from 'react';
import { formatSoles } from '../../../../shared/format';
import type { Round } from '../../../../shared/schemas/voting';
import { useI18n } from '../../i18n';
import type { Item } from './useVoting';

export interface Marks {
  chosen: string[];
  points: Record<string, number>;
  /** The voter chose "Voto en blanco" (exclusive of every option). */
  blank: boolean;
}

interface Props {
  round: Round;
  items: Map<string, Item>;
  voterName: string;
  marks: Marks;
  error: string | null;
  firstChoiceRef: RefObject<HTMLButtonElement | null>;
  onToggle: (id: string) => void;
  onPoints: (id: string, n: number) => void;
  onBlank: () => void;
  onCancel: () => void;
  onReview: () => void;
}

export function KioskBallot({
  round,
  items,
  voterName,
  marks: { chosen, points, blank },
  error,
  firstChoiceRef,
  onToggle,
  onPoints,
  onBlank,
  onCancel,
  onReview,
}: Props) {
  const { t } = useI18n();
  const type = round.ballotType ?? 'approval';
  const limitCents = round.budgetCents ?? 0;
  const spent = chosen.reduce((s, id) => s + (items.get(id)?.costCents ?? 0), 0);
  const pointsUsed = Object.values(points).reduce((s, p) => s + p, 0);
  return (
    <div className="kiosk-body">
      <h2 data-testid="kiosk-voter">{t('voting.kiosk.ballotFor', { name: voterName })}</h2>
      <p className="kiosk-instructions">
        {t(`voting.kiosk.instructions.${type}`, {
          max: round.maxChoices ?? round.itemIds.length,
          points: round.totalPoints ?? 0,
          limit: formatSoles(limitCents),
        })}
      </p>
      <p className="kiosk-keys" data-testid="kiosk-keys">
        {t(type === 'cumulative' ? 'voting.kiosk.keysPoints' : 'voting.kiosk.keys')}
      </p>
      <ol className="kiosk-items">
        {round.itemIds.map((id, i) => {
          const it = items.get(id);
          const rank = chosen.indexOf(id);
          if (type === 'cumulative') {
            const p = points[id] ?? 0;
            return (
              <li key={id} className={p > 0 ? 'chosen' : ''}>
                <span className="kiosk-num">{i + 1}</span>
                <span className="kiosk-item-title">
                  <code>{it?.code}</code> {it?.title}
                </span>
                <span className="kiosk-points">
                  <button
                    type="button"
                    aria-label={t('voting.kiosk.less', { item: it?.code ?? '' })}
                    onClick={() => onPoints(id, p - 1)}
                  >
                    −
                  </button>
                  <output aria-label={t('voting.kiosk.pointsFor', { item: it?.code ?? '' })}>
                    {p}
                  </output>
                  <button
                    type="button"
                    aria-label={t('voting.kiosk.more', { item: it?.code ?? '' })}
                    onClick={() => onPoints(id, p + 1)}
                  >
                    +
                  </button>
                </span>
              </li>
            );
          }
          return (
            <li key={id} className={rank >= 0 ? 'chosen' : ''}>
              <button
                type="button"
                ref={i === 0 ? firstChoiceRef : undefined}
                className="kiosk-choice"
                aria-pressed={rank >= 0}
                onClick={() => onToggle(id)}
              >
                <span className="kiosk-num">{i + 1}</span>
                <span className="kiosk-mark">
                  {rank >= 0 ? (type === 'ranking' ? `${rank + 1}º` : '✓') : ''}
                </span>
                <span className="kiosk-item-title">
                  <code>{it?.code}</code> {it?.title}
                </span>
                {type === 'knapsack' && (
                  <span className="kiosk-cost">{formatSoles(it?.costCents ?? 0)}</span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
      <div className="kiosk-foot">
        {/* The count and its error stacked, in one column: beside each other they pushed the
            buttons onto a second row, and the options under it (fac28: option 6 at 1366×768). */}
        <div className="kiosk-status">
          <span className="kiosk-tally">
            {type === 'cumulative' &&
              t('voting.kiosk.pointsLeft', {
                left: (round.totalPoints ?? 0) - pointsUsed,
                total: round.totalPoints ?? 0,
              })}
            {type === 'knapsack' &&
              t('voting.kiosk.budgetLeft', {
                left: formatSoles(limitCents - spent),
                limit: formatSoles(limitCents),
              })}
            {(type === 'approval' || type === 'ranking') &&
              t('voting.kiosk.chosenOf', {
                n: chosen.length,
                max: round.maxChoices ?? round.itemIds.length,
              })}
          </span>
          {error && (
            <span className="kiosk-error" role="alert">
              {error}
            </span>
          )}
        </div>
        {/* Always in sight (a long ballot scrolls), apart from the options: key 0. */}
        <button
          type="button"
          className={`kiosk-blank${blank ? ' chosen' : ''}`}
          data-testid="kiosk-blank"
          aria-pressed={blank}
          onClick={onBlank}
        >
          <span className="kiosk-num">0</span>
          <span className="kiosk-mark">{blank ? '✓' : ''}</span>
          {t('voting.kiosk.blank')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('voting.kiosk.cancel')}
        </button>
        <button type="button" className="primary" onClick={onReview}>
          {t('voting.kiosk.cast')}
        </button>
      </div>
    </div>
  );
}
