// The reconciliation on screen, in plain language: counts first, then each category as a
// list a person can read aloud. Name matches carry their confidence and two buttons.
import type { Output } from '../../../../shared/api';
import { formatSoles } from '../../../../shared/format';
import { useI18n } from '../../i18n';

type Check = Output<'plan:check'>;
type Report = Check['report'];
type Matched = Report['matched'][number];
type Rejected = Report['rejectedButFunded'][number];
type PlanRef = Report['notInMinutes'][number];

export interface Decision {
  agreedKey: string;
  planLine: number;
  verdict: 'confirmed' | 'undone';
}
/** What a person does to one name match: confirm it, undo it, or clear an earlier decision. */
export type DecisionChange = Decision | { agreedKey: string; planLine: number; verdict: 'clear' };
type DecideFn = (d: DecisionChange) => void;

/** The decisions after one change: the pair's earlier decision replaced, or cleared. */
export function applyDecision(decisions: readonly Decision[], d: DecisionChange): Decision[] {
  const rest = decisions.filter((x) => !(x.agreedKey === d.agreedKey && x.planLine === d.planLine));
  return d.verdict === 'clear' ? rest : [...rest, d];
}

const money = (c: number | null) => (c === null ? '—' : formatSoles(c));

function How({ m, onDecide }: { m: Matched | Rejected; onDecide: DecideFn }) {
  const { t } = useI18n();
  if (m.by !== 'name')
    return <span className="how">{t(m.by === 'cui' ? 'plan.ui.byCui' : 'plan.ui.byCode')}</span>;
  return (
    <span className={`how name ${m.confirmed ? 'confirmed' : 'pending'}`}>
      {t('plan.ui.byName', { confidence: m.confidence ?? 0 })}
      {m.confirmed ? (
        <>
          {' '}
          · <strong>{t('plan.ui.confirmed')}</strong>{' '}
          <button
            type="button"
            className="small"
            onClick={() => onDecide({ agreedKey: m.key, planLine: m.plan.line, verdict: 'clear' })}
          >
            ↺
          </button>
        </>
      ) : (
        <>
          {' '}
          <button
            type="button"
            className="small"
            data-testid={`plan-confirm-${m.code}`}
            onClick={() =>
              onDecide({ agreedKey: m.key, planLine: m.plan.line, verdict: 'confirmed' })
            }
          >
            {t('plan.ui.confirm')}
          </button>{' '}
          <button
            type="button"
            className="small"
            data-testid={`plan-undo-${m.code}`}
            onClick={() => onDecide({ agreedKey: m.key, planLine: m.plan.line, verdict: 'undone' })}
          >
            {t('plan.ui.undo')}
          </button>
        </>
      )}
    </span>
  );
}

function PlanLine({ p }: { p: PlanRef }) {
  const { t } = useI18n();
  return (
    <div className="plan-line muted">
      {t('plan.ui.planLine', { lines: p.lines.join(', '), name: p.name })}
      {(p.pimCents !== null || p.devengadoCents !== null) && (
        <>
          {' '}
          · {t('plan.ui.execution', { pim: money(p.pimCents), devengado: money(p.devengadoCents) })}
        </>
      )}
    </div>
  );
}

function Section({
  id,
  title,
  lead,
  count,
  children,
}: {
  id: string;
  title: string;
  lead: string;
  count: number;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section
      className={`plan-cat plan-cat-${id}`}
      data-testid={`plan-cat-${id}`}
      data-count={count}
    >
      <h3>{title}</h3>
      <p className="muted">{lead}</p>
      {count === 0 ? <p className="muted">{t('plan.report.none')}</p> : <ul>{children}</ul>}
    </section>
  );
}

