import { useCallback, useState } from 'react';
import type { WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { okNotice, say, thrownNotice, wordNotice, type Notice, type Say } from '../../kit';
import { invoke } from '../../transport';
import { useRegistry } from '../../useRegistry';
import { base64ToBlob, download } from '../attendance/PrintTab';
import { AgreementsPanel } from './AgreementsPanel';
import { CommitteePanel } from './CommitteePanel';
import { OfficialPanel } from './OfficialPanel';
import { SealPanel } from './SealPanel';
import { SealedPanel } from './SealedPanel';
import { useMinutes } from './useMinutes';
import './minutes.css';
import { LoadingSection } from '../../components/LoadingSection';

interface Props {
  workshop: WorkshopState;
  onChange: (w: WorkshopState) => void;
}

/** Run a write; what it did (a `Say`) or why it failed shows on the screen, worded when drawn. */
export type Act = (fn: () => Promise<Say>) => Promise<boolean>;

/** What goes into the Acta besides the record: agreements, the committee, closing remarks; then the seal. */
export function MinutesScreen({ workshop, onChange }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { workshopId } = workshop;
  const onChain = useCallback(
    (chain: WorkshopState['chain']) => onChange({ ...workshop, chain }),
    [onChange, workshop],
  );
  const { data, error, reload, applied } = useMinutes(workshopId, onChain);
  const registry = useRegistry(workshopId, onChain);
  // Kept as what happened, worded when drawn: it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const message = wordNotice(notice, i18n);
  const [closing, setClosing] = useState<string | null>(null);

  const act: Act = useCallback(async (fn) => {
    try {
      setNotice(okNotice(await fn()));
      return true;
    } catch (e) {
      setNotice(thrownNotice(e));
      return false;
    }
  }, []);

  if (!data) return <LoadingSection heading={t('minutes.ui.heading')} error={error} />;
  const sealed = data.sealed !== null;
  const closingText = closing ?? data.closingRemarks;

  const sealed_ = async (r: { fileName: string; base64: string }) => {
    download(r.fileName, base64ToBlob(r.base64, 'application/pdf'));
    onChange(await invoke('workshop:get', { workshopId }));
    await reload();
  };

  return (
    <section className="minutes">
      <div className="screen-head">
        <h1>{t('minutes.ui.heading')}</h1>
        {sealed && <span className="badge sealed-badge">{t('minutes.ui.sealedBadge')}</span>}
      </div>
      {message && (
        <div
          className={`banner ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="minutes-message"
        >
          {message.text}
        </div>
      )}
      {data.sealed && (
        <SealedPanel workshopId={workshopId} data={data} act={act} onDone={sealed_} />
      )}
      <AgreementsPanel
        workshopId={workshopId}
        agreements={data.agreements}
        readOnly={sealed}
        act={act}
        applied={applied}
      />
      <CommitteePanel
        workshopId={workshopId}
        members={data.committee}
        registry={registry.data}
        readOnly={sealed}
        act={act}
        applied={applied}
      />
      <section className="panel minutes-section">
        <h2>{t('minutes.ui.closing')}</h2>
        {sealed ? (
          <p className="closing-text">{data.closingRemarks || t('minutes.ui.none')}</p>
        ) : (
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              void act(async () => {
                await applied(
                  await invoke('minutes:saveClosing', { workshopId, text: closingText }),
                );
                setClosing(null);
                return say('minutes.ui.closingSaved');
              });
            }}
          >
            <textarea
              name="closing"
              rows={3}
              value={closingText}
              onChange={(e) => setClosing(e.target.value)}
              aria-label={t('minutes.ui.closing')}
            />
            <div>
              <button type="submit" disabled={closing === null}>
                {t('minutes.ui.saveClosing')}
              </button>
            </div>
          </form>
        )}
      </section>
      {!sealed && <OfficialPanel workshopId={workshopId} act={act} applied={applied} />}
      {!sealed && (
        <SealPanel workshop={workshop} data={data} act={act} onSealed={sealed_} reload={reload} />
      )}
    </section>
  );
}
