// A workshop held at several venues (issue 20): prepare a venue's kit, incorporate a venue's
// file, the devices that contributed and the conflicts, each settled by a person with a reason.
// On a venue's own laptop the screen says so and offers the file to carry back.
import { useCallback, useState } from 'react';
import type { Output } from '../../../../shared/api';
import type { ConflictView } from '../../../../shared/channels/venues';
import { typedHex } from '../../../../shared/fingerprint';
import type { ChainStatus, WorkshopState } from '../../../../shared/schemas/workshop';
import { FilePicker } from '../../components/FilePicker';
import { useI18n } from '../../i18n';
import { ErrorBanner, Field, LoadingSection, useAction } from '../../kit';
import { invoke } from '../../transport';
import { useLiveData } from '../../useLiveData';
import { base64ToBlob, download } from '../attendance/PrintTab';
import { readBase64 } from '../plan/PlanScreen';
import { ConflictCard } from './ConflictCard';
import { DevicesTable } from './DevicesTable';
import { heldList } from './heldList';
import { KitsIssued } from './KitsIssued';
import './venues.css';

const WORKSHOP_MIME = 'application/vnd.sqlite3';

interface Props {
  workshop: WorkshopState;
  onChain: (c: ChainStatus) => void;
}

type Done =
  | { kind: 'kit'; value: Output<'venues:prepareKit'>['value'] }
  | { kind: 'merge'; value: Output<'venues:merge'>['value'] }
  | { kind: 'exchange'; value: Output<'venues:merge'>['value'] }
  | { kind: 'device'; value: Output<'venues:deviceFile'> }
  | { kind: 'slip'; value: Output<'venues:slip'> };

/** Hex digits of the slip's whole fingerprint (venues-slip.ts refuses fewer). */
const SLIP_DIGITS = 16;

