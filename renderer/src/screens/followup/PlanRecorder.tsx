// Record a year's final plan in the register: pick the file, read the comparison with that
// year's Acta (columns recognised automatically), confirm or undo the name matches, then
// keep it. The same file, columns and decisions go to checkPlan and to recordPlan.
import { FilePicker } from '../../components/FilePicker';
import { useState } from 'react';
import type { Input, Output } from '../../../../shared/api';
import { useI18n } from '../../i18n';
import { ErrorBanner, okNotice, useAction, type Notice } from '../../kit';
import { invoke } from '../../transport';
import { applyDecision, PlanReport, type Decision, type DecisionChange } from '../plan/PlanReport';
import { readBase64 } from '../plan/PlanScreen';
import type { Applied } from './entries';

type Check = Output<'followup:checkPlan'>;

interface Props {
  workshopId: string;
  minutesId: string;
  year: number;
  readOnly: boolean;
  applied: Applied;
  onClose: () => void;
}

export function PlanRecorder({ workshopId, minutesId, year, readOnly, applied, onClose }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [plan, setPlan] = useState<{ fileName: string; base64: string } | null>(null);
  const [decisions, setDecisions] = useState<Decision[]>([]);
  const [check, setCheck] = useState<Check | null>(null);
  const { busy, error, run: act } = useAction();
  // Worded when drawn: it follows a change of language.
  const [saved, setSaved] = useState<Notice | null>(null);

  const input = (
    p: { fileName: string; base64: string },
    d: Decision[],
  ): Input<'followup:checkPlan'> => ({
    workshopId,
    minutesId,
    plan: p,
    sheet: check?.plan.sheet ?? null,
    mapping: check?.plan.mapping ?? null,
    decisions: d,
  });

  const run = async (p: { fileName: string; base64: string }, d: Decision[], fresh = false) => {
    setSaved(null);
    const r = await act(() =>
      invoke(
        'followup:checkPlan',
        fresh ? { ...input(p, d), sheet: null, mapping: null } : input(p, d),
      ),
    );
    setCheck(r.ok ? r.value : null);
  };

  const decide = (d: DecisionChange) => {
    if (!plan) return;
    const next = applyDecision(decisions, d);
    setDecisions(next);
    void run(plan, next);
  };

  const record = async () => {
    if (!plan) return;
    await act(async () => {
      await applied(await invoke('followup:recordPlan', input(plan, decisions)));
      setSaved(okNotice('followup.plan.saved', { year, file: plan.fileName }));
    });
  };

  return (
    <div className="fu-plan" data-testid="followup-plan">
      <h3>{t('followup.plan.heading', { year })}</h3>
      <fieldset disabled={readOnly || busy} className="inline-form">
        <FilePicker
          label={t('followup.plan.file')}
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          testId="followup-plan-file"
          onFile={(f) =>
            void readBase64(f).then((base64) => {
              const p = { fileName: f.name, base64 };
              setPlan(p);
              setDecisions([]);
              void run(p, [], true);
            })
          }
        />
        <button type="button" onClick={onClose}>
          {t('followup.common.close')}
        </button>
      </fieldset>
      {busy && <p role="status">{t('followup.common.working')}</p>}
      <ErrorBanner error={error} testId="followup-plan-error" />
      {check && (
        <div className="fu-plan-report" data-testid="plan-report">
          <p className="verified">
            ✓{' '}
            {t('followup.plan.verified', {
              year: check.minutes.fiscalYear,
              fingerprint: check.minutes.fingerprint,
              plan: check.plan.fingerprint,
            })}
          </p>
          {check.errors.length > 0 && (
            <details className="banner warn" open>
              <summary>{t('followup.plan.unread', { count: check.errors.length })}</summary>
              <ul>
                {check.errors.slice(0, 20).map((x, i) => (
                  <li key={i}>{t(x.key, x.params)}</li>
                ))}
              </ul>
            </details>
          )}
          <PlanReport check={check} onDecide={decide} />
          <div className="save-area fu-plan-save">
            <button
              type="button"
              className="primary big"
              disabled={readOnly || busy || saved !== null}
              onClick={() => void record()}
              data-testid="followup-plan-save"
            >
              {t('followup.plan.save')}
            </button>
            {saved && (
              <span className="status saved" role="status" data-testid="followup-plan-saved">
                ✓ {saved.say(i18n)}
              </span>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
