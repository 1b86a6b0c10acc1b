import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Output } from '../../../../shared/api';
import type { Criterion } from '../../../../shared/schemas/criteria';
import type { ChainStatus, StoredWorkshopSetup } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { errorNotice, okNotice, thrownNotice, wordNotice, type Notice } from '../../kit';
import { invoke } from '../../transport';

type CriteriaData = Output<'criteria:get'>;
type Proposals = Output<'proposals:get'>['proposals'];

interface Props {
  workshopId: string;
  setup: StoredWorkshopSetup;
  readOnly: boolean;
  onChain: (c: ChainStatus) => void;
}

interface MatrixRow {
  id?: string;
  name: string;
  weight: string;
  scaleMax: string;
}

const isWhole = (s: string) => /^\d{1,4}$/.test(s.trim());

/** The criteria matrix (weights, scales, the votes' weight) and the technical team's scoring grid. */
export function CriteriaTab({ workshopId, setup, readOnly, onChain }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const [data, setData] = useState<CriteriaData | null>(null);
  const [proposals, setProposals] = useState<Proposals>([]);
  // Kept as what happened, worded when drawn: it follows a change of language.
  const [notice, setNotice] = useState<Notice | null>(null);
  const message = wordNotice(notice, i18n);
  const [sector, setSector] = useState('');
  const [scoredBy, setScoredBy] = useState('');
  const [drafts, setDrafts] = useState<Record<string, Record<string, string>>>({});
  const [matrix, setMatrix] = useState<{ rows: MatrixRow[]; votesWeight: string } | null>(null);
  const table = useRef<HTMLTableSectionElement>(null);

  const load = useCallback(async () => {
    const [c, p] = await Promise.all([
      invoke('criteria:get', { workshopId }),
      invoke('proposals:get', { workshopId }),
    ]);
    setData(c);
    setProposals(p.proposals.filter((x) => x.status !== 'rejected'));
    return c;
  }, [workshopId]);

  useEffect(() => {
    let live = true;
    Promise.all([invoke('criteria:get', { workshopId }), invoke('proposals:get', { workshopId })])
      .then(([c, p]) => {
        if (!live) return;
        setData(c);
        setProposals(p.proposals.filter((x) => x.status !== 'rejected'));
        setMatrix(toMatrixDraft(c.matrix.criteria, c.matrix.votesWeight));
      })
      .catch((e: unknown) => live && setNotice(thrownNotice(e)));
    return () => {
      live = false;
    };
  }, [workshopId]);

  const scoreOf = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of data?.scores ?? []) m.set(`${s.proposalId}/${s.criterionId}`, s.score);
    return m;
  }, [data]);
  const totals = useMemo(() => new Map((data?.totals ?? []).map((x) => [x.proposalId, x])), [data]);

  if (!data || !matrix) return <p>{message ? message.text : t('common.loading')}</p>;
  const criteria = data.matrix.criteria;
  const shown = proposals.filter((p) => !sector || p.sectorId === sector);
  const done = proposals.filter((p) => totals.get(p.id)?.complete).length;
  const weightSum = matrix.rows.reduce((s, r) => s + (isWhole(r.weight) ? Number(r.weight) : 0), 0);

  const cell = (pid: string, cid: string) =>
    drafts[pid]?.[cid] ?? String(scoreOf.get(`${pid}/${cid}`) ?? '');
  const setCell = (pid: string, cid: string, v: string) =>
    setDrafts((d) => ({ ...d, [pid]: { ...d[pid], [cid]: v } }));

  const saveRow = async (pid: string): Promise<boolean> => {
    const p = proposals.find((x) => x.id === pid);
    if (!p) return false;
    const scores: { criterionId: string; score: number }[] = [];
    for (const c of criteria) {
      const text = cell(pid, c.id).trim();
      if (text === '') continue;
      if (!isWhole(text) || Number(text) > c.scaleMax) {
        setNotice(
          errorNotice('results.criteria.badScore', { code: p.code, text, scale: c.scaleMax }),
        );
        return false;
      }
      scores.push({ criterionId: c.id, score: Number(text) });
    }
    if (scores.length === 0) return true;
    try {
      const r = await invoke('criteria:score', {
        workshopId,
        score: { proposalId: pid, scoredBy, scores },
      });
      onChain(r.chain);
      const fresh = await load();
      setDrafts((d) => {
        const { [pid]: _gone, ...rest } = d;
        return rest;
      });
      const total = fresh.totals.find((x) => x.proposalId === pid)?.display ?? '';
      setNotice(okNotice('results.criteria.scored', { code: p.code, total }));
      return true;
    } catch (e) {
      setNotice(thrownNotice(e));
      return false;
    }
  };

  /** Enter saves the row and moves to the next proposal's first score. */
  const onKey = (e: KeyboardEvent<HTMLInputElement>, pid: string, index: number) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    void saveRow(pid).then((ok) => {
      if (!ok) return;
      const next = table.current?.querySelectorAll<HTMLInputElement>(
        `tr[data-row="${index + 1}"] input`,
      )[0];
      next?.focus();
      next?.select();
    });
  };

  const saveMatrix = async () => {
    if (
      !matrix.rows.every((r) => isWhole(r.weight) && isWhole(r.scaleMax)) ||
      !isWhole(matrix.votesWeight)
    ) {
      setNotice(errorNotice('results.criteria.badWeight'));
      return;
    }
    try {
      const r = await invoke('criteria:saveMatrix', {
        workshopId,
        matrix: {
          votesWeight: Number(matrix.votesWeight),
          criteria: matrix.rows.map((x) => ({
            ...(x.id ? { id: x.id } : {}),
            name: x.name,
            weight: Number(x.weight),
            scaleMax: Number(x.scaleMax),
          })),
        },
      });
      onChain(r.chain);
      const fresh = await load();
      setMatrix(toMatrixDraft(fresh.matrix.criteria, fresh.matrix.votesWeight));
      setNotice(okNotice('results.criteria.matrixSaved'));
    } catch (e) {
      setNotice(thrownNotice(e));
    }
  };
  const patchRow = (i: number, patch: Partial<MatrixRow>) =>
    setMatrix((m) => m && { ...m, rows: m.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) });

  return (
    <div className="criteria-tab">
      {message && (
        <div
          className={`banner ${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="criteria-message"
        >
          {message.text}
        </div>
      )}
      <section className="panel matrix" data-testid="matrix">
        <h2>{t('results.criteria.matrix')}</h2>
        <p className="lead">{t('results.criteria.matrixLead')}</p>
        <table className="edit-table">
          <thead>
            <tr>
              <th>{t('results.criteria.name')}</th>
              <th className="num">{t('results.criteria.weight')}</th>
              <th className="num">{t('results.criteria.scale')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {matrix.rows.map((r, i) => (
              <tr key={r.id ?? `new${i}`}>
                <td>
                  <input
                    aria-label={t('results.criteria.name')}
                    name={`criterion-name-${i}`}
                    value={r.name}
                    disabled={readOnly}
                    onChange={(e) => patchRow(i, { name: e.target.value })}
                  />
                </td>
                <td className="num">
                  <input
                    className="score"
                    inputMode="numeric"
                    aria-label={t('results.criteria.weight')}
                    name={`criterion-weight-${i}`}
                    value={r.weight}
                    disabled={readOnly}
                    onChange={(e) => patchRow(i, { weight: e.target.value })}
                  />
                </td>
                <td className="num">
                  <input
                    className="score"
                    inputMode="numeric"
                    aria-label={t('results.criteria.scale')}
                    name={`criterion-scale-${i}`}
                    value={r.scaleMax}
                    disabled={readOnly}
                    onChange={(e) => patchRow(i, { scaleMax: e.target.value })}
                  />
                </td>
                <td>
                  {!readOnly && matrix.rows.length > 1 && (
                    <button
                      type="button"
                      className="link"
                      onClick={() =>
                        setMatrix((m) => m && { ...m, rows: m.rows.filter((_, k) => k !== i) })
                      }
                    >
                      {t('common.remove')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className={weightSum === 100 ? 'muted' : 'warn-text'} data-testid="weight-sum">
          {t('results.criteria.sum', { sum: weightSum })}
        </p>
        <div className="inline-form">
          <label>
            {t('results.criteria.votesWeight')}
            <input
              className="score"
              inputMode="numeric"
              name="votesWeight"
              value={matrix.votesWeight}
              disabled={readOnly}
              onChange={(e) => setMatrix((m) => m && { ...m, votesWeight: e.target.value })}
            />
            <span className="hint">
              {t('results.criteria.votesWeightHint', {
                rest: isWhole(matrix.votesWeight)
                  ? Math.max(0, 100 - Number(matrix.votesWeight))
                  : '?',
              })}
            </span>
          </label>
          {!readOnly && (
            <>
              <button
                type="button"
                onClick={() =>
                  setMatrix(
                    (m) =>
                      m && { ...m, rows: [...m.rows, { name: '', weight: '0', scaleMax: '10' }] },
                  )
                }
              >
                {t('results.criteria.add')}
              </button>
              <button type="button" className="primary" onClick={() => void saveMatrix()}>
                {t('results.criteria.saveMatrix')}
              </button>
            </>
          )}
        </div>
      </section>

      <section className="scoring">
        <div className="list-head">
          <h2>{t('results.criteria.scoring')}</h2>
          <span className="muted" data-testid="scored-progress">
            {t('results.criteria.progress', { done, total: proposals.length })}
          </span>
        </div>
        <p className="lead">{t('results.criteria.scoringLead')}</p>
        <div className="toolbar">
          <label>
            {t('results.criteria.scoredBy')}
            <input
              name="scoredBy"
              value={scoredBy}
              disabled={readOnly}
              onChange={(e) => setScoredBy(e.target.value)}
            />
          </label>
          <label>
            {t('results.filter.sector')}
            <select name="sector" value={sector} onChange={(e) => setSector(e.target.value)}>
              <option value="">{t('results.filter.allSectors')}</option>
              {setup.sectors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {shown.length === 0 ? (
          <p className="muted">{t('results.criteria.none')}</p>
        ) : (
          <table className="data-table score-grid" data-testid="score-grid">
            <thead>
              <tr>
                <th>{t('results.col.code')}</th>
                <th>{t('results.col.proposal')}</th>
                {criteria.map((c) => (
                  <th key={c.id} className="num" title={c.name}>
                    {c.name}
                    <div className="sub">
                      {c.weight}&nbsp;% · 0–{c.scaleMax}
                    </div>
                  </th>
                ))}
                <th className="num">{t('results.criteria.total')}</th>
                <th />
              </tr>
            </thead>
            <tbody ref={table}>
              {shown.map((p, i) => {
                const total = totals.get(p.id);
                return (
                  <tr key={p.id} data-code={p.code} data-row={i}>
                    <td className="code">{p.code}</td>
                    <td className="title-cell">{p.title}</td>
                    {criteria.map((c) => (
                      <td key={c.id} className="num">
                        <input
                          className="score"
                          inputMode="numeric"
                          name={`score-${c.id}`}
                          aria-label={`${p.code} ${c.name}`}
                          value={cell(p.id, c.id)}
                          disabled={readOnly}
                          onChange={(e) => setCell(p.id, c.id, e.target.value)}
                          onKeyDown={(e) => onKey(e, p.id, i)}
                        />
                      </td>
                    ))}
                    <td className="num total" data-testid="total">
                      {total?.display ?? ''}
                      {total && !total.complete && (
                        <div className="sub">{t('results.criteria.incomplete')}</div>
                      )}
                    </td>
                    <td>
                      {!readOnly && drafts[p.id] && (
                        <button
                          type="button"
                          className="small-button"
                          onClick={() => void saveRow(p.id)}
                        >
                          {t('results.criteria.save')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function toMatrixDraft(criteria: Criterion[], votesWeight: number) {
  return {
    rows: criteria.map((c) => ({
      id: c.id,
      name: c.name,
      weight: String(c.weight),
      scaleMax: String(c.scaleMax),
    })),
    votesWeight: String(votesWeight),
  };
}
