// The kiosk's review: the ballot as it will be cast; only "Confirmar" casts it.
import type { RefObject } from 'react';
import type { BallotContent, Round } from '../../../../shared/schemas/voting';
import { useI18n } from '../../i18n';
import type { Item } from './useVoting';

interface Props {
  round: Round;
  items: Map<string, Item>;
  voterName: string;
  ballot: BallotContent;
  error: string | null;
  busy: boolean;
  confirmRef: RefObject<HTMLButtonElement | null>;
  onBack: () => void;
  onConfirm: () => void;
}

export function KioskReview({
  round,
  items,
  voterName,
  ballot,
  error,
  busy,
  confirmRef,
  onBack,
  onConfirm,
}: Props) {
  const { t } = useI18n();
  const type = round.ballotType ?? 'approval';
  return (
    <div className="kiosk-body" data-testid="kiosk-review">
      <h2>{t('voting.kiosk.ballotFor', { name: voterName })}</h2>
      <p className="kiosk-instructions">{t('voting.kiosk.review')}</p>
      <p className="kiosk-keys" data-testid="kiosk-keys">
        {t('voting.kiosk.keysReview')}
      </p>
      <ol className="kiosk-items kiosk-review">
        {ballot.blank && (
          <li className="chosen" data-testid="kiosk-review-blank">
            <span className="kiosk-num">0</span>
            <span className="kiosk-mark">✓</span>
            <span className="kiosk-item-title">{t('voting.kiosk.blankReview')}</span>
          </li>
        )}
        {ballot.choices.map((id, k) => {
          const it = items.get(id);
          const pts = ballot.points?.[k];
          return (
            <li key={id} className="chosen">
              <span className="kiosk-num">{round.itemIds.indexOf(id) + 1}</span>
              <span className="kiosk-mark">
                {type === 'ranking' ? `${k + 1}º` : type === 'cumulative' ? String(pts ?? 0) : '✓'}
              </span>
              <span className="kiosk-item-title">
                <code>{it?.code}</code> {it?.title}
              </span>
            </li>
          );
        })}
      </ol>
      <div className="kiosk-foot">
        {error && (
          <span className="kiosk-error" role="alert">
            {error}
          </span>
        )}
        <button type="button" onClick={onBack}>
          {t('voting.kiosk.back')}
        </button>
        <button
          ref={confirmRef}
          type="button"
          className="primary"
          disabled={busy}
          onClick={onConfirm}
        >
          {t('voting.kiosk.confirm')}
        </button>
      </div>
    </div>
  );
}
