// Bars drawn with plain boxes (no chart library): they print, scale on a projector and
// read in black and white (selected = solid, not selected = outlined).
import { formatSoles } from '../../../../shared/format';
import type { ProjectResult, RoundResults } from '../../../../shared/schemas/results';
import { useI18n } from '../../i18n';

const pct = (part: number, whole: number) =>
  whole > 0 ? Math.max(0, Math.min(100, (part * 100) / whole)) : 0;

/** The envelope as one bar: the selected projects in the order chosen, then what is left. */
export function EnvelopeBar({ results, big = false }: { results: RoundResults; big?: boolean }) {
  const { t } = useI18n();
  const chosen = results.projects
    .filter((p) => p.selected)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  const left = results.envelopeCents - results.totalCents;
  return (
    <div className={`envelope${big ? ' big' : ''}`} data-testid="envelope-bar">
      <div
        className="envelope-bar"
        role="img"
        aria-label={t('results.envelopeLine', {
          n: chosen.length,
          total: formatSoles(results.totalCents),
          envelope: formatSoles(results.envelopeCents),
          left: formatSoles(left),
        })}
      >
        {chosen.map((p, i) => (
          <div
            key={p.code}
            className={`seg ${i % 2 ? 'odd' : 'even'}`}
            style={{ width: `${pct(p.costCents, results.envelopeCents)}%` }}
            title={`${p.code} ${p.title} — ${formatSoles(p.costCents)}`}
            data-code={p.code}
          >
            {/* A label only where it fits; the tooltip and the list below name every segment. */}
            {pct(p.costCents, results.envelopeCents) >= (big ? 5 : 4.5) && <span>{p.code}</span>}
          </div>
        ))}
        {left > 0 && (
          <div
            className="seg left"
            style={{ width: `${pct(left, results.envelopeCents)}%` }}
            title={`${t('results.left')}: ${formatSoles(left)}`}
          />
        )}
      </div>
      <p className="envelope-line" data-testid="envelope-line">
        {t('results.envelopeLine', {
          n: chosen.length,
          total: formatSoles(results.totalCents),
          envelope: formatSoles(results.envelopeCents),
          left: formatSoles(left),
        })}
      </p>
    </div>
  );
}

/** One bar per proposal of a sector: its combined score out of 100. */
export function SectorBars({ projects }: { projects: ProjectResult[] }) {
  const { t } = useI18n();
  return (
    <ol className="bars">
      {projects.map((p) => (
        <li key={p.code} className={p.selected ? 'selected' : ''} data-code={p.code}>
          <span className="bar-label">
            <strong>{p.code}</strong> {p.title}
          </span>
          <span className="bar-track">
            <span className="bar-fill" style={{ width: `${Math.min(100, Number(p.combined))}%` }} />
          </span>
          <span className="bar-value num">{p.combined}</span>
          <span className="bar-outcome">
            {p.selected ? `✔ ${t('results.selected')}` : t('results.notSelected')}
          </span>
        </li>
      ))}
    </ol>
  );
}
