import { useRef, useState } from 'react';
import type { ItemCount, Operator, Round, RoundDetail } from '../../../../shared/schemas/voting';
import { useI18n } from '../../i18n';
import type { Item } from './useVoting';

interface Props {
  round: Round;
  detail: RoundDetail;
  items: Map<string, Item>;
  operator: Operator;
  setOperator: (o: Operator) => void;
  readOnly: boolean;
  enter: (itemId: string, count: number) => Promise<ItemCount | null>;
}

/**
 * Show of hands: one number per item, Enter saves and moves down. With double entry each
 * operator types blind; a count is final when both agree, and differences sit side by side.
 */
export function CountingPanel({
  round,
  detail,
  items,
  operator,
  setOperator,
  readOnly,
  enter,
}: Props) {
  const { t } = useI18n();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  // Enter saves and moves focus, which blurs the field: don't save the same number twice.
  const saving = useRef(new Set<string>());
  // While the round is open the API returns no count (secrecy, issue 14): what this operator
  // typed and saved here is kept on this screen only, to show it and not save it twice.
  const [typed, setTyped] = useState<Record<string, number>>({});
  const [draft, setDraft] = useState<Record<string, string>>({});
  /** A refused number, shown next to its field (the field itself goes back to what is recorded). */
  const [rowError, setRowError] = useState<{ itemId: string; text: string } | null>(null);
  const counts = new Map(detail.counts.map((c) => [c.itemId, c]));
  const final = detail.counts.filter((c) => c.status === 'final').length;
  const mismatches = detail.counts.filter((c) => c.status === 'mismatch').length;

  const forget = (itemId: string) =>
    setDraft((d) => {
      const { [itemId]: _gone, ...rest } = d;
      return rest;
    });

  /**
   * Refuse a number at its row: the message beside the field, focus kept there, and the
   * field back to the recorded count, so no number on screen is one that was not recorded.
   */
  const refuse = (itemId: string, row: number, text: string) => {
    forget(itemId);
    setRowError({ itemId, text });
    const input = inputs.current[row];
    input?.focus();
    requestAnimationFrame(() => input?.select());
  };

  /** Save a changed number; then move to `next` (Enter) or stay (leaving the field). */
  const save = async (itemId: string, row: number, next: number | null) => {
    if (saving.current.has(itemId)) return;
    const raw = draft[itemId];
    const mine = counts.get(itemId)?.mine ?? typed[itemId] ?? null;
    const n = raw === undefined || raw.trim() === '' ? null : Number(raw);
    if (n !== null && n > detail.entitled) {
      refuse(
        itemId,
        row,
        t('voting.error.countOverEntitled', { count: n, entitled: detail.entitled }),
      );
      return;
    }
    setRowError((e) => (e?.itemId === itemId ? null : e));
    saving.current.add(itemId);
    // Move on at once, so a fast typist never types into the row just left.
    if (next !== null) inputs.current[next]?.focus();
    try {
      if (n !== null && n !== mine) {
        if (!Number.isInteger(n) || n < 0) return;
        const r = await enter(itemId, n);
        if (!r) {
          refuse(itemId, row, t('voting.count.notRecorded'));
          return;
        }
        setTyped((m) => ({ ...m, [itemId]: n }));
        forget(itemId);
      }
    } finally {
      saving.current.delete(itemId);
    }
  };

  return (
    <div className="panel counting" aria-label={t('voting.count.title')}>
      <div className="counting-head">
        <h3>{t('voting.count.title')}</h3>
        {round.doubleEntry && (
          <div className="operator-toggle" role="group" aria-label={t('voting.count.operator')}>
            {(['A', 'B'] as const).map((o) => (
              <button
                key={o}
                type="button"
                className={o === operator ? 'active' : ''}
                aria-pressed={o === operator}
                onClick={() => {
                  setDraft({});
                  setTyped({});
                  setOperator(o);
                }}
              >
                {t('voting.count.operatorN', { op: o })}
              </button>
            ))}
          </div>
        )}
        <p className="muted small" data-testid="count-progress">
          {t('voting.count.progress', {
            final,
            total: round.itemIds.length,
            entitled: detail.entitled,
          })}
          {mismatches > 0 && (
            <strong className="mismatch-text">
              {' '}
              {t('voting.count.mismatches', { n: mismatches })}
            </strong>
          )}
        </p>
      </div>
      {round.doubleEntry && <p className="hint">{t('voting.count.blindHint')}</p>}
      <table className="data-table count-table">
        <thead>
          <tr>
            <th>#</th>
            <th>
              {round.kind === 'sector' ? t('voting.count.sector') : t('voting.count.proposal')}
            </th>
            <th className="num">{t('voting.count.yourCount', { op: operator })}</th>
            {round.doubleEntry && (
              <th className="num">{t('voting.count.operatorN', { op: 'A' })}</th>
            )}
            {round.doubleEntry && (
              <th className="num">{t('voting.count.operatorN', { op: 'B' })}</th>
            )}
            <th>{t('voting.count.status')}</th>
          </tr>
        </thead>
        <tbody>
          {round.itemIds.map((id, i) => {
            const c = counts.get(id);
            const it = items.get(id);
            const own = c?.mine ?? typed[id];
            // Saved by this operator earlier (before a reload): the API says so, without the number.
            const saved = (operator === 'A' ? c?.enteredA : c?.enteredB) ?? false;
            const hidden = saved && (own === undefined || own === null);
            const status =
              c?.status === 'waiting'
                ? hidden
                  ? 'savedHidden'
                  : own === undefined || own === null
                    ? 'waitingYou'
                    : 'waitingOther'
                : (c?.status ?? 'empty');
            const value = draft[id] ?? (own !== undefined ? String(own) : '');
            return (
              <tr
                key={id}
                className={
                  c?.status === 'mismatch' ? 'mismatch' : c?.status === 'final' ? 'final' : ''
                }
                data-item={it?.code}
              >
                <td className="num">{i + 1}</td>
                <td>
                  {round.kind !== 'sector' && <code>{it?.code}</code>} {it?.title}
                </td>
                <td className="num">
                  <input
                    ref={(el) => {
                      inputs.current[i] = el;
                    }}
                    className="count-input"
                    inputMode="numeric"
                    aria-label={t('voting.count.inputLabel', {
                      item: it?.code ?? '',
                      op: operator,
                    })}
                    aria-invalid={rowError?.itemId === id}
                    aria-describedby={rowError?.itemId === id ? `count-error-${i}` : undefined}
                    value={value}
                    placeholder={hidden ? t('voting.count.savedPlaceholder') : undefined}
                    disabled={readOnly}
                    onChange={(e) =>
                      setDraft((d) => ({ ...d, [id]: e.target.value.replace(/[^0-9]/g, '') }))
                    }
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') {
                        e.preventDefault();
                        void save(id, i, i + 1);
                      }
                    }}
                    onBlur={() => {
                      if (draft[id] !== undefined) void save(id, i, null);
                    }}
                  />
                  {rowError?.itemId === id && (
                    <span id={`count-error-${i}`} className="count-error" role="alert">
                      {rowError.text}
                    </span>
                  )}
                </td>
                {round.doubleEntry && <td className="num side">{c?.a ?? ''}</td>}
                {round.doubleEntry && <td className="num side">{c?.b ?? ''}</td>}
                <td className={`count-status ${c?.status ?? 'empty'}`}>
                  {t(`voting.count.status.${status}`)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
