// The answer of the Verify screen, for a person holding a paper copy (issue 15): whether this
// file is the one on their paper (from the fingerprint groups they typed), whether the key
// that signed it is known on this computer, new or different — in large type, never a
// footnote — and what was added to the file after Minka signed it.
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { typedHex, typedMatch } from '../../../../shared/fingerprint';
import { formatDateTime } from '../../../../shared/format';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { ErrorBanner, useAction } from '../../kit';
import { layoutMessage, revisionMessage, revisionsShown, verdictLeadMessage } from './verifyView';
import { confirmedAtSealLines } from '../../../../shared/minutes/confirmed-at-seal';
import type { MinutesPayload } from '../../../../shared/minutes/payload';

type Result = Output<'minutes:verify'>;

/** Whether the file is the one on the person's paper; nothing until two groups are typed. */
function PaperAnswer({ result, paper }: { result: Result; paper: string }) {
  const { t } = useI18n();
  if (!result.fingerprint) return null;
  if (typedHex(paper).length < 8)
    return (
      <p className="paper-answer pending" data-testid="paper-answer" data-match="none">
        {t('minutes.ui.paperAsk')}
      </p>
    );
  // Fewer than the 16 digits printed: a match that the key holder could have forged by
  // trying (8 digits are 2^32 tries), so not a "yes" (typedMatch: one rule with the CLI).
  const { match, digits } = typedMatch(paper, result.fingerprint, result.payloadSha256);
  const word = {
    yes: 'minutes.ui.paperMatch',
    weak: 'minutes.ui.paperWeak',
    no: 'minutes.ui.paperNoMatch',
  }[match];
  const lead = {
    yes: 'minutes.ui.paperMatchLead',
    weak: 'minutes.ui.paperWeakLead',
    no: 'minutes.ui.paperNoMatchLead',
  }[match];
  return (
    <div
      className={`paper-answer ${match === 'yes' ? 'ok' : match === 'weak' ? 'weak' : 'bad'}`}
      role="status"
      data-testid="paper-answer"
      data-match={match}
    >
      <div className="word">{t(word, { digits })}</div>
      <p>
        {t(lead, {
          typed: paper.trim().toUpperCase(),
          fingerprint: result.fingerprint,
          digits,
        })}
      </p>
    </div>
  );
}

/** The signing key's status, with a way to trust a new key from this Acta. */
function KeyAnswer({ result, fileName }: { result: Result; fileName: string }) {
  const { t } = useI18n();
  const [trusted, setTrusted] = useState(false);
  const { error, run } = useAction();
  const k = result.key;
  if (!k || !result.keyFingerprint) return null;
  const loud = !trusted && (k.status === 'new' || k.status === 'different');
  const municipality =
    result.payload?.format === 'minka-minutes'
      ? result.payload.workshop.municipality
      : (result.payload?.municipality ?? '');
  const trust = () =>
    run(async () => {
      await invoke('minutes:trustKey', {
        keyFingerprint: result.keyFingerprint ?? '',
        municipality,
        label: '',
        firstSeen: fileName || 'acta.pdf',
      });
      setTrusted(true);
    });
  return (
    <div
      className={`key-answer ${loud ? 'loud' : 'quiet'}`}
      data-testid="key-answer"
      data-status={trusted ? 'known' : k.status}
    >
      <div className={loud ? 'word' : 'key-title'}>
        {t(`minutes.ui.keyTitle.${trusted ? 'known' : k.status}`)}
      </div>
      <p>
        {trusted
          ? t('minutes.ui.trusted', { key: result.keyFingerprint })
          : t(`minutes.keyStatus.${k.status}`, {
              key: result.keyFingerprint,
              firstSeen: k.firstSeen ?? '',
              date: k.seenAt ? formatDateTime(k.seenAt).slice(0, 10) : '',
              other: k.otherKey ?? '',
            })}
      </p>
      {loud && result.payload && (
        <button type="button" onClick={() => void trust()} data-testid="trust-key">
          {t('minutes.ui.trustKey')}
        </button>
      )}
      <ErrorBanner error={error} />
    </div>
  );
}

export function VerifyVerdict({
  result,
  fileName,
  paper,
}: {
  result: Result;
  fileName: string;
  paper: string;
}) {
  const { t } = useI18n();
  const revisions = revisionsShown(result);
  const layout = layoutMessage(result);
  // The fingerprint typed from paper names another Acta: that is the headline, not the file's
  // own integrity (an intact Acta re-sealed with the same key is still not the one on paper).
  const notPaper =
    (result.verdict === 'authentic' || result.verdict === 'resaved') &&
    result.fingerprint !== null &&
    typedHex(paper).length >= 8 &&
    typedMatch(paper, result.fingerprint, result.payloadSha256).match === 'no';
  return (
    <>
      <div
        className={`verdict ${result.ok && !notPaper ? 'ok' : 'bad'}`}
        role="status"
        data-testid="verdict"
        data-verdict={result.verdict}
        data-expectation={notPaper ? 'notPaper' : 'none'}
      >
        <div className="muted small">{fileName}</div>
        {notPaper ? (
          <>
            <div className="word">{t('minutes.ui.verdictNotPaper')}</div>
            <p>
              {t('minutes.ui.verdictNotPaperLead', {
                typed: paper.trim().toUpperCase(),
                fingerprint: result.fingerprint ?? '',
                verdict: t(`minutes.verdict.${result.verdict}`),
              })}
            </p>
          </>
        ) : (
          <>
            <div className="word">{t(`minutes.verdict.${result.verdict}`)}</div>
            <p>{((m) => t(m.key, m.params))(verdictLeadMessage(result))}</p>
          </>
        )}
        {result.fingerprint && (
          <dl className="fps">
            <dt>{t('minutes.ui.printedFingerprint')}</dt>
            <dd data-testid="verified-fingerprint">{result.fingerprint}</dd>
            <dt>{t('minutes.ui.signerKey')}</dt>
            <dd data-testid="verified-key">{result.keyFingerprint ?? '—'}</dd>
          </dl>
        )}
        {layout && (
          <p
            className="small"
            data-testid="verified-layout"
            data-layout={result.payload?.render?.layout}
          >
            {t(layout.key, layout.params)}
          </p>
        )}
      </div>
      <PaperAnswer result={result} paper={paper} />
      {result.ok && result.payload?.format === 'minka-minutes' && (
        <ConfirmedAtSeal payload={result.payload} />
      )}
      <KeyAnswer key={result.keyFingerprint ?? ''} result={result} fileName={fileName} />
      {revisions.length > 0 && (
        <div className="panel minutes-section" data-testid="revisions">
          <h3>{t('minutes.ui.revisionsHeading')}</h3>
          <ul>
            {revisions.map((x, i) => (
              <li key={i}>{((m) => t(m.key, m.params))(revisionMessage(x))}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** What the key holder confirmed when sealing, as the signed payload names it (stop 32). */
function ConfirmedAtSeal({ payload }: { payload: MinutesPayload }) {
  const { t } = useI18n();
  const lines = confirmedAtSealLines(payload);
  if (!lines) return null; // sealed before the list was kept
  return (
    <div className="panel minutes-section" data-testid="confirmed-at-seal">
      <p>
        {t(`minutes.confirmedAtSeal.${lines.length ? 'heading' : 'none'}`, { count: lines.length })}
      </p>
      {lines.length > 0 && (
        <ul>
          {lines.map((l, i) => (
            <li key={i}>{t(l.key, l.params)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
