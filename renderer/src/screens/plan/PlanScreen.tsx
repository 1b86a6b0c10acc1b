// Compare sealed minutes with the municipality's final plan (issue 7). Stateless: the two
// files stay in memory here and go to the core with every change of columns or decisions;
// the core checks the minutes' signature first, every time.
import { FilePicker } from '../../components/FilePicker';
import { useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../../shared/api';
import { PLAN_FIELDS, type PlanField } from '../../../../shared/plan/columns';
import type { SealedEntry } from '../../../../shared/schemas/minutes';
import { useI18n } from '../../i18n';
import { ErrorBanner, okNotice, useAction, type Notice } from '../../kit';
import { invoke } from '../../transport';
import { base64ToBlob, download } from '../attendance/PrintTab';
import { applyDecision, PlanReport, type Decision, type DecisionChange } from './PlanReport';
import './plan.css';

type Check = Output<'plan:check'>;
type Mapping = Check['plan']['mapping'];
type MinutesSource = { base64: string; fileName: string } | { archived: string };

export function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () =>
      resolve(typeof r.result === 'string' ? r.result.replace(/^data:[^,]*,/, '') : '');
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

const sourceName = (s: MinutesSource) => ('archived' in s ? s.archived : s.fileName);

export function PlanScreen({ onBack }: { onBack: () => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [archive, setArchive] = useState<SealedEntry[] | null>(null);
  const [minutes, setMinutes] = useState<MinutesSource | null>(null);
  const [plan, setPlan] = useState<{ fileName: string; base64: string } | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [sheet, setSheet] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<Decision[]>([]);
  const [check, setCheck] = useState<Check | null>(null);
  const { busy, error, run: act } = useAction();
  // Worded when drawn: it follows a change of language.
  const [printed, setPrinted] = useState<Notice | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const reportRef = useRef<HTMLElement>(null);
  const scrollNext = useRef(false);

  // After Compare, bring the result into view (not after each confirm/undo).
  useEffect(() => {
    if (scrollNext.current && check) {
      reportRef.current?.scrollIntoView({ block: 'start' });
      scrollNext.current = false;
    }
  }, [check]);

  useEffect(() => {
    invoke('minutes:archive', {})
      .then((list) => setArchive(list.filter((e) => e.kind === 'minutes')))
      .catch(() => setArchive([]));
  }, []);

  const input = (over: Partial<Input<'plan:check'>> = {}): Input<'plan:check'> | null =>
    minutes && plan ? { minutes, plan, sheet, mapping, decisions, ...over } : null;

  const run = async (over: Partial<Input<'plan:check'>> = {}) => {
    const i = input(over);
    if (!i) return;
    setPrinted(null);
    const r = await act(() => invoke('plan:check', i));
    if (!r.ok) {
      setCheck(null);
      return;
    }
    setCheck(r.value);
    setMapping(r.value.plan.mapping);
    setSheet(r.value.plan.sheet);
  };

  const decide = (d: DecisionChange) => {
    const next = applyDecision(decisions, d);
    setDecisions(next);
    void run({ decisions: next });
  };

  const print = async () => {
    const i = input();
    if (!i) return;
    await act(async () => {
      const r = await invoke('plan:reportPdf', { ...i, lang, passphrase: passphrase || null });
      download(r.fileName, base64ToBlob(r.base64, 'application/pdf'));
      setPrinted(
        okNotice((w) =>
          w.t('plan.ui.printed', {
            file: r.fileName,
            signed: r.signed
              ? w.t('plan.ui.printedSigned', { key: r.keyFingerprint ?? '' })
              : w.t('plan.ui.printedUnsigned'),
          }),
        ),
      );
    });
  };

  const chooseMinutes = (s: MinutesSource) => {
    setMinutes(s);
    setCheck(null);
    setDecisions([]);
  };

  return (
    <section className="plan-screen" data-testid="plan-screen">
      <div className="screen-head">
        <h1>{t('plan.ui.heading')}</h1>
        <button type="button" onClick={onBack}>
          {t('plan.ui.back')}
        </button>
      </div>
      <p className="lead">{t('plan.ui.lead')}</p>

      <div className="plan-files">
        <div className="panel">
          <h2>{t('plan.ui.minutes')}</h2>
          {archive && archive.length > 0 ? (
            <>
              <p className="muted">{t('plan.ui.archived')}</p>
              <ul className="plan-archive">
                {archive.map((e) => (
                  <li key={e.file}>
                    <button
                      type="button"
                      className={`workshop-item ${minutes && 'archived' in minutes && minutes.archived === e.file ? 'chosen' : ''}`}
                      onClick={() => chooseMinutes({ archived: e.file })}
                    >
                      <strong>
                        {e.municipality} · {e.fiscalYear}
                      </strong>
                      <span className="muted">
                        <code>{e.fingerprint}</code> · {e.file}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            archive && <p className="muted">{t('plan.ui.noArchived')}</p>
          )}
          <FilePicker
            label={t('plan.ui.openMinutes')}
            accept="application/pdf,.pdf"
            testId="plan-minutes-file"
            onFile={(f) =>
              void readBase64(f).then((base64) => chooseMinutes({ base64, fileName: f.name }))
            }
          />
          {minutes && (
            <p data-testid="plan-minutes-chosen">
              {t('plan.ui.chosen', { name: sourceName(minutes) })}
            </p>
          )}
        </div>
        <div className="panel">
          <h2>{t('plan.ui.plan')}</h2>
          <FilePicker
            label={t('plan.ui.openPlan')}
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            testId="plan-file"
            onFile={(f) =>
              void readBase64(f).then((base64) => {
                setPlan({ fileName: f.name, base64 });
                setMapping(null);
                setSheet(null);
                setCheck(null);
                setDecisions([]);
              })
            }
          />
          {plan && (
            <p data-testid="plan-file-chosen">{t('plan.ui.chosen', { name: plan.fileName })}</p>
          )}
          <button
            type="button"
            className="primary big"
            data-testid="plan-compare"
            disabled={!minutes || !plan || busy}
            onClick={() => {
              scrollNext.current = true;
              void run();
            }}
          >
            {t('plan.ui.compare')}
          </button>
        </div>
      </div>

      {busy && <p role="status">{t('plan.ui.working')}</p>}
      <ErrorBanner error={error} testId="plan-error" />

      {check && mapping && (
        <ColumnsPanel
          check={check}
          mapping={mapping}
          sheet={sheet}
          busy={busy}
          onMapping={setMapping}
          onSheet={(s) => {
            setSheet(s);
            setMapping(null);
            void run({ sheet: s, mapping: null });
          }}
          onApply={() => void run()}
        />
      )}

      {check && (
        <section className="panel plan-result" data-testid="plan-report" ref={reportRef}>
          <h2>{t('plan.ui.report')}</h2>
          <p className="verified" data-testid="plan-verified">
            ✓{' '}
            {t('plan.ui.verified', {
              municipality: check.minutes.municipality,
              year: check.minutes.fiscalYear,
              fingerprint: check.minutes.fingerprint,
            })}
          </p>
          <PlanReport check={check} onDecide={decide} />
          <div className="plan-print">
            <label>
              {t('plan.ui.passphrase')}
              <input
                type="password"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
                autoComplete="off"
              />
            </label>
            <button
              type="button"
              className="primary"
              data-testid="plan-print"
              disabled={busy}
              onClick={() => void print()}
            >
              {t('plan.ui.print')}
            </button>
            {printed && (
              <p role="status" data-testid="plan-printed">
                {printed.say(i18n)}
              </p>
            )}
          </div>
        </section>
      )}
    </section>
  );
}

interface ColumnsProps {
  check: Check;
  mapping: Mapping;
  sheet: string | null;
  busy: boolean;
  onMapping: (m: Mapping) => void;
  onSheet: (s: string) => void;
  onApply: () => void;
}

function ColumnsPanel({ check, mapping, sheet, busy, onMapping, onSheet, onApply }: ColumnsProps) {
  const { t } = useI18n();
  const p = check.plan;
  const set = (f: PlanField, v: string) =>
    onMapping({ ...mapping, [f]: v === '' ? null : Number(v) });
  return (
    <details
      className="panel plan-columns"
      data-testid="plan-columns"
      open={check.errors.length > 0 || mapping.amount === null}
    >
      <summary>
        <h2>{t('plan.ui.columns')}</h2>
      </summary>
      <p className="muted">
        {t('plan.ui.fileFacts', {
          rows: p.rowCount,
          source: p.source === 'xlsx' ? 'Excel' : `CSV ${p.encoding ?? ''} «${p.delimiter ?? ''}»`,
          fingerprint: p.fingerprint,
        })}
      </p>
      <p>{t('plan.ui.columnsLead', { line: p.headerLine })}</p>
      {p.sheets.length > 1 && (
        <label>
          {t('plan.ui.sheet')}{' '}
          <select
            value={sheet ?? ''}
            onChange={(e) => onSheet(e.target.value)}
            data-testid="plan-sheet"
          >
            {p.sheets.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="plan-mapping">
        {PLAN_FIELDS.map((f) => (
          <label key={f}>
            <span>{t(`plan.field.${f}`)}</span>
            <select
              value={mapping[f] ?? ''}
              onChange={(e) => set(f, e.target.value)}
              data-testid={`plan-map-${f}`}
            >
              <option value="">{t('plan.ui.noColumn')}</option>
              {p.header.map((h, i) => (
                <option key={i} value={i}>
                  {h || `#${i + 1}`}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="button" onClick={onApply} disabled={busy} data-testid="plan-apply">
        {t('plan.ui.apply')}
      </button>
      <div className="plan-sample">
        <table className="data-table">
          <thead>
            <tr>
              <th>#</th>
              {p.header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.sample.slice(0, 4).map((r) => (
              <tr key={r.line}>
                <td>{r.line}</td>
                {p.header.map((_h, i) => (
                  <td key={i}>{r.cells[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {check.errors.length > 0 && (
        <details open className="plan-issues bad" data-testid="plan-errors">
          <summary>{t('plan.ui.errors', { count: check.errors.length })}</summary>
          <ul>
            {check.errors.slice(0, 200).map((e, i) => (
              <li key={i}>{t(e.key, e.params)}</li>
            ))}
          </ul>
        </details>
      )}
      {check.warnings.length > 0 && (
        <details className="plan-issues">
          <summary>{t('plan.ui.warnings', { count: check.warnings.length })}</summary>
          <ul>
            {check.warnings.slice(0, 200).map((e, i) => (
              <li key={i}>{t(e.key, e.params)}</li>
            ))}
          </ul>
        </details>
      )}
    </details>
  );
}
