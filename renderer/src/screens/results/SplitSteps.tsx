import { formatSoles } from '../../../../shared/format';
import type { RoundResults, SplitResult } from '../../../../shared/schemas/results';
import { useI18n } from '../../i18n';

/**
 * The sector split step by step (setup option "el voto sectorial reparte el monto"): per
 * sector its share, what it funded, spent and left over; then the pass over the pooled
 * leftover. Drawn from the frozen result (shared/results/sector-split.ts), never recomputed.
 */
export function SplitSteps({ r, split }: { r: RoundResults; split: SplitResult }) {
  const { t } = useI18n();
  const title = new Map(r.projects.map((p) => [p.code, p.title]));
  const cost = new Map(r.projects.map((p) => [p.code, p.costCents]));
  const named = (codes: readonly string[]) =>
    codes.length === 0 ? (
      <span className="muted">—</span>
    ) : (
      <ul className="plain">
        {codes.map((c) => (
          <li key={c} data-code={c}>
            <span className="code">{c}</span> {title.get(c) ?? ''} ({formatSoles(cost.get(c) ?? 0)})
          </li>
        ))}
      </ul>
    );
  const sum = (f: (s: SplitResult['sectors'][number]) => number) =>
    split.sectors.reduce((n, s) => n + f(s), 0);
  return (
    <section className="panel explanation" data-testid="split-steps">
      <h2>{t('results.split.title')}</h2>
      <p className="lead">{t('results.split.lead')}</p>
      {split.sectors.length === 0 && <p className="banner warn">{t('results.split.noShares')}</p>}
      <table className="data-table split" data-testid="split-table">
        <thead>
          <tr>
            <th>{t('results.split.col.sector')}</th>
            <th className="num">{t('results.split.col.share')}</th>
            <th>{t('results.split.col.selected')}</th>
            <th className="num">{t('results.split.col.spent')}</th>
            <th className="num">{t('results.split.col.leftover')}</th>
            <th>{t('results.split.col.skipped')}</th>
          </tr>
        </thead>
        <tbody>
          {split.sectors.map((s) => (
            <tr key={s.sectorId} data-sector={s.name}>
              <td>{s.name}</td>
              <td className="num">{formatSoles(s.shareCents)}</td>
              <td>{named(s.selected)}</td>
              <td className="num">{formatSoles(s.spentCents)}</td>
              <td className="num strong">{formatSoles(s.leftoverCents)}</td>
              <td>{named(s.skipped)}</td>
            </tr>
          ))}
          <tr className="total">
            <td>{t('results.split.total')}</td>
            <td className="num">{formatSoles(sum((s) => s.shareCents))}</td>
            <td />
            <td className="num">{formatSoles(sum((s) => s.spentCents))}</td>
            <td className="num strong">{formatSoles(sum((s) => s.leftoverCents))}</td>
            <td />
          </tr>
        </tbody>
      </table>
      <h3>{t('results.split.remainderTitle')}</h3>
      <p data-testid="split-remainder">
        {t('results.split.remainder', {
          pooled: formatSoles(split.pooledCents),
          spent: formatSoles(split.remainder.spentCents),
          left: formatSoles(split.remainder.leftoverCents),
        })}
      </p>
      {split.remainder.selected.length > 0 ? (
        named(split.remainder.selected)
      ) : (
        <p className="muted">{t('results.split.remainderNone')}</p>
      )}
    </section>
  );
}
