import { useState, type DragEvent } from 'react';
import { FilePicker } from '../../components/FilePicker';
import type { Output } from '../../../../shared/api';
import { formatDateTime, formatSoles } from '../../../../shared/format';
import type { SealedEntry } from '../../../../shared/schemas/minutes';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { ErrorBanner, useAction } from '../../kit';
import { VerifyVerdict } from './VerifyVerdict';
import { checkTone, noteKey, TONE_MARK } from './verifyView';
import { CosignPanel, SignatureList } from './SignaturesPanel';
import './minutes.css';

type Result = Output<'minutes:verify'>;

/** Read a dropped or chosen file as base64 (the data URL's payload). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () =>
      resolve(typeof r.result === 'string' ? r.result.replace(/^data:[^,]*,/, '') : '');
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** What the verified payload says, read from it (never from the pages). */
function Content({ result }: { result: Result }) {
  const { t } = useI18n();
  const p = result.payload;
  if (!p) return null;
  if (p.format === 'minka-minutes-addendum') {
    return (
      <section className="panel minutes-section" data-testid="verified-content">
        <h2>{t('minutes.ui.addendumN', { n: p.n })}</h2>
        <p>
          {p.municipality} · {p.fiscalYear} · {formatDateTime(p.createdAt)}
        </p>
        <p>{t('minutes.ui.addendumOf', { fingerprint: p.originalFingerprint })}</p>
        <p className="closing-text">{p.text}</p>
      </section>
    );
  }
  const funded = p.prioritized?.items.filter((x) => x.funded) ?? [];
  const below = (p.prioritized?.items.length ?? 0) - funded.length;
  return (
    <section className="panel minutes-section" data-testid="verified-content">
      <h2>{t('minutes.ui.content')}</h2>
      <dl className="seal-facts">
        <dt>{t('pdf.municipality')}</dt>
        <dd>{p.workshop.municipality}</dd>
        <dt>{t('pdf.workshop')}</dt>
        <dd>{p.workshop.title}</dd>
        <dt>{t('pdf.fiscalYear')}</dt>
        <dd>{p.workshop.fiscalYear}</dd>
        <dt>{t('minutes.ui.sealedAt')}</dt>
        <dd>{formatDateTime(p.sealedAt)}</dd>
        <dt>{t('minutes.pdf.envelope')}</dt>
        <dd>{formatSoles(p.workshop.envelopeCents)}</dd>
        <dt>{t('minutes.ui.attendance')}</dt>
        <dd>
          {t('minutes.ui.attendanceLine', {
            people: p.attendance.totals.people,
            organizations: p.attendance.totals.organizations,
          })}
        </dd>
        <dt>{t('minutes.ui.proposalsLine')}</dt>
        <dd>
          {t('minutes.pdf.proposalsSummary', {
            total: p.proposals.length,
            admitted: p.proposals.filter((x) => x.status === 'admitted').length,
            rejected: p.rejected.length,
            pending: p.proposals.filter((x) => x.status === 'pending').length,
          })}
        </dd>
      </dl>
      <h3>{t('minutes.pdf.prioritized')}</h3>
      {p.prioritized ? (
        <>
          <table className="data-table" data-testid="verified-prioritized">
            <thead>
              <tr>
                <th>{t('minutes.pdf.col.rank')}</th>
                <th>{t('minutes.pdf.col.code')}</th>
                <th>{t('minutes.pdf.col.cui')}</th>
                <th>{t('minutes.pdf.col.project')}</th>
                <th className="num">{t('minutes.pdf.col.amount')}</th>
              </tr>
            </thead>
            <tbody>
              {funded.map((x) => (
                <tr key={x.proposalId}>
                  <td>{x.rank}</td>
                  <td>
                    <strong>{x.code}</strong>
                  </td>
                  <td>{x.cui}</td>
                  <td>{x.title}</td>
                  <td className="num">{formatSoles(x.amountCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <strong>
              {t('minutes.ui.fundedTotal', {
                amount: formatSoles(p.prioritized.fundedTotalCents),
                envelope: formatSoles(p.prioritized.envelopeCents),
              })}
            </strong>
            {below > 0 && <> · {t('minutes.ui.belowLine', { n: below })}</>}
          </p>
        </>
      ) : (
        <p className="muted">{t('minutes.pdf.noPrioritized')}</p>
      )}
      <h3>{t('minutes.pdf.agreements')}</h3>
      {p.agreements.length ? (
        <ol className="agreements-list">
          {p.agreements.map((a) => (
            <li key={a.n}>{a.text}</li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('minutes.ui.none')}</p>
      )}
      <h3>{t('minutes.pdf.committee')}</h3>
      <p>
        {p.committee.map((m) => `${m.name} (${t(`minutes.role.${m.role}`)})`).join(' · ') ||
          t('minutes.ui.none')}
      </p>
      <h3>{t('minutes.pdf.rejected')}</h3>
      <p>{t('minutes.ui.rejectedLine', { n: p.rejected.length })}</p>
    </section>
  );
}

interface Props {
  /** Shown when reached from the home screen, without a workshop. */
  onBack?: () => void;
}

/** Check a sealed minutes PDF: open or drop it, or type the fingerprint printed on a paper copy. */
export function VerifyScreen({ onBack }: Props) {
  const { t } = useI18n();
  const [result, setResult] = useState<Result | null>(null);
  const [fileName, setFileName] = useState('');
  const { busy, error, failWith, run: act } = useAction();
  const [over, setOver] = useState(false);
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<SealedEntry[] | null>(null);
  const [paper, setPaper] = useState('');
  /** The checked file's bytes, for "Firmar también". */
  const [pdfBase64, setPdfBase64] = useState<string | null>(null);

  const run = async (name: string, fn: () => Promise<{ result: Result; base64: string }>) => {
    setResult(null);
    setPdfBase64(null);
    setFileName(name);
    await act(async () => {
      const r = await fn();
      setResult(r.result);
      setPdfBase64(r.base64);
    });
  };
  const check = (file: File | undefined) => {
    if (file)
      void run(file.name, async () => {
        const base64 = await readBase64(file);
        return { result: await invoke('minutes:verify', { base64 }), base64 };
      });
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    check(e.dataTransfer.files[0]);
  };
  const search = async (q: string) => {
    setTyped(q);
    if (q.replace(/[^0-9a-z]/gi, '').length < 4) {
      setFound(null);
      return;
    }
    try {
      setFound(await invoke('minutes:archive', { fingerprint: q }));
    } catch (e) {
      failWith(e);
    }
  };

  return (
    <section className="verify-screen" data-testid="verify-screen">
      <div className="screen-head">
        <h1>{t('minutes.ui.verifyHeading')}</h1>
        {onBack && (
          <button type="button" onClick={onBack}>
            {t('minutes.ui.back')}
          </button>
        )}
      </div>
      <p className="lead">{t('minutes.ui.verifyLead')}</p>
      <div className="panel minutes-section paper-prompt">
        <label>
          {t('minutes.ui.paperPrompt')}
          <input
            name="paper-fingerprint"
            className="fp"
            placeholder="XXXX-XXXX-XXXX-XXXX"
            autoComplete="off"
            value={paper}
            onChange={(e) => setPaper(e.target.value)}
            data-testid="paper-fingerprint"
          />
        </label>
      </div>
      <div
        className={`drop-zone ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p>{t('minutes.ui.drop')}</p>
        <FilePicker
          label={t('minutes.ui.choose')}
          name="pdf"
          accept="application/pdf,.pdf"
          testId="verify-file"
          onFile={(f) => check(f)}
        />
      </div>
      <div className="panel minutes-section">
        <label>
          {t('minutes.ui.typeFingerprint')}
          <input
            name="typed-fingerprint"
            className="fp"
            placeholder="XXXX-XXXX-XXXX-XXXX"
            value={typed}
            onChange={(e) => void search(e.target.value)}
          />
        </label>
        {found !== null &&
          (found.length === 0 ? (
            <p className="muted">{t('minutes.ui.noneFound')}</p>
          ) : (
            <ul className="found-list" data-testid="found-list">
              {found.map((f) => (
                <li key={f.file}>
                  <button
                    type="button"
                    className="workshop-item"
                    onClick={() =>
                      void run(f.file, async () => {
                        const r = await invoke('minutes:verifyArchived', { file: f.file });
                        return { result: r.result, base64: r.pdf.base64 };
                      })
                    }
                  >
                    <strong>
                      <code>{f.fingerprint}</code> · {f.municipality} · {f.fiscalYear}
                    </strong>
                    <span className="muted">
                      {t(
                        f.kind === 'minutes' ? 'minutes.ui.kindMinutes' : 'minutes.ui.kindAddendum',
                      )}{' '}
                      · {formatDateTime(f.sealedAt)} · {f.file}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </div>
      {busy && <p>{t('minutes.ui.checking')}</p>}
      <ErrorBanner error={error} />
      {result && (
        <>
          <VerifyVerdict result={result} fileName={fileName} paper={paper} />
          <SignatureList result={result} />
          {result.verdict === 'authentic' && pdfBase64 && (
            <CosignPanel
              pdfBase64={pdfBase64}
              fileName={fileName}
              onSigned={(r) => {
                setResult(r.result);
                setPdfBase64(r.pdf.base64);
                setFileName(r.pdf.fileName);
              }}
            />
          )}
          <ul className="checks">
            {result.checks.map((c) => {
              const tone = checkTone(c, result.verdict);
              const nk = tone === 'note' ? noteKey(c) : null;
              return (
                <li key={c.id} className={tone} data-check={c.id} data-tone={tone}>
                  {TONE_MARK[tone]} {t(c.key, c.params)}
                  {nk && <> {t(nk)}</>}
                </li>
              );
            })}
          </ul>
          <Content result={result} />
        </>
      )}
    </section>
  );
}
