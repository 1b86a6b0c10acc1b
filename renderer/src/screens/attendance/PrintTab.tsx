import { useState } from 'react';
import { formatDate } from '../../../../shared/format';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';

/** Hand a generated file to the person: the browser's (or Electron's) download. */
export function download(fileName: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBlob(base64: string, type: string): Blob {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

export function PrintTab({
  workshopId,
  setup,
}: {
  workshopId: string;
  setup: StoredWorkshopSetup;
}) {
  const { t, lang, errorText } = useI18n();
  const [blankRows, setBlankRows] = useState('20');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const run = async (fn: () => Promise<{ fileName: string; base64: string }>) => {
    setBusy(true);
    try {
      const r = await fn();
      download(r.fileName, base64ToBlob(r.base64, 'application/pdf'));
      setMessage({ kind: 'ok', text: t('attendance.print.ready', { file: r.fileName }) });
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="print">
      <p className="lead">{t('attendance.print.lead')}</p>
      <label className="narrow-label">
        {t('attendance.print.blankRows')}
        <input
          name="blankRows"
          className="narrow"
          inputMode="numeric"
          value={blankRows}
          onChange={(e) => setBlankRows(e.target.value.replace(/\D/g, ''))}
        />
      </label>
      <ul className="print-list">
        {setup.venues.map((v) => (
          <li key={v.id}>
            <span>
              {v.name} — {formatDate(v.date)}
            </span>
            <button
              type="button"
              disabled={busy}
              data-testid={`sheet-${v.id}`}
              onClick={() =>
                void run(() =>
                  invoke('attendance:sheetPdf', {
                    workshopId,
                    venueId: v.id,
                    blankRows: Math.min(Number(blankRows) || 0, 200),
                    lang,
                  }),
                )
              }
            >
              {t('attendance.print.sheet')}
            </button>
          </li>
        ))}
        <li>
          <span>{t('attendance.print.accreditedTitle')}</span>
          <button
            type="button"
            disabled={busy}
            data-testid="accredited-pdf"
            onClick={() => void run(() => invoke('attendance:accreditedPdf', { workshopId, lang }))}
          >
            {t('attendance.print.accredited')}
          </button>
        </li>
      </ul>
      {message && (
        <div className={`banner ${message.kind}`} role="status">
          {message.text}
        </div>
      )}
    </div>
  );
}