export function PlanReport({ check, onDecide }: { check: Check; onDecide: DecideFn }) {
  const { t } = useI18n();
  const r = check.report;
  const pending = [...r.matched, ...r.amountChanged, ...r.rejectedButFunded].filter(
    (m) => m.by === 'name' && !m.confirmed,
  ).length;
  const boxes: [string, string, number][] = [
    ['agreed', 'plan.report.box.agreed', check.minutes.agreedCount],
    ['matched', 'plan.report.box.matched', r.matched.length],
    ['amountChanged', 'plan.report.box.amountChanged', r.amountChanged.length],
    ['missingFromPlan', 'plan.report.box.missingFromPlan', r.missingFromPlan.length],
    ['notInMinutes', 'plan.report.box.notInMinutes', r.notInMinutes.length],
    ['rejectedButFunded', 'plan.report.box.rejectedButFunded', r.rejectedButFunded.length],
  ];
  return (
    <>
      <div className="plan-boxes">
        {boxes.map(([id, key, n]) => (
          <div key={id} className={`plan-box plan-box-${id}`} data-testid={`plan-box-${id}`}>
            <div className="n">{n}</div>
            <div>{t(key)}</div>
          </div>
        ))}
      </div>
      <p className="plan-summary" data-testid="plan-summary">
        {t('plan.report.summary', {
          agreed: money(r.totals.agreedCents),
          plan: money(r.totals.planCents),
          inAgreed: money(r.totals.agreedInPlanCents),
          notAgreed: money(r.totals.notInMinutesCents + r.totals.rejectedButFundedCents),
        })}
      </p>
      {pending > 0 && (
        <p className="banner warn" data-testid="plan-pending">
          {t('plan.ui.pending', { count: pending })}
        </p>
      )}

      <Section
        id="matched"
        title={t('plan.report.matched', { count: r.matched.length })}
        lead={t('plan.report.matchedLead')}
        count={r.matched.length}
      >
        {r.matched.map((m) => (
          <li key={m.key}>
            <strong>{m.code}</strong> {m.title} — <strong>{money(m.planCents)}</strong>
            {m.municipalShare && <> {t('plan.report.municipalShare')}</>}
            <PlanLine p={m.plan} />
            <How m={m} onDecide={onDecide} />
          </li>
        ))}
      </Section>
      <Section
        id="amountChanged"
        title={t('plan.report.amountChanged', { count: r.amountChanged.length })}
        lead={t('plan.report.amountChangedLead')}
        count={r.amountChanged.length}
      >
        {r.amountChanged.map((m) => (
          <li key={m.key}>
            <strong>{m.code}</strong> {m.title}
            <div>
              {t('plan.ui.agreedVsPlan', {
                agreed: money(m.agreedCents),
                plan: money(m.planCents),
              })}{' '}
              ·{' '}
              <strong>
                {t('plan.ui.difference', {
                  difference: `${m.differenceCents > 0 ? '+' : ''}${money(m.differenceCents)}`,
                  percent: m.differencePercent ?? '—',
                })}
              </strong>
            </div>
            <PlanLine p={m.plan} />
            <How m={m} onDecide={onDecide} />
          </li>
        ))}
      </Section>
      <Section
        id="missingFromPlan"
        title={t('plan.report.missingFromPlan', { count: r.missingFromPlan.length })}
        lead={t('plan.report.missingFromPlanLead')}
        count={r.missingFromPlan.length}
      >
        {r.missingFromPlan.map((m) => (
          <li key={m.key}>
            <strong>{m.code}</strong> {m.title} — <strong>{money(m.agreedCents)}</strong>
          </li>
        ))}
      </Section>
      <Section
        id="rejectedButFunded"
        title={t('plan.report.rejectedButFunded', { count: r.rejectedButFunded.length })}
        lead={t('plan.report.rejectedButFundedLead')}
        count={r.rejectedButFunded.length}
      >
        {r.rejectedButFunded.map((x) => (
          <li key={`${x.key}-${x.plan.line}`}>
            <strong>{x.code}</strong> {x.title} — <strong>{money(x.plan.amountCents)}</strong>
            <div>
              {t('plan.ui.rejectedBecause', {
                reason: t(`proposals.reason.${x.reason}`),
                explanation: x.explanation,
              })}
            </div>
            <PlanLine p={x.plan} />
            <How m={x} onDecide={onDecide} />
          </li>
        ))}
      </Section>
      <Section
        id="notInMinutes"
        title={t('plan.report.notInMinutes', { count: r.notInMinutes.length })}
        lead={t('plan.report.notInMinutesLead')}
        count={r.notInMinutes.length}
      >
        {r.notInMinutes.map((l) => (
          <li key={l.line}>
            {l.cui && <code>CUI {l.cui}</code>} {l.name} — <strong>{money(l.amountCents)}</strong>
            <PlanLine p={l} />
          </li>
        ))}
      </Section>
      {r.undone.length > 0 && (
        <section className="plan-cat" data-testid="plan-undone">
          <h3>{t('plan.ui.undoneList')}</h3>
          <ul>
            {r.undone.map((u) => (
              <li key={`${u.agreedKey}-${u.planLine}`}>
                <strong>{u.code}</strong> {u.title} ≠ {u.planName}{' '}
                <button
                  type="button"
                  className="small"
                  onClick={() =>
                    onDecide({ agreedKey: u.agreedKey, planLine: u.planLine, verdict: 'clear' })
                  }
                >
                  {t('plan.ui.restore')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
