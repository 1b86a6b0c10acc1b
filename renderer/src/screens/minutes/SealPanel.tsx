import { useState } from 'react';
import type { WorkshopState } from '../../../../shared/schemas/workshop';
import { FilePicker } from '../../components/FilePicker';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { Field, say, useAction } from '../../kit';
import type { Act } from './MinutesScreen';
import type { MinutesData } from './useMinutes';

interface Props {
  workshop: WorkshopState;
  data: MinutesData;
  act: Act;
  onSealed: (pdf: { fileName: string; base64: string }) => Promise<void>;
  reload: () => Promise<void>;
}

/** Close the workshop: sign and draw the Acta. Irreversible, so it asks for an explicit confirmation. */
export function SealPanel({ workshop, data, act, onSealed, reload }: Props) {
  const { t, lang } = useI18n();
  const [bilingual, setBilingual] = useState(lang !== 'en');
  const [slips, setSlips] = useState(true);
  const [passphrase, setPassphrase] = useState('');
  const [facilitator, setFacilitator] = useState('');
  /** The municipality's certificate for the standard PDF signature (issue 16); none: Minka issues one. */
  const [p12, setP12] = useState<{ name: string; base64: string } | null>(null);
  const [p12Passphrase, setP12Passphrase] = useState('');
  const [newPassphrase, setNewPassphrase] = useState('');
  const [confirm, setConfirm] = useState(false);
  /** Ids of the seal warnings ticked (each one that applies must be, like the official round's). */
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const warnings = data.sealWarnings ?? [];
  const allAcknowledged = warnings.every((w) => acknowledged.includes(w.id));
  // `act` reports the outcome on the minutes screen; the action only keeps the button busy.
  const { busy, run } = useAction();
  const key = data.key;

  const seal = () =>
    run(() =>
      act(async () => {
        const r = await invoke('minutes:seal', {
          workshopId: workshop.workshopId,
          lang,
          bilingual,
          slips,
          passphrase: passphrase || null,
          facilitator,
          ...(p12 ? { p12: { base64: p12.base64, passphrase: p12Passphrase } } : {}),
          confirm: true,
          acknowledged,
        });
        await onSealed(r.pdf);
        return say('minutes.ui.sealedNow', { fingerprint: r.sealed.fingerprint });
      }),
    );

  return (
    <section className="panel minutes-section seal-panel" data-testid="seal-panel">
      <h2>{t('minutes.ui.sealHeading')}</h2>
      <p className="lead">{t('minutes.ui.sealLead')}</p>
      <div className="key-box">
        <h3>{t('minutes.ui.keyHeading')}</h3>
        {key.exists ? (
          <p>
            {t('minutes.ui.keyFingerprint')}:{' '}
            <code className="fp" data-testid="key-fingerprint">
              {key.fingerprint}
            </code>
            {key.protected && <span className="badge">{t('minutes.ui.keyProtected')}</span>}
          </p>
        ) : (
          <>
            <p className="muted">{t('minutes.ui.noKey')}</p>
            <div className="inline-form">
              <label className="grow">
                {t('minutes.ui.newPassphrase')}
                <input
                  type="password"
                  name="new-passphrase"
                  autoComplete="new-password"
                  value={newPassphrase}
                  onChange={(e) => setNewPassphrase(e.target.value)}
                />
              </label>
              <button
                type="button"
                onClick={() =>
                  void act(async () => {
                    const k = await invoke('minutes:createKey', {
                      passphrase: newPassphrase || null,
                    });
                    setNewPassphrase('');
                    setPassphrase(newPassphrase);
                    await reload();
                    return say('minutes.ui.keyCreated', { fingerprint: k.fingerprint ?? '' });
                  })
                }
              >
                {t('minutes.ui.createKey')}
              </button>
            </div>
          </>
        )}
      </div>
      <div className="seal-options">
        <label className="check">
          <input
            type="checkbox"
            checked={bilingual}
            onChange={(e) => setBilingual(e.target.checked)}
          />{' '}
          {t('minutes.ui.bilingual')}
        </label>
        <label className="check">
          <input type="checkbox" checked={slips} onChange={(e) => setSlips(e.target.checked)} />{' '}
          {t('minutes.ui.slips')}
        </label>
        <label>
          {t('minutes.ui.facilitator')}
          <input
            name="facilitator"
            autoComplete="name"
            maxLength={120}
            value={facilitator}
            onChange={(e) => setFacilitator(e.target.value)}
          />
        </label>
        <fieldset className="seal-p12" data-testid="seal-p12">
          <legend>{t('signatures.ui.sealP12Title')}</legend>
          <p className="muted small">{t('signatures.ui.sealP12Lead')}</p>
          {p12 ? (
            <>
              <p>
                {t('signatures.ui.sealP12Chosen', { file: p12.name })}{' '}
                <button type="button" onClick={() => setP12(null)}>
                  {t('signatures.ui.sealP12Clear')}
                </button>
              </p>
              <label>
                {t('signatures.ui.passphrase')}
                <input
                  type="password"
                  name="seal-p12-passphrase"
                  autoComplete="off"
                  value={p12Passphrase}
                  onChange={(e) => setP12Passphrase(e.target.value)}
                />
              </label>
            </>
          ) : (
            <FilePicker
              label={t('signatures.ui.p12')}
              name="seal-p12"
              accept=".p12,.pfx,application/x-pkcs12"
              testId="seal-p12-file"
              onFile={(f) => {
                const r = new FileReader();
                r.onload = () =>
                  setP12({
                    name: f.name,
                    base64:
                      typeof r.result === 'string' ? r.result.replace(/^data:[^,]*,/, '') : '',
                  });
                r.readAsDataURL(f);
              }}
            />
          )}
        </fieldset>
        {key.protected && (
          <Field label={t('minutes.ui.passphrase')}>
            <input
              type="password"
              name="passphrase"
              autoComplete="current-password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </Field>
        )}
        {warnings.length > 0 && (
          <div className="official-warnings" data-testid="seal-warnings">
            <strong>{t('minutes.ui.sealWarnLead')}</strong>
            {warnings.map((w) => (
              <label key={w.id} className="check">
                <input
                  type="checkbox"
                  name={`confirm-warning-${w.id}`}
                  checked={acknowledged.includes(w.id)}
                  onChange={(e) =>
                    setAcknowledged((a) =>
                      e.target.checked ? [...a, w.id] : a.filter((x) => x !== w.id),
                    )
                  }
                />{' '}
                {t(w.key, {
                  ...w.params,
                  ...(typeof w.params['met'] === 'string'
                    ? { met: t(`minutes.ui.sealWarn.${w.params['met']}`) }
                    : {}),
                })}
              </label>
            ))}
          </div>
        )}
        <label className="check confirm">
          <input
            type="checkbox"
            name="confirm-seal"
            checked={confirm}
            onChange={(e) => setConfirm(e.target.checked)}
          />{' '}
          {t('minutes.ui.confirmSeal')}
        </label>
      </div>
      <button
        type="button"
        className="primary big"
        data-testid="seal"
        disabled={!confirm || !allAcknowledged || busy}
        onClick={() => void seal()}
      >
        {busy ? t('minutes.ui.sealing') : t('minutes.ui.seal')}
      </button>
    </section>
  );
}
