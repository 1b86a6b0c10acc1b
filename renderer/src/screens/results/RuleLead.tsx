import { formatSoles } from '../../../../shared/format';
import { ruleRan } from '../../../../shared/results/rule-ran';
import type { RoundResults } from '../../../../shared/schemas/results';
import { useI18n } from '../../i18n';

/**
 * The explanation's first lines under MES: one sentence per step the rule ran (the equal
 * shares, add1's raise of every share, the completion with what was left), none for a step
 * that did not run (field test fac28: the completion was described on a round MES never ran on).
 */
export function MesLead({ r }: { r: RoundResults }) {
  const { t } = useI18n();
  const ran = r.ran ?? ruleRan(r, undefined);
  if (!ran) return null;
  return (
    <p className="lead" data-testid="rule-ran" data-steps={ran.steps.join(' ')}>
      {ran.steps
        .map((s) =>
          s === 'add1'
            ? t('results.explanation.ranAdd1', { raise: formatSoles(ran.add1RaiseCents ?? 0) })
            : t(`results.explanation.ran.${s}`),
        )
        .join(' ')}
    </p>
  );
}

/** Whether the rule ran any step: MES on a show-of-hands count ran none (the banner says why). */
export function ranNothing(r: RoundResults): boolean {
  const ran = r.ran ?? ruleRan(r, undefined);
  return ran !== null && ran.steps.length === 0;
}
