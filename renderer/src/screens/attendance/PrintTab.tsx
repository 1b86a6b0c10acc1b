import { useState } from 'react';
import { formatDate } from '../../../../shared/format';
import type { StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { ErrorBanner, useAction } from '../../kit';
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
  const { t, lang } = useI18n();
  const [blankRows, setBlankRows] = useState('20');
  const { busy, error, run: act } = useAction();
  /** The file last written (its message is worded when drawn). */
  const [ready, setReady] = useState<string | null>(null);

  const run = async (fn: () => Promise<{ fileName: string; base64: string }>) => {
    setReady(null);
    const r = await act(fn);
    if (!r.ok) return;
    download(r.value.fileName, base64ToBlob(r.value.base64, 'application/pdf'));
    setReady(r.value.fileName);
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
      <ErrorBanner error={error} />
      {ready && (
        <div className="banner ok" role="status">
          {t('attendance.print.ready', { file: ready })}
        </div>
      )}
    </div>
  );
}
