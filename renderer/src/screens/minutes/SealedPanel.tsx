import { useState } from 'react';
import { formatDateTime } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { say } from '../../kit';
import { invoke } from '../../transport';
import { base64ToBlob, download } from '../attendance/PrintTab';
import type { Act } from './MinutesScreen';
import type { MinutesData } from './useMinutes';

interface Props {
  workshopId: string;
  data: MinutesData;
  act: Act;
  onDone: (pdf: { fileName: string; base64: string }) => Promise<void>;
}

/** The sealed minutes: the fingerprint to read aloud, the PDF to print, and corrections as signed addenda. */
export function SealedPanel({ workshopId, data, act, onDone }: Props) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const sealed = data.sealed;
  if (!sealed) return null;
  const get = (fn: () => Promise<{ fileName: string; base64: string }>) =>
    act(async () => {
      const r = await fn();
      download(r.fileName, base64ToBlob(r.base64, 'application/pdf'));
      return say('minutes.ui.downloaded', { file: r.fileName });
    });
  return (
    <section className="panel minutes-section sealed-panel" data-testid="sealed-panel">
      <h2>{t('minutes.ui.sealedHeading')}</h2>
      <p className="lead">{t('minutes.ui.readAloud')}</p>
      <p className="big-fingerprint" data-testid="sealed-fingerprint">
        {sealed.fingerprint}
      </p>
      <dl className="seal-facts">
        <dt>{t('minutes.ui.sealedAt')}</dt>
        <dd>{formatDateTime(sealed.sealedAt)}</dd>
        <dt>{t('minutes.ui.keyFingerprint')}</dt>
        <dd>
          <code>{sealed.keyFingerprint}</code>
        </dd>
        <dt>{t('minutes.ui.pdfSize')}</dt>
        <dd>{t('minutes.ui.kb', { kb: Math.round(sealed.pdfBytes / 1024) })}</dd>
      </dl>
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="download-minutes"
          onClick={() => void get(() => invoke('minutes:pdf', { workshopId }))}
        >
          {t('minutes.ui.downloadPdf')}
        </button>
      </div>
      <h3>{t('minutes.ui.addenda')}</h3>
      <p className="muted small">{t('minutes.ui.addendaLead')}</p>
      {data.addenda.length > 0 && (
        <ul className="addenda">
          {data.addenda.map((a) => (
            <li key={a.n}>
              <strong>{t('minutes.ui.addendumN', { n: a.n })}</strong> ·{' '}
              <code>{a.fingerprint}</code> · {formatDateTime(a.createdAt)}
              <div>{a.text}</div>
              <button
                type="button"
                className="link"
                onClick={() =>
                  void get(() => invoke('minutes:addendumPdf', { workshopId, n: a.n }))
                }
              >
                {t('minutes.ui.downloadPdf')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const r = await invoke('minutes:addendum', {
              workshopId,
              text,
              lang,
              bilingual: lang !== 'en',
              passphrase: passphrase || null,
            });
            setText('');
            await onDone(r.pdf);
            return say('minutes.ui.addendumSigned', {
              n: r.addendum.n,
              fingerprint: r.addendum.fingerprint,
            });
          });
        }}
      >
        <label>
          {t('minutes.ui.addendumText')}
          <textarea
            name="addendum-text"
            rows={3}
            required
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        {data.key.protected && (
          <label>
            {t('minutes.ui.passphrase')}
            <input
              type="password"
              name="addendum-passphrase"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
        )}
        <div>
          <button type="submit">{t('minutes.ui.signAddendum')}</button>
        </div>
      </form>
    </section>
  );
}
