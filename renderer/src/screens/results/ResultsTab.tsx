import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { formatDateTime, formatInteger, formatSoles } from '../../../../shared/format';
import type {
  ResultStep,
  RoundResults,
  SectorRoundResults,
} from '../../../../shared/schemas/results';
import { useI18n } from '../../i18n';
import { ErrorBanner, useAction } from '../../kit';
import { invoke } from '../../transport';
import { EnvelopeBar, SectorBars } from './charts';
import { SplitSteps } from './SplitSteps';
import { MesLead, ranNothing } from './RuleLead';
import { appliedRule } from '../../../../shared/results/sector-split';

/** An amount inside a sentence: "S/" kept on the line of its figure (fac30 saw "S/" end a line). */
const gluedSoles = (cents: number) => formatSoles(cents).replace('S/ ', 'S/\u00a0');

type Rounds = Output<'results:rounds'>;
type AnyResults = Output<'results:get'>;

/** Results of a closed round: the envelope bar, bars per sector, the ranking and the steps. */
export function ResultsTab({
  workshopId,
  roundId,
  onRound: setRoundId,
}: {
  workshopId: string;
  /** Held by the screen: the projector opens on the same round. */
  roundId: string | null;
  onRound: (roundId: string | null) => void;
}) {
  const { t } = useI18n();
  const [rounds, setRounds] = useState<Rounds | null>(null);
  const [results, setResults] = useState<AnyResults | null>(null);
  const { error, failWith } = useAction();

  useEffect(() => {
    invoke('results:rounds', { workshopId })
      .then((r) => {
        setRounds(r);
        setRoundId(r.defaultRoundId);
      })
      .catch(failWith);
  }, [workshopId, failWith, setRoundId]);

  useEffect(() => {
    if (!roundId) return;
    let live = true;
    invoke('results:get', { workshopId, roundId })
      .then((r) => live && setResults(r))
      .catch((e: unknown) => live && failWith(e));
    return () => {
      live = false;
    };
  }, [workshopId, roundId, failWith]);

  if (error) return <ErrorBanner error={error} />;
  if (!rounds) return <p>{t('common.loading')}</p>;
  return (
    <div className="results-tab">
      <div className="toolbar">
        <label>
          {t('results.round')}
          <select
            name="round"
            value={roundId ?? ''}
            onChange={(e) => setRoundId(e.target.value || null)}
          >
            {roundId === null && <option value="">—</option>}
            {rounds.rounds.map((r) => (
              <option key={r.id} value={r.id} disabled={r.state !== 'closed'}>
                {r.title} —{' '}
                {r.state === 'closed'
                  ? t('results.round.closed', { at: formatDateTime(r.closedAt ?? '') })
                  : t(`results.round.${r.state}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {roundId === null && <p className="banner warn">{t('results.noRounds')}</p>}
      {results?.kind === 'priority' && <PriorityResults r={results.value} />}
      {results?.kind === 'sector' && <SectorRound r={results.value} />}
    </div>
  );
}

function PriorityResults({ r }: { r: RoundResults }) {
  const { t } = useI18n();
  const title = new Map(r.projects.map((p) => [p.code, p.title]));
  const steps = r.steps;
  const score = new Map(r.projects.map((p) => [p.code, p.combined]));
  return (
    <>
      <p className="muted" data-testid="results-summary">
        {t('results.summary', {
          rule: t(`results.rule.${appliedRule(r)}`),
          tieBreak: t(`setup.tieBreak.${r.tieBreak}`),
          votes: r.votesWeight,
          criteria: 100 - r.votesWeight,
        })}
        <br />
        {r.round.kind === 'ballot'
          ? `${t('results.turnout', {
              ballots: formatInteger(r.round.ballots ?? 0),
              entitled: formatInteger(r.round.entitled),
            })} · ${t('results.blank', { blank: formatInteger(r.round.blank ?? 0) })}`
          : t('results.turnoutHands', { entitled: formatInteger(r.round.entitled) })}
      </p>
      {r.problem && (
        <div className="banner warn" role="alert" data-testid="results-problem">
          <strong>{t('results.problem.heading')}:</strong> {t(r.problem.key, r.problem.params)}
        </div>
      )}
      <section className="panel">
        <h2>{t('results.envelope')}</h2>
        <EnvelopeBar results={r} />
      </section>
      <section>
        <h2>{t('results.bySector')}</h2>
        <div className="sector-charts">
          {r.sectors.map((s) => (
            <div key={s.sectorId} className="panel sector-chart" data-sector={s.name}>
              <h3>{s.name}</h3>
              <p className="muted small">
                {t('results.sectorLine', {
                  selected: s.selected,
                  proposals: s.proposals,
                  amount: formatSoles(s.selectedCents),
                })}
                {s.shareCents !== null && (
                  <>
                    <br />
                    {t('results.sectorShare', { amount: formatSoles(s.shareCents) })}
                  </>
                )}
              </p>
              <SectorBars projects={r.projects.filter((p) => p.sectorId === s.sectorId)} />
            </div>
          ))}
        </div>
      </section>
      <section>
        <h2>{t('results.ranking')}</h2>
        <table className="data-table ranking" data-testid="ranking">
          <thead>
            <tr>
              <th className="num">{t('results.col.rank')}</th>
              <th>{t('results.col.code')}</th>
              <th>{t('results.col.proposal')}</th>
              <th className="num">{t('results.col.votes')}</th>
              {r.projects.some((p) => p.points !== null) && (
                <th className="num">{t('results.col.points')}</th>
              )}
              <th className="num">{t('results.col.criteria')}</th>
              <th className="num">{t('results.col.combined')}</th>
              <th className="num">{t('results.col.cost')}</th>
              <th>{t('results.col.outcome')}</th>
            </tr>
          </thead>
          <tbody>
            {r.projects.map((p) => (
              <tr key={p.code} data-code={p.code} className={p.selected ? 'selected' : ''}>
                <td className="num">{p.rank}</td>
                <td className="code">{p.code}</td>
                <td>
                  {p.title}
                  <div className="sub">{t('results.sectorRank', { rank: p.sectorRank })}</div>
                </td>
                <td className="num">{formatInteger(p.votes)}</td>
                {r.projects.some((x) => x.points !== null) && (
                  <td className="num">{p.points === null ? '' : formatInteger(p.points)}</td>
                )}
                <td className="num">
                  {p.criteriaScore}
                  {!p.criteriaComplete && (
                    <div className="sub">{t('results.criteria.incomplete')}</div>
                  )}
                </td>
                <td className="num strong">{p.combined}</td>
                <td className="num">{formatSoles(p.costCents)}</td>
                <td data-testid="outcome">
                  {p.selected
                    ? `✔ ${t('results.selected')} (${p.order})`
                    : t('results.notSelected')}
                  {p.fromRemainder && <div className="sub">{t('results.split.fromRemainder')}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {r.split && <SplitSteps r={r} split={r.split} />}
      {!r.split && !ranNothing(r) && (
        <section className="panel explanation" data-testid="explanation">
          <h2>{t('results.explanation')}</h2>
          {appliedRule(r) === 'mes' ? (
            <MesLead r={r} />
          ) : (
            <p className="lead">{t('results.explanation.lead')}</p>
          )}
          <ol className="steps">
            {groupSteps(steps).map((g, i) => {
              const s = g[0];
              if (!s) return null;
              const params = {
                n: i + 1,
                code: s.code,
                title: title.get(s.code) ?? '',
                cost: gluedSoles(s.costCents),
                left: gluedSoles(s.remainingCents),
                score: score.get(s.code) ?? '',
              };
              if (g.length > 1)
                return (
                  <li
                    key={`${s.phase}${i}`}
                    className="skipped"
                    data-codes={g.map((x) => x.code).join(' ')}
                  >
                    {t('results.step.manySkipped', {
                      n: i + 1,
                      count: g.length,
                      left: gluedSoles(s.remainingCents),
                      codes: g.map((x) => x.code).join(', '),
                    })}
                  </li>
                );
              return (
                <li key={`${s.phase}${i}`} className={s.kind} data-code={s.code}>
                  {appliedRule(r) === 'mes' && (
                    <span className="badge">
                      {t(
                        s.phase === 'mes' && r.ran?.steps.includes('add1')
                          ? 'results.step.phase.mesAdd1'
                          : `results.step.phase.${s.phase}`,
                      )}
                    </span>
                  )}{' '}
                  {s.kind === 'chosen'
                    ? t('results.step.chosen', params)
                    : t(`results.step.${s.reason ?? 'doesNotFit'}`, params)}
                  {s.tiedWith.length > 0 && (
                    <div className="sub">
                      {t('results.step.tied', {
                        codes: s.tiedWith.join(', '),
                        rule: t(`setup.tieBreak.${r.tieBreak}`),
                      })}
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </>
  );
}

function SectorRound({ r }: { r: SectorRoundResults }) {
  const { t } = useI18n();
  const max = Math.max(1, ...r.sectors.map((s) => s.votes));
  return (
    <section className="panel">
      <h2>{t('results.sectorRound')}</h2>
      <p className="lead">{t('results.sectorRoundLead')}</p>
      <ol className="bars">
        {r.sectors.map((s) => (
          <li key={s.sectorId} className="selected" data-sector={s.name}>
            <span className="bar-label">{s.name}</span>
            <span className="bar-track">
              <span className="bar-fill" style={{ width: `${(s.votes * 100) / max}%` }} />
            </span>
            <span className="bar-value num">{formatInteger(s.votes)}</span>
            <span className="bar-outcome num">
              {s.shareCents === null ? '' : formatSoles(s.shareCents)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Runs of three or more projects skipped for not fitting in the same remainder read as one line. */
function groupSteps(steps: readonly ResultStep[]): ResultStep[][] {
  const out: ResultStep[][] = [];
  for (const s of steps) {
    const last = out.at(-1);
    const prev = last?.[0];
    if (
      last &&
      prev &&
      s.kind === 'skipped' &&
      prev.kind === 'skipped' &&
      s.reason === 'doesNotFit' &&
      prev.reason === 'doesNotFit' &&
      s.remainingCents === prev.remainingCents
    )
      last.push(s);
    else out.push([s]);
  }
  // Short runs stay one line per project: they explain more that way.
  return out.flatMap((g) => (g.length >= 3 ? [g] : g.map((s) => [s])));
}
