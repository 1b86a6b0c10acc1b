import { useMemo, useState, type FormEvent } from 'react';
import type { Output } from '../../../../shared/api';
import { formatDate, formatSoles, parseDate, parseSoles } from '../../../../shared/format';
import {
  BALLOT_TYPES,
  ROUND_KINDS,
  type BallotType,
  type RoundKind,
} from '../../../../shared/schemas/voting';
import { TieBreak, type WorkshopState } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { invoke } from '../../transport';
import { ErrorBanner, useAction } from '../../kit';
import type { Item } from './useVoting';

interface Props {
  workshop: WorkshopState;
  items: Map<string, Item>;
  admitted: string[];
  onCancel: () => void;
  onCreated: (r: Output<'voting:create'>) => Promise<void>;
  errText: (e: unknown) => string;
}

/** A new round: its kind, ballot rules and tie-break are fixed here, before anyone votes. */
export function RoundForm({ workshop, items, admitted, onCancel, onCreated, errText }: Props) {
  const { t } = useI18n();
  const { setup } = workshop;
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<RoundKind>('hands');
  const [ballotType, setBallotType] = useState<BallotType>('approval');
  const [maxChoices, setMaxChoices] = useState('3');
  const [totalPoints, setTotalPoints] = useState('10');
  const [budget, setBudget] = useState(formatSoles(setup.envelopeCents).replace('S/ ', ''));
  const [doubleEntry, setDoubleEntry] = useState(true);
  const [tieBreak, setTieBreak] = useState<TieBreak>(setup.tieBreak);
  // A kit's rounds are its own venue's only (the core refuses another venue's there too).
  const venues = setup.venues.filter((v) => !workshop.kitVenueId || v.id === workshop.kitVenueId);
  const [venueId, setVenueId] = useState(venues[0]?.id ?? '');
  // The day is typed dd/mm/yyyy like every other date in Minka: a native date input shows the
  // browser's locale order (mm/dd/yyyy in an English Chromium), not the workshop's.
  const [day, setDay] = useState(formatDate(venues[0]?.date ?? ''));
  const candidates = useMemo(
    () => (kind === 'sector' ? setup.sectors.map((s) => s.id) : admitted),
    [kind, setup.sectors, admitted],
  );
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const { busy, error, fail, run } = useAction(errText);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const budgetCents = kind === 'ballot' && ballotType === 'knapsack' ? parseSoles(budget) : null;
    if (kind === 'ballot' && ballotType === 'knapsack' && budgetCents === null) {
      fail('voting.form.badBudget');
      return;
    }
    const dayIso = parseDate(day);
    if (dayIso === null) {
      fail('setup.error.date');
      return;
    }
    await run(async () => {
      const r = await invoke('voting:create', {
        workshopId: workshop.workshopId,
        round: {
          title,
          kind,
          ballotType: kind === 'ballot' ? ballotType : null,
          maxChoices:
            kind === 'ballot' && ballotType !== 'cumulative' && maxChoices.trim()
              ? Number(maxChoices)
              : null,
          totalPoints:
            kind === 'ballot' && ballotType === 'cumulative' ? Number(totalPoints) : null,
          budgetCents,
          doubleEntry: kind !== 'ballot' && doubleEntry,
          tieBreak,
          venueId,
          day: dayIso,
          itemIds: candidates.filter((id) => !excluded.has(id)),
        },
      });
      await onCreated(r);
    });
  };

  return (
    <form
      className="panel round-form"
      onSubmit={(e) => void submit(e)}
      aria-label={t('voting.form.title')}
    >
      <h2>{t('voting.form.title')}</h2>
      <label>
        {t('voting.form.name')}
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          placeholder={t('voting.form.namePlaceholder')}
          autoFocus
          required
          maxLength={160}
        />
      </label>
      <fieldset>
        <legend>{t('voting.form.kind')}</legend>
        <div className="kind-choices">
          {ROUND_KINDS.map((k) => (
            <label key={k} className="radio">
              <input
                type="radio"
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <span>
                {t(`voting.kind.${k}`)} <span className="hint">{t(`voting.kind.${k}.hint`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {kind === 'ballot' ? (
        <div className="grid-3">
          <label>
            {t('voting.form.ballotType')}
            <select
              value={ballotType}
              onChange={(e) => setBallotType(e.target.value as BallotType)}
            >
              {BALLOT_TYPES.map((b) => (
                <option key={b} value={b}>
                  {t(`voting.ballotType.${b}`)}
                </option>
              ))}
            </select>
          </label>
          {ballotType === 'cumulative' ? (
            <label>
              {t('voting.form.totalPoints')}
              <input
                type="number"
                min={1}
                max={1000}
                value={totalPoints}
                onChange={(e) => setTotalPoints(e.target.value)}
                required
              />
            </label>
          ) : (
            <label>
              {t('voting.form.maxChoices')}
              <input
                type="number"
                min={1}
                max={500}
                value={maxChoices}
                onChange={(e) => setMaxChoices(e.target.value)}
                placeholder={t('voting.form.noLimit')}
              />
            </label>
          )}
          {ballotType === 'knapsack' && (
            <label>
              {t('voting.form.budget')}
              <input
                value={budget}
                onChange={(e) => setBudget(e.target.value)}
                inputMode="decimal"
              />
            </label>
          )}
        </div>
      ) : (
        <label className="radio">
          <input
            type="checkbox"
            checked={doubleEntry}
            onChange={(e) => setDoubleEntry(e.target.checked)}
          />
          <span>
            {t('voting.form.doubleEntry')}{' '}
            <span className="hint">{t('voting.form.doubleEntryHint')}</span>
          </span>
        </label>
      )}
      <div className="grid-3">
        <label>
          {t('voting.form.tieBreak')}
          <select value={tieBreak} onChange={(e) => setTieBreak(e.target.value as TieBreak)}>
            {TieBreak.options.map((tb) => (
              <option key={tb} value={tb}>
                {t(`setup.tieBreak.${tb}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('voting.form.venue')}
          <select
            value={venueId}
            onChange={(e) => {
              setVenueId(e.target.value);
              const v = setup.venues.find((x) => x.id === e.target.value);
              if (v) setDay(formatDate(v.date));
            }}
          >
            {venues.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('voting.form.day')}
          <input
            value={day}
            onChange={(e) => setDay(e.target.value)}
            placeholder={t('common.datePlaceholder')}
            inputMode="numeric"
            required
          />
        </label>
      </div>
      <p className="hint">{t('voting.form.tieBreakFixed')}</p>
      <fieldset>
        <legend>
          {kind === 'sector' ? t('voting.form.sectors') : t('voting.form.proposals')} (
          {candidates.length - candidates.filter((c) => excluded.has(c)).length})
        </legend>
        {candidates.length === 0 && <p className="banner warn">{t('voting.form.noAdmitted')}</p>}
        <ul className="item-checklist">
          {candidates.map((id) => {
            const it = items.get(id);
            return (
              <li key={id}>
                <label className="radio">
                  <input
                    type="checkbox"
                    checked={!excluded.has(id)}
                    onChange={(e) => {
                      const next = new Set(excluded);
                      if (e.target.checked) next.delete(id);
                      else next.add(id);
                      setExcluded(next);
                    }}
                  />
                  <span>
                    {kind !== 'sector' && <code>{it?.code}</code>} {it?.title}
                  </span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <ErrorBanner error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || setup.venues.length === 0}>
          {t('voting.form.create')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('voting.form.cancel')}
        </button>
      </div>
      {setup.venues.length === 0 && <p className="banner warn">{t('voting.form.noVenues')}</p>}
    </form>
  );
}
