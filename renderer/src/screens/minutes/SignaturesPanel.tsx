// The standard PDF signatures (PAdES) of a checked file — who, when, whose certificate, and
// what could not be checked offline — and "Firmar también": an official adds their own
// signature with their entity's certificate (.p12 / .pfx) as an incremental update (issue 16).
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatDateTime } from '../../../../shared/format';
import { FilePicker } from '../../components/FilePicker';
import { ErrorBanner, Field, okNotice, useAction, type Notice } from '../../kit';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { base64ToBlob, download } from '../attendance/PrintTab';

type Result = Output<'minutes:verify'>;

export function SignatureList({ result }: { result: Result }) {
  const { t } = useI18n();
  if (!result.payload && result.signatures.length === 0) return null;
  return (
    <div className="panel minutes-section" data-testid="pdf-signatures">
      <h3>{t('signatures.ui.heading', { count: result.signatures.length })}</h3>
      {result.signatures.length === 0 ? (
        <p className="muted">{t('signatures.ui.none')}</p>
      ) : (
        <ol className="signature-list">
          {result.signatures.map((s, i) => (
            <li key={i} data-valid={s.valid ? 'yes' : 'no'} data-testid="pdf-signature">
              <strong>{s.subject || '—'}</strong>
              {s.organization && <> · {s.organization}</>}
              <div>
                {s.signedAt ? t('signatures.ui.when', { date: formatDateTime(s.signedAt) }) : '—'}
                {' · '}
                {t(`signatures.certificate.${s.certificate}`)}
              </div>
              <div className={s.valid ? 'sig-ok' : 'sig-bad'}>
                {s.valid ? '✓ ' : '✗ '}
                {t(s.valid ? `signatures.identity.${s.identity}` : 'signatures.invalid')}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Read a chosen file as base64. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () =>
      resolve(typeof r.result === 'string' ? r.result.replace(/^data:[^,]*,/, '') : '');
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export function CosignPanel({
  pdfBase64,
  fileName,
  onSigned,
}: {
  pdfBase64: string;
  fileName: string;
  onSigned: (r: Output<'minutes:cosign'>) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [p12, setP12] = useState<{ name: string; base64: string } | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  // Worded when drawn: it follows a change of language.
  const [done, setDone] = useState<Notice | null>(null);
  const sign = async () => {
    if (!p12) return;
    setDone(null);
    await run(async () => {
      const r = await invoke('minutes:cosign', {
        base64: pdfBase64,
        fileName,
        p12: { base64: p12.base64, passphrase },
        reason,
      });
      download(r.pdf.fileName, base64ToBlob(r.pdf.base64, 'application/pdf'));
      setPassphrase('');
      setDone(
        okNotice('signatures.ui.signed', {
          subject: r.result.signatures.at(-1)?.subject ?? '',
          file: r.pdf.fileName,
        }),
      );
      onSigned(r);
    });
  };
  return (
    <div className="panel minutes-section cosign" data-testid="cosign">
      <h3>{t('signatures.ui.cosignTitle')}</h3>
      <p>{t('signatures.ui.cosignLead')}</p>
      <div className="form-row">
        <FilePicker
          label={t('signatures.ui.p12')}
          name="p12"
          accept=".p12,.pfx,application/x-pkcs12"
          testId="cosign-p12"
          onFile={(f) => void readBase64(f).then((base64) => setP12({ name: f.name, base64 }))}
        />
      </div>
      <Field label={t('signatures.ui.passphrase')}>
        <input
          type="password"
          name="p12-passphrase"
          autoComplete="off"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          data-testid="cosign-passphrase"
        />
      </Field>
      <Field label={t('signatures.ui.reason')}>
        <input
          name="cosign-reason"
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="cosign-reason"
        />
      </Field>
      <button
        type="button"
        className="primary"
        disabled={!p12 || busy}
        onClick={() => void sign()}
        data-testid="cosign-button"
      >
        {busy ? t('signatures.ui.signing') : t('signatures.ui.sign')}
      </button>
      <ErrorBanner error={error} testId="cosign-error" />
      {done && (
        <p className="banner ok" role="status" data-testid="cosign-done">
          {done.say(i18n)}
        </p>
      )}
    </div>
  );
}
