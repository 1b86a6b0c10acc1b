// The years held in the register (each Acta with its fingerprints and the plans recorded
// against it), importing another year's Acta, and recording a year's final plan.
import { FilePicker } from '../../components/FilePicker';
import { useEffect, useState } from 'react';
import { formatDayOf } from '../../../../shared/format';
import type { SealedEntry } from '../../../../shared/schemas/minutes';
import { useI18n } from '../../i18n';
import { useAction, type Wording } from '../../kit';
import { invoke } from '../../transport';
import { readBase64 } from '../plan/PlanScreen';
import type { Applied, Register } from './entries';
import { PlanRecorder } from './PlanRecorder';

interface Props {
  workshopId: string;
  register: Register;
  readOnly: boolean;
  applied: Applied;
}

export function YearsTab({ workshopId, register, readOnly, applied }: Props) {
  const { t } = useI18n();
  const [planFor, setPlanFor] = useState<string | null>(null);
  return (
    <>
      {register.minutes.length === 0 && <p className="panel">{t('followup.years.none')}</p>}
      <ul className="fu-years" data-testid="followup-years">
        {register.minutes.map((m) => (
          <li
            key={m.id}
            className="panel fu-year-card"
            data-testid="followup-year"
            data-year={m.fiscalYear}
          >
            <div className="fu-year-head">
              <span className="fu-year-big">{m.fiscalYear}</span>
              <div>
                <strong>{m.title}</strong>
                <div className="muted">{m.municipality}</div>
              </div>
            </div>
            <dl className="fu-facts">
              <dt>{t('followup.years.fingerprint')}</dt>
              <dd>
                <code>{m.fingerprint}</code>
              </dd>
              <dt>{t('followup.years.key')}</dt>
              <dd>
                <code>{m.keyFingerprint}</code>
              </dd>
              <dt>{t('followup.years.source')}</dt>
              <dd>
                {t(`followup.years.source.${m.source}`)} · {m.fileName}
              </dd>
              <dt>{t('followup.years.sealed')}</dt>
              <dd>
                {formatDayOf(m.sealedAt)} ·{' '}
                {t('followup.years.imported', { date: formatDayOf(m.importedAt) })}
              </dd>
              <dt>{t('followup.years.content')}</dt>
              <dd>
                {t(
                  m.unfundedCount > 0 ? 'followup.years.countsUnfunded' : 'followup.years.counts',
                  {
                    agreed: m.agreedCount,
                    unfunded: m.unfundedCount,
                    rejected: m.rejectedCount,
                  },
                )}
              </dd>
              <dt>{t('followup.years.plans')}</dt>
              <dd>
                {m.plans.length === 0 ? (
                  <span className="warn-text">{t('followup.years.noPlan')}</span>
                ) : (
                  <ul className="fu-plans">
                    {m.plans.map((p) => (
                      <li key={p.id}>
                        {p.fileName} · <code>{p.fingerprint}</code> ·{' '}
                        {t('followup.years.recorded', { date: formatDayOf(p.recordedAt) })}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </dl>
            {planFor === m.id ? (
              <PlanRecorder
                workshopId={workshopId}
                minutesId={m.id}
                year={m.fiscalYear}
                readOnly={readOnly}
                applied={applied}
                onClose={() => setPlanFor(null)}
              />
            ) : (
              <button
                type="button"
                disabled={readOnly}
                onClick={() => setPlanFor(m.id)}
                data-testid="followup-record-plan"
              >
                {t('followup.plan.open', { year: m.fiscalYear })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ImportPanel
        workshopId={workshopId}
        register={register}
        readOnly={readOnly}
        applied={applied}
      />
    </>
  );
}

function ImportPanel({ workshopId, register, readOnly, applied }: Props) {
  const { t, errorText } = useI18n();
  const [archive, setArchive] = useState<SealedEntry[] | null>(null);
  const { busy, error, run: act } = useAction();
  /** What the import did, worded when drawn. */
  const [result, setResult] = useState<{ say: (w: Wording) => string } | null>(null);

  useEffect(() => {
    invoke('minutes:archive', {})
      .then((list) =>
        setArchive(list.filter((e) => e.kind === 'minutes' && e.fiscalYear < register.fiscalYear)),
      )
      .catch(() => setArchive([]));
  }, [register.fiscalYear]);

  const held = new Set(register.minutes.map((m) => m.fingerprint));
  const run = async (file: { fileName: string; base64: string } | { archived: string }) => {
    setResult(null);
    const r = await act(async () =>
      applied(await invoke('followup:importMinutes', { workshopId, file })),
    );
    if (!r.ok) return;
    const o = r.value;
    setResult({
      say: (w) => {
        const parts = [
          w.t(o.added ? 'followup.import.added' : 'followup.import.already', {
            year: o.fiscalYear,
            fingerprint: o.fingerprint,
          }),
        ];
        if (o.alsoYears.length > 0 || o.plans > 0 || o.notes > 0)
          parts.push(
            w.t('followup.import.along', {
              years: o.alsoYears.join(', ') || '—',
              plans: o.plans,
              notes: o.notes,
            }),
          );
        return parts.join(' ');
      },
    });
  };

  return (
    <div className="panel fu-import" data-testid="followup-import">
      <h2>{t('followup.import.heading')}</h2>
      <p className="muted">{t('followup.import.lead')}</p>
      <fieldset disabled={readOnly || busy}>
        <FilePicker
          label={t('followup.import.file')}
          accept=".pdf,.minka,application/pdf"
          testId="followup-import-file"
          onFile={(f) => void readBase64(f).then((base64) => run({ fileName: f.name, base64 }))}
        />
        {archive && archive.length > 0 && (
          <>
            <p>{t('followup.import.archived')}</p>
            <ul className="plan-archive">
              {archive.map((e) => (
                <li key={e.file}>
                  <button
                    type="button"
                    className="workshop-item"
                    onClick={() => void run({ archived: e.file })}
                  >
                    <strong>
                      {e.fiscalYear} · {e.municipality}
                      {held.has(e.fingerprint) && <> · {t('followup.import.held')}</>}
                    </strong>
                    <span className="muted">
                      <code>{e.fingerprint}</code> · {e.file}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </fieldset>
      {busy && <p role="status">{t('followup.common.working')}</p>}
      {error ? (
        <div className="banner error" role="alert" data-testid="followup-import-result">
          {error}
        </div>
      ) : (
        result && (
          <div className="banner ok" role="status" data-testid="followup-import-result">
            {result.say({ t, errorText })}
          </div>
        )
      )}
    </div>
  );
}
