import { useState, type FormEvent } from 'react';
import { formatDateTime, formatInteger, formatSoles } from '../../../../shared/format';
import {
  REJECTION_REASONS,
  type Admissibility,
  type Proposal,
  type ProposalReview,
  type RejectionReason,
} from '../../../../shared/schemas/proposals';
import { useI18n } from '../../i18n';

export interface ListContext {
  sectorName: (id: string) => string;
  orgName: (id: string | null) => string;
  reviewsOf: (id: string) => ProposalReview[];
  readOnly: boolean;
  decide: (
    p: Proposal,
    decision: Admissibility,
    reason: RejectionReason | null,
    explanation: string,
    alsoReasons?: RejectionReason[],
  ) => Promise<boolean>;
}

/** "Rechazada 14/05/2026 08:10 → Admitida 14/05/2026 09:02": reconsiderations stay visible. */
export function HistoryLine({ reviews }: { reviews: ProposalReview[] }) {
  const { t } = useI18n();
  if (reviews.length < 2) return null;
  const steps = reviews
    .map((r) => `${t(`proposals.status.${r.decision}`)} ${formatDateTime(r.decidedAt)}`)
    .join(' → ');
  return <div className="sub history">{t('proposals.history', { steps })}</div>;
}

/** The proposals not rejected, with quick admit / reject; rejecting opens a form that needs a reason and an explanation. */
export function ProposalList({
  proposals,
  ctx,
  editingId,
  onEdit,
}: {
  proposals: Proposal[];
  ctx: ListContext;
  editingId: string | null;
  onEdit: (p: Proposal) => void;
}) {
  const { t } = useI18n();
  const [rejecting, setRejecting] = useState<Proposal | null>(null);
  return (
    <>
      {rejecting && <RejectForm proposal={rejecting} ctx={ctx} onDone={() => setRejecting(null)} />}
      {proposals.length === 0 ? (
        <p className="muted">{t('proposals.list.empty')}</p>
      ) : (
        <table className="data-table" data-testid="proposal-table">
          <thead>
            <tr>
              <th>{t('proposals.field.code')}</th>
              <th>{t('proposals.field.title')}</th>
              <th className="num">{t('proposals.field.cost')}</th>
              <th>{t('proposals.list.status')}</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.id} data-code={p.code} className={p.id === editingId ? 'editing' : ''}>
                <td className="code">{p.code}</td>
                <td>
                  <div>{p.title}</div>
                  <div className="sub">
                    {[ctx.sectorName(p.sectorId), p.community, ctx.orgName(p.organizationId)]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  <div className="sub">
                    {[
                      p.beneficiaries
                        ? t(`proposals.beneficiaries.${p.beneficiaryUnit}`, {
                            n: formatInteger(p.beneficiaries),
                          })
                        : '',
                      p.cui ? `CUI ${p.cui}` : '',
                      p.carriedFrom ? `← ${p.carriedFrom}` : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </div>
                  <HistoryLine reviews={ctx.reviewsOf(p.id)} />
                </td>
                <td className="num cost">{formatSoles(p.estimatedCostCents)}</td>
                <td className="row-actions">
                  <span className={`badge ${p.status === 'admitted' ? 'ok' : 'warn'}`}>
                    {t(`proposals.status.${p.status}`)}
                  </span>
                  {!ctx.readOnly && (
                    <div className="buttons">
                      {p.status !== 'admitted' && (
                        <button
                          type="button"
                          data-action="admit"
                          onClick={() => void ctx.decide(p, 'admitted', null, '')}
                        >
                          {t('proposals.action.admit')}
                        </button>
                      )}{' '}
                      <button type="button" data-action="reject" onClick={() => setRejecting(p)}>
                        {t('proposals.action.reject')}
                      </button>{' '}
                      <button
                        type="button"
                        className="link"
                        data-action="edit"
                        onClick={() => onEdit(p)}
                      >
                        {t('proposals.action.edit')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function RejectForm({
  proposal,
  ctx,
  onDone,
}: {
  proposal: Proposal;
  ctx: ListContext;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState<RejectionReason | ''>('');
  const [also, setAlso] = useState<RejectionReason[]>([]);
  const [explanation, setExplanation] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The core refuses a missing reason or explanation with a clear message; the screen shows it.
    if (await ctx.decide(proposal, 'rejected', reason || null, explanation, also)) onDone();
  };
  const toggle = (r: RejectionReason, on: boolean) =>
    setAlso((xs) => (on ? [...xs, r] : xs.filter((x) => x !== r)));
  return (
    <form
      className="panel reject-form"
      data-testid="reject-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      <h3>{t('proposals.reject.heading', { code: proposal.code, title: proposal.title })}</h3>
      <div className="grid-2">
        <label>
          {t('proposals.reject.reason')}
          <select
            name="reason"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value as RejectionReason | '')}
          >
            <option value="">{t('proposals.reject.choose')}</option>
            {REJECTION_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`proposals.reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('proposals.reject.explanation')}
          <textarea
            name="explanation"
            rows={2}
            value={explanation}
            onChange={(e) => setExplanation(e.target.value)}
          />
        </label>
      </div>
      <fieldset className="also-reasons">
        <legend>{t('proposals.reject.alsoReasons')}</legend>
        {REJECTION_REASONS.filter((r) => r !== reason).map((r) => (
          <label key={r} className="radio">
            <input
              type="checkbox"
              name="alsoReason"
              value={r}
              checked={also.includes(r)}
              onChange={(e) => toggle(r, e.target.checked)}
            />
            {t(`proposals.reason.${r}`)}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="primary">
          {t('proposals.reject.confirm')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Rejected proposals in their own section, each with its reason and explanation, as the minutes will show them. */
export function RejectedList({ proposals, ctx }: { proposals: Proposal[]; ctx: ListContext }) {
  const { t } = useI18n();
  return (
    <section className="proposals-section rejected-list" data-testid="rejected-list">
      <h2>{t('proposals.rejected.heading', { n: proposals.length })}</h2>
      <p className="lead">{t('proposals.rejected.lead')}</p>
      {proposals.length === 0 ? (
        <p className="muted">{t('proposals.rejected.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('proposals.field.code')}</th>
              <th>{t('proposals.field.title')}</th>
              <th>{t('proposals.reject.reason')}</th>
              {!ctx.readOnly && <th>{t('proposals.list.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => {
              const reviews = ctx.reviewsOf(p.id);
              const last = reviews[reviews.length - 1];
              return (
                <tr key={p.id} data-code={p.code}>
                  <td className="code">{p.code}</td>
                  <td>
                    <div>{p.title}</div>
                    <div className="sub">
                      {[ctx.sectorName(p.sectorId), p.community, formatSoles(p.estimatedCostCents)]
                        .filter(Boolean)
                        .join(' · ')}
                    </div>
                    <HistoryLine reviews={reviews} />
                  </td>
                  <td>
                    {last?.reason &&
                      [last.reason, ...last.alsoReasons].map((r) => (
                        <div key={r} className="reason">
                          {t(`proposals.reason.${r}`)}
                        </div>
                      ))}
                    <p className="why">{last?.explanation}</p>
                    {last && <div className="sub">{formatDateTime(last.decidedAt)}</div>}
                  </td>
                  {!ctx.readOnly && (
                    <td className="row-actions">
                      <button
                        type="button"
                        data-action="reconsider"
                        onClick={() => void ctx.decide(p, 'admitted', null, '')}
                      >
                        {t('proposals.action.admit')}
                      </button>{' '}
                      <button
                        type="button"
                        className="link"
                        data-action="pending"
                        onClick={() => void ctx.decide(p, 'pending', null, '')}
                      >
                        {t('proposals.action.toPending')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
