import { useState } from 'react';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { download } from '../attendance/PrintTab';

/**
 * `minka export` on screen: the full document for the municipality's archive (personal data)
 * or the open-data variant for publication (none), each as a JSON file.
 */
export function ExportPanel({ workshopId }: { workshopId: string }) {
  const { t, errorText } = useI18n();
  // The file written is kept, not its sentence, so the message follows a change of language.
  const [message, setMessage] = useState<
    { kind: 'ok'; file: string } | { kind: 'error'; text: string } | null
  >(null);

  const save = (openData: boolean) => {
    setMessage(null);
    invoke('workshop:export', { workshopId, openData })
      .then((r) => {
        download(r.fileName, new Blob([r.text], { type: 'application/json;charset=utf-8' }));
        setMessage({ kind: 'ok', file: r.fileName });
      })
      .catch((e: unknown) => setMessage({ kind: 'error', text: errorText(e) }));
  };

  return (
    <section className="export-panel" data-testid="export">
      <h2>{t('export.heading')}</h2>
      <p className="lead">{t('export.lead')}</p>
      <div className="grid-2">
        <div>
          <button
            type="button"
            data-testid="export-open"
            className="primary"
            onClick={() => save(true)}
          >
            {t('export.open')}
          </button>
          <p className="hint">{t('export.openHint')}</p>
        </div>
        <div>
          <button type="button" data-testid="export-full" onClick={() => save(false)}>
            {t('export.full')}
          </button>
          <p className="hint">{t('export.fullHint')}</p>
        </div>
      </div>
      {message && (
        <div
          className={`banner ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="export-message"
        >
          {message.kind === 'ok' ? t('export.done', { file: message.file }) : message.text}
        </div>
      )}
    </section>
  );
}
