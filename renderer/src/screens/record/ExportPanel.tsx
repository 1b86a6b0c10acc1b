import { useState } from 'react';
import { useI18n } from '../../i18n';
import { okNotice, thrownNotice, wordNotice, type Notice } from '../../kit';
import { invoke } from '../../transport';
import { download } from '../attendance/PrintTab';

/**
 * `minka export` on screen: the full document for the municipality's archive (personal data)
 * or the open-data variant for publication (none), each as a JSON file.
 */
export function ExportPanel({ workshopId }: { workshopId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  // What happened is kept, not its sentence (nor the core's error worded at that moment),
  // so the message follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const message = wordNotice(notice, i18n);

  const save = (openData: boolean) => {
    setNotice(null);
    invoke('workshop:export', { workshopId, openData })
      .then((r) => {
        download(r.fileName, new Blob([r.text], { type: 'application/json;charset=utf-8' }));
        setNotice(okNotice('export.done', { file: r.fileName }));
      })
      .catch((e: unknown) => setNotice(thrownNotice(e)));
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
          {message.text}
        </div>
      )}
    </section>
  );
}
