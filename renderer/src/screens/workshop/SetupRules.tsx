// The setup's rules: quorum, vote rule, tie-break, selection rule, sector split, notice,
// time zone and whether representatives are public. Those that decide a result lock with it.
import type { ReactNode } from 'react';
import { effectiveRule, mesOverriddenBySplit } from '../../../../shared/results/sector-split';
import { SelectionRule, TieBreak, VoteRule } from '../../../../shared/schemas/workshop';
import { useI18n } from '../../i18n';
import { EnumSelect, Field } from '../../kit';
import type { Draft, FieldErrors } from './setupDraft';

/** The quorum's kinds (QuorumRule's discriminant), in the order offered. */
const QUORUM_KINDS = { options: ['percent', 'minimum', 'none'] as const };

interface Props {
  draft: Draft;
  patch: (p: Partial<Draft>) => void;
  errors: FieldErrors;
  err: (field: string) => ReactNode;
  /** A closed prioritisation fixed the rules that decide its result. */
  locked: boolean;
  /** The setup as saved: an older file may hold MES with the split (refused since). */
  saved: { selectionRule: 'greedy' | 'mes'; sectorSplit?: boolean | undefined };
}

export function SetupRules({ draft, patch, errors, err, locked, saved }: Props) {
  const { t } = useI18n();
  return (
    <>
      <h2>{t('setup.rules')}</h2>
      <div className="grid-2">
        <label>
          {t('setup.quorum')}
          <EnumSelect
            schema={QUORUM_KINDS}
            prefix="setup.quorum"
            name="quorumKind"
            disabled={locked}
            value={draft.quorumKind}
            onChange={(kind) =>
              patch({
                quorumKind: kind,
                quorumValue: kind === 'percent' ? '50' : kind === 'minimum' ? '20' : '',
              })
            }
          />
        </label>
        {draft.quorumKind !== 'none' && (
          <label>
            {draft.quorumKind === 'percent'
              ? t('setup.quorum.percentValue')
              : t('setup.quorum.minimumValue')}
            <input
              name="quorumValue"
              disabled={locked}
              inputMode="numeric"
              value={draft.quorumValue}
              onChange={(e) => patch({ quorumValue: e.target.value })}
            />
            {err('quorum')}
          </label>
        )}
        <fieldset className="radio-group span-2">
          <legend>{t('setup.voteRule')}</legend>
          {VoteRule.options.map((r) => (
            <label key={r} className="radio">
              <input
                type="radio"
                name="voteRule"
                disabled={locked}
                value={r}
                checked={draft.voteRule === r}
                onChange={() => patch({ voteRule: r })}
              />
              {t(`setup.voteRule.${r}`)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('setup.tieBreak')}
          <EnumSelect
            schema={TieBreak}
            prefix="setup.tieBreak"
            name="tieBreak"
            disabled={locked}
            value={draft.tieBreak}
            onChange={(tieBreak) => patch({ tieBreak })}
          />
          <span className="hint">{t('setup.tieBreakHint')}</span>
        </label>
        <label>
          {t('results.setup.rule')}
          <EnumSelect
            schema={SelectionRule}
            prefix="results.rule"
            name="selectionRule"
            disabled={locked}
            value={draft.selectionRule}
            onChange={(selectionRule) => patch({ selectionRule })}
          />
          <span className="hint">{t('results.setup.ruleHint')}</span>
          {draft.selectionRule === 'mes' && !draft.sectorSplit && (
            // Said when MES is chosen, not when a hands round selects nothing (field test fac28).
            <span className="hint warn" role="note" data-testid="mes-ballots-hint">
              {t('results.setup.mesHint')}
            </span>
          )}
        </label>
        <div className="span-2">
          <label className="radio">
            <input
              type="checkbox"
              name="sectorSplit"
              disabled={locked}
              checked={draft.sectorSplit}
              onChange={(e) => patch({ sectorSplit: e.target.checked })}
            />
            {t('results.setup.sectorSplit')}
          </label>
          <span className="hint">{t('results.setup.sectorSplitHint')}</span>
          {mesOverriddenBySplit(saved) &&
          mesOverriddenBySplit({
            selectionRule: draft.selectionRule,
            sectorSplit: draft.sectorSplit,
          }) ? (
            // Saved so by an older build: which rule runs (the one definition), and what to do.
            <p className="banner warn" role="status" data-testid="mes-split-saved">
              {t('results.setup.mesSplitSaved', {
                rule: t(`results.rule.${effectiveRule(saved)}`),
              })}{' '}
              {t(locked ? 'results.setup.mesSplitSavedLocked' : 'results.setup.mesSplitSavedFix')}
            </p>
          ) : (
            draft.selectionRule === 'mes' &&
            draft.sectorSplit && (
              <p className="field-error" role="alert" data-testid="mes-split-conflict">
                {t('results.error.mesWithSectorSplit')}
              </p>
            )
          )}
        </div>
        <Field
          label={t('setup.minNoticeDays')}
          error={errors['minNoticeDays'] ? t(errors['minNoticeDays']) : null}
        >
          <input
            name="minNoticeDays"
            inputMode="numeric"
            value={draft.minNoticeDays}
            onChange={(e) => patch({ minNoticeDays: e.target.value })}
          />
        </Field>
        <Field
          label={t('setup.timeZone')}
          hint={t('setup.timeZoneHint')}
          error={errors['timeZone'] ? t(errors['timeZone']) : null}
        >
          <input
            name="timeZone"
            value={draft.timeZone}
            onChange={(e) => patch({ timeZone: e.target.value })}
          />
        </Field>
        <div className="span-2">
          <label className="radio">
            <input
              type="checkbox"
              name="representativesPublic"
              checked={draft.representativesPublic}
              onChange={(e) => patch({ representativesPublic: e.target.checked })}
            />
            {t('export.setup.representativesPublic')}
          </label>
          <span className="hint">{t('export.setup.representativesPublicHint')}</span>
        </div>
      </div>
    </>
  );
}
