import { useRef, useState, type FormEvent } from 'react';
import { FilePicker } from '../../components/FilePicker';
import type { Operator, Round, RoundDetail } from '../../../../shared/schemas/voting';
import type { ChainStatus } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { errorNotice, say, type Notice, type Say } from '../../kit';
import { invoke } from '../../transport';
import { BLANK_TOKEN, formatContent, parsePaperText } from './ballotText';
import type { Item } from './useVoting';

interface Props {
  workshopId: string;
  round: Round;
  detail: RoundDetail;
  items: Map<string, Item>;
  readOnly: boolean;
  write: <T>(
    call: () => Promise<{ value: T; chain: ChainStatus }>,
    ok?: (v: T) => Say,
  ) => Promise<T | null>;
}

/** An open ballot round: who has voted, paper ballots typed twice, and ballots from a .pb file. */
export function BallotPanel({ workshopId, round, detail, items, readOnly, write }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [typist, setTypist] = useState<Operator>('A');
  const [serial, setSerial] = useState('');
  const [text, setText] = useState('');
  // A key and its values, worded when drawn: it follows a change of language.
  const [problem, setProblem] = useState<Notice | null>(null);
  const serialRef = useRef<HTMLInputElement>(null);
  const voted = detail.voters.filter((v) => v.voted).length;
  const parsed = text.trim() ? parsePaperText(text, round, items) : null;
  const blankLabel = t('voting.kiosk.blank');
  const show = (c: Parameters<typeof formatContent>[0]) =>
    formatContent(c, round, items, blankLabel);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed) return;
    if (!parsed.ok) {
      setProblem(errorNotice(parsed.key, parsed.params));
      return;
    }
    setProblem(null);
    const r = await write(
      () =>
        invoke('voting:enterPaper', {
          workshopId,
          roundId: round.id,
          serial,
          typist,
          ballot: parsed.content,
        }),
      (v) => say(`voting.paper.saved.${v.status}`, { serial: v.serial }),
    );
    if (r) {
      setSerial('');
      setText('');
      serialRef.current?.focus();
    }
  };

  const importFile = async (file: File) => {
    const content = await file.text();
    await write(
      () =>
        invoke('voting:importPb', {
          workshopId,
          roundId: round.id,
          fileName: file.name,
          text: content,
        }),
      (v) => say('voting.import.done', { n: v.imported, file: file.name }),
    );
  };

  return (
    <>
      <div className="panel">
        <h3>{t('voting.ballots.progress')}</h3>
        <p data-testid="kiosk-progress">
          {t('voting.ballots.progressText', {
            voted,
            entitled: detail.entitled,
            ballots: detail.ballots,
          })}
        </p>
        <details>
          <summary>{t('voting.ballots.who')}</summary>
          <ul className="voter-list">
            {detail.voters.map((v) => (
              <li key={v.participantId} className={v.voted ? 'voted' : ''}>
                {v.name} <span className="muted small">{v.organization}</span>{' '}
                {v.voted && <strong>✓ {t('voting.kiosk.voted')}</strong>}
              </li>
            ))}
          </ul>
        </details>
      </div>
      <div className="panel paper">
        <div className="counting-head">
          <h3>{t('voting.paper.title')}</h3>
          <div className="operator-toggle" role="group" aria-label={t('voting.paper.typist')}>
            {(['A', 'B'] as const).map((o) => (
              <button
                key={o}
                type="button"
                className={o === typist ? 'active' : ''}
                aria-pressed={o === typist}
                onClick={() => setTypist(o)}
              >
                {t('voting.paper.typistN', { op: o })}
              </button>
            ))}
          </div>
        </div>
        <p className="hint">{t(`voting.paper.hint.${round.ballotType ?? 'approval'}`)}</p>
        <ol className="paper-legend">
          {round.itemIds.map((id) => (
            <li key={id}>
              <code>{items.get(id)?.code}</code> {items.get(id)?.title}
            </li>
          ))}
          <li value={Number(BLANK_TOKEN)} data-testid="paper-legend-blank">
            {blankLabel}
          </li>
        </ol>
        {!readOnly && (
          <form className="paper-form" onSubmit={(e) => void submit(e)}>
            <label>
              {t('voting.paper.serial')}
              <input
                ref={serialRef}
                value={serial}
                onChange={(e) => setSerial(e.target.value.trim())}
                required
                maxLength={20}
                className="narrow"
                aria-label={t('voting.paper.serial')}
              />
            </label>
            <label className="grow">
              {t('voting.paper.choices')}
              <input
                value={text}
                onChange={(e) => setText(e.target.value)}
                required
                aria-label={t('voting.paper.choices')}
              />
            </label>
            <button
              type="button"
              data-testid="paper-blank"
              aria-pressed={parsed?.ok === true && parsed.content.blank === true}
              onClick={() => setText(BLANK_TOKEN)}
            >
              {blankLabel} ({BLANK_TOKEN})
            </button>
            <button type="submit" className="primary">
              {t('voting.paper.save', { op: typist })}
            </button>
          </form>
        )}
        {parsed && (
          <p className={parsed.ok ? 'muted small' : 'field-error'}>
            {parsed.ok ? show(parsed.content) : t(parsed.key, parsed.params)}
          </p>
        )}
        {problem && <p className="field-error">{problem.say(i18n)}</p>}
        {detail.paper.length > 0 && (
          <table className="data-table paper-table">
            <thead>
              <tr>
                <th>{t('voting.paper.serial')}</th>
                <th>{t('voting.count.status')}</th>
                <th>{t('voting.paper.typistN', { op: 'A' })}</th>
                <th>{t('voting.paper.typistN', { op: 'B' })}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {detail.paper.map((p) => (
                <tr key={p.serial} className={p.status} data-serial={p.serial}>
                  <td>
                    <code>{p.serial}</code>
                  </td>
                  <td className={`count-status ${p.status}`}>
                    {p.status === 'waiting'
                      ? t('voting.paper.waitingFor', { typists: p.typists.join(', ') })
                      : t(`voting.count.status.${p.status}`)}
                  </td>
                  <td className="side">{p.a ? show(p.a) : ''}</td>
                  <td className="side">{p.b ? show(p.b) : ''}</td>
                  <td>
                    {p.status === 'mismatch' && !readOnly && (
                      <span className="resolve">
                        {(['A', 'B', 'void'] as const).map((keep) => (
                          <button
                            key={keep}
                            type="button"
                            onClick={() =>
                              void write(
                                () =>
                                  invoke('voting:resolvePaper', {
                                    workshopId,
                                    roundId: round.id,
                                    serial: p.serial,
                                    keep,
                                  }),
                                () =>
                                  say(
                                    keep === 'void'
                                      ? 'voting.paper.voided'
                                      : 'voting.paper.resolved',
                                    { serial: p.serial },
                                  ),
                              )
                            }
                          >
                            {keep === 'void'
                              ? t('voting.paper.void')
                              : t('voting.paper.keep', { op: keep })}
                          </button>
                        ))}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {!readOnly && (
        <div className="panel">
          <h3>{t('voting.import.title')}</h3>
          <p className="hint">{t('voting.import.hint')}</p>
          <FilePicker
            label={t('voting.import.choose')}
            accept=".pb,text/plain"
            testId="pb-file"
            onFile={(f) => void importFile(f)}
          />
        </div>
      )}
    </>
  );
}