export function VenuesScreen({ workshop, onChain }: Props) {
  const { t, lang } = useI18n();
  const workshopId = workshop.workshopId;
  const load = useCallback(() => invoke('venues:get', { workshopId }), [workshopId]);
  const { data, error, applied } = useLiveData(load, onChain);
  const action = useAction();
  const [venueId, setVenueId] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [done, setDone] = useState<Done | null>(null);
  const [slipHead, setSlipHead] = useState('');
  const [noSlip, setNoSlip] = useState(false);
  const [noSlipNote, setNoSlipNote] = useState('');
  const [noRounds, setNoRounds] = useState(false);

  if (!data) return <LoadingSection heading={t('venues.heading')} error={error} />;

  const chosen = venueId || data.venues[0]?.id || '';
  const prepare = () => {
    setDone(null);
    void action.run(async () => {
      const r = await invoke('venues:prepareKit', {
        workshopId,
        venueId: chosen,
        passphrase: passphrase || null,
        noRounds,
      });
      const value = await applied(r);
      download(value.fileName, base64ToBlob(value.base64, WORKSHOP_MIME));
      setDone({ kind: 'kit', value });
    });
  };
  // The head read from the venue's closing slip, or why there is none: one is needed.
  const proof = noSlip
    ? noSlipNote.trim()
      ? { withoutSlip: noSlipNote.trim() }
      : null
    : typedHex(slipHead).length >= SLIP_DIGITS
      ? { slipHead }
      : null;
  const merge = (f: File) => {
    setDone(null);
    if (!proof) return;
    void action.run(async () => {
      const base64 = await readBase64(f);
      const value = await applied(
        await invoke('venues:merge', { workshopId, file: { fileName: f.name, base64 }, proof }),
      );
      setDone({ kind: 'merge', value });
      setSlipHead('');
      setNoSlipNote('');
    });
  };
  // On a venue laptop: the other laptop of this venue (door or voting desk), at a break.
  const exchange = (f: File) => {
    setDone(null);
    void action.run(async () => {
      const base64 = await readBase64(f);
      const value = await applied(
        await invoke('venues:merge', {
          workshopId,
          file: { fileName: f.name, base64 },
          proof: { withoutSlip: t('venues.exchange.note') },
        }),
      );
      setDone({ kind: 'exchange', value });
    });
  };
  const printSlip = () => {
    setDone(null);
    void action.run(async () => {
      const value = await invoke('venues:slip', { workshopId, lang });
      download(value.fileName, base64ToBlob(value.base64, 'application/pdf'));
      setDone({ kind: 'slip', value });
    });
  };
  const saveDevice = () => {
    setDone(null);
    void action.run(async () => {
      const value = await invoke('venues:deviceFile', { workshopId });
      download(value.fileName, base64ToBlob(value.base64, WORKSHOP_MIME));
      setDone({ kind: 'device', value });
    });
  };
  const settle = async (
    c: ConflictView,
    choice: string,
    note: string,
    readings?: Record<string, string>,
  ) => {
    const r = await action.run(async () =>
      applied(
        await invoke('venues:settle', {
          workshopId,
          id: c.id,
          choice,
          note,
          ...(readings ? { readings } : {}),
        }),
      ),
    );
    return r.ok;
  };

  const open = data.conflicts.filter((c) => !c.settled).length;
  const sealed = workshop.sealed;

  return (
    <section className="venues" data-testid="venues">
      <h1>{t('venues.heading')}</h1>
      <p className="lead">{t('venues.lead')}</p>
      <ErrorBanner error={action.error} testId="venues-error" />
      {done && (
        <div className="banner ok" role="status" data-testid="venues-done">
          {done.kind === 'kit' &&
            t('venues.kit.done', {
              venue: done.value.venue,
              file: done.value.fileName,
              rounds: done.value.rounds,
              key: done.value.keyFingerprint,
            })}
          {done.kind === 'merge' &&
            `${t(done.value.added ? 'venues.merge.done' : 'venues.merge.nothingNew', {
              file: done.value.file,
              venue: done.value.venue,
              key: done.value.keyFingerprint,
              head: done.value.headFingerprint,
              added: done.value.added,
              applied: done.value.applied,
              held: done.value.held,
              conflicts: done.value.conflicts.length,
            })} ${
              done.value.proof.kind === 'slip'
                ? t('venues.merge.slipOk', { head: done.value.headFingerprint })
                : t('venues.merge.noSlip', {
                    note: done.value.proof.kind === 'none' ? done.value.proof.note : '',
                  })
            }`}
          {done.kind === 'exchange' &&
            t(done.value.added ? 'venues.exchange.done' : 'venues.exchange.nothingNew', {
              file: done.value.file,
              key: done.value.keyFingerprint,
              added: done.value.added,
              applied: done.value.applied,
              held: done.value.held,
              conflicts: done.value.conflicts.length,
            })}
          {done.kind === 'exchange' &&
            done.value.returned > 0 &&
            ` ${t('venues.exchange.returned', { n: done.value.returned })}`}
          {(done.kind === 'exchange' || done.kind === 'merge') &&
            done.value.heldKinds.length > 0 &&
            ` ${t('venues.held.lead', { list: heldList(t, done.value.heldKinds) })}`}
          {done.kind === 'slip' && t('venues.close.printed', { file: done.value.fileName })}
          {done.kind === 'device' &&
            t('venues.device.saved', {
              file: done.value.fileName,
              events: done.value.events,
              own: done.value.own,
            })}
        </div>
      )}

      {data.isKit ? (
        <div className="panel venues-block">
          <h2>{t('venues.device.heading')}</h2>
          <p>{t('venues.device.lead')}</p>
          <button
            type="button"
            className="primary"
            data-testid="venues-save-device"
            disabled={action.busy}
            onClick={saveDevice}
          >
            {t('venues.device.save')}
          </button>
          {data.closing && (
            <div className="venue-closing" data-testid="venues-closing">
              <h2>{t('venues.close.heading')}</h2>
              <p className="hint">{t('venues.close.lead')}</p>
              <dl className="closing-facts">
                <dt>{t('venues.slipPdf.venue')}</dt>
                <dd>{data.closing.venue}</dd>
                <dt>{t('venues.close.events')}</dt>
                <dd>{data.closing.events}</dd>
                <dt>{t('venues.close.key')}</dt>
                <dd className="mono">{data.closing.keyFingerprint}</dd>
              </dl>
              <p className="closing-head">
                <span>{t('venues.close.head')}</span>
                <strong className="mono" data-testid="venues-closing-head">
                  {data.closing.headFingerprint}
                </strong>
              </p>
              <button
                type="button"
                data-testid="venues-print-slip"
                disabled={action.busy}
                onClick={printSlip}
              >
                {t('venues.close.print')}
              </button>
            </div>
          )}
          <div className="venue-exchange" data-testid="venues-exchange">
            <h2>{t('venues.exchange.heading')}</h2>
            <p className="hint">{t('venues.exchange.lead')}</p>
            <FilePicker
              label={t('venues.exchange.choose')}
              accept=".minka"
              testId="venues-exchange-file"
              disabled={action.busy || sealed}
              onFile={exchange}
            />
          </div>
        </div>
      ) : (
        <div className="grid-2">
          <div className="panel venues-block">
            <h2>{t('venues.kit.heading')}</h2>
            <p className="hint">{t('venues.kit.lead')}</p>
            {data.venues.length === 0 ? (
              <p className="muted">{t('venues.kit.noVenues')}</p>
            ) : (
              <div className="form">
                <Field label={t('venues.kit.venue')}>
                  <select
                    data-testid="venues-kit-venue"
                    value={chosen}
                    onChange={(e) => setVenueId(e.target.value)}
                  >
                    {data.venues.map((v) => (
                      <option key={v.id} value={v.id}>
                        {v.name}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label={t('venues.kit.passphrase')}>
                  <input
                    type="password"
                    autoComplete="off"
                    value={passphrase}
                    onChange={(e) => setPassphrase(e.target.value)}
                  />
                </Field>
                <label className="check">
                  <input
                    type="checkbox"
                    data-testid="venues-kit-no-rounds"
                    checked={noRounds}
                    onChange={(e) => setNoRounds(e.target.checked)}
                  />{' '}
                  {t('venues.kit.noRounds')}
                </label>
                <div>
                  <button
                    type="button"
                    className="primary"
                    data-testid="venues-prepare"
                    disabled={action.busy || sealed || !chosen}
                    onClick={prepare}
                  >
                    {t('venues.kit.prepare')}
                  </button>
                </div>
              </div>
            )}
            <KitsIssued kits={data.kits} />
          </div>
          <div className="panel venues-block">
            <h2>{t('venues.merge.heading')}</h2>
            <p className="hint">{t('venues.merge.lead')}</p>
            <div className="form">
              <Field label={t('venues.merge.slipHead')} hint={t('venues.merge.slipHint')}>
                <input
                  className="mono"
                  data-testid="venues-slip-head"
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="XXXX-XXXX-XXXX-XXXX"
                  disabled={noSlip}
                  value={slipHead}
                  onChange={(e) => setSlipHead(e.target.value)}
                />
              </Field>
              <label className="check no-slip">
                <input
                  type="checkbox"
                  data-testid="venues-no-slip"
                  checked={noSlip}
                  onChange={(e) => setNoSlip(e.target.checked)}
                />{' '}
                {t('venues.merge.withoutSlip')}
              </label>
              {noSlip && (
                <Field label={t('venues.merge.withoutSlipNote')}>
                  <textarea
                    rows={2}
                    data-testid="venues-no-slip-note"
                    value={noSlipNote}
                    onChange={(e) => setNoSlipNote(e.target.value)}
                  />
                </Field>
              )}
              {!proof && <p className="muted small">{t('venues.merge.needProof')}</p>}
              <FilePicker
                label={t('venues.merge.choose')}
                accept=".minka"
                testId="venues-merge-file"
                disabled={action.busy || sealed || !proof}
                onFile={merge}
              />
            </div>
          </div>
        </div>
      )}

      {(!data.isKit || data.devices.length > 0 || data.conflicts.length > 0) && (
        <>
          <h2>{t(data.isKit ? 'venues.exchange.siblings' : 'venues.devices.heading')}</h2>
          {data.devices.length === 0 ? (
            <p className="muted">{t('venues.devices.none')}</p>
          ) : (
            <DevicesTable devices={data.devices} isKit={data.isKit} />
          )}

          <h2>{t('venues.conflicts.heading')}</h2>
          {data.conflicts.length === 0 ? (
            <p className="muted">{t('venues.conflicts.none')}</p>
          ) : (
            <>
              <p data-testid="venues-conflict-summary">
                {t('venues.conflicts.summary', {
                  open,
                  settled: data.conflicts.length - open,
                })}{' '}
                {open > 0 && <strong>{t('venues.conflicts.blocking')}</strong>}{' '}
                {data.isKit && <span>{t('venues.exchange.onMain')}</span>}
              </p>
              <ul className="conflict-list">
                {data.conflicts.map((c) => (
                  <li key={c.id}>
                    <ConflictCard
                      conflict={c}
                      busy={action.busy}
                      readOnly={sealed || data.isKit}
                      onSettle={settle}
                      here={data.isKit ? t('venues.exchange.here') : undefined}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
