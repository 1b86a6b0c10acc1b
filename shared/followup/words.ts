// What the follow-up register says, as sentences a person can read aloud — on screen and
// from `minka followup`: a project's state (a word and a black-and-white mark, never colour
// alone) and each timeline entry with its source.
import { formatDate, formatSoles } from '../format';
import { STATE_OF, type EntryKind, type ProjectState, type TimelineEntry } from './register-model';

type T = (key: string, params?: Record<string, string | number>) => string;
type Entry = Pick<
  TimelineEntry,
  | 'fiscalYear'
  | 'kind'
  | 'code'
  | 'amountCents'
  | 'baseCents'
  | 'note'
  | 'source'
  | 'fingerprint'
  | 'date'
>;

export const STATES: readonly ProjectState[] = [
  'agreed',
  'unfunded',
  'inPlan',
  'fundedAfterRejection',
  'executed',
  'notInPlan',
  'suspended',
  'carried',
  'rejected',
];

/** Marks that survive a grey projector and a photocopy. */
export const STATE_MARK: Record<ProjectState, string> = {
  agreed: '○',
  unfunded: '▽',
  inPlan: '◐',
  // A warning sign, not a shade of ◐: the room said no and the money went there anyway.
  fundedAfterRejection: '⚠',
  executed: '●',
  notInPlan: '✗',
  suspended: '‖',
  carried: '→',
  rejected: '⊘',
};

/** An entry's mark: that of the state it leaves a project in. */
export const kindMark = (kind: EntryKind): string => STATE_MARK[STATE_OF[kind]];

const money = (c: number | null) => (c === null ? '—' : formatSoles(c));

/** a/b as a percentage with one decimal ("45.0"), null without a base. */
export function percent(a: number, b: number | null): string | null {
  if (b === null || b === 0) return null;
  return (Math.round((a * 1000) / b) / 10).toFixed(1);
}

/** The sentence of one timeline entry (its source is told apart by `sourceText`). */
export function entryText(e: Entry, t: T): string {
  const p = {
    year: e.fiscalYear,
    code: e.code,
    amount: money(e.amountCents),
    base: money(e.baseCents),
    note: e.note,
  };
  const fromNote = e.source === 'note';
  switch (e.kind) {
    case 'agreed':
      return t('followup.entry.agreed', p);
    case 'revived':
      return t(fromNote ? 'followup.entry.revivedNote' : 'followup.entry.revived', p);
    case 'unfunded':
      return t('followup.entry.unfunded', p);
    case 'rejected':
      return t('followup.entry.rejected', p);
    case 'inPlan':
      return t('followup.entry.inPlan', p);
    case 'amountChanged': {
      const diff = (e.amountCents ?? 0) - (e.baseCents ?? 0);
      return t('followup.entry.amountChanged', {
        ...p,
        difference: `${diff > 0 ? '+' : ''}${money(diff)}`,
        percent: `${diff > 0 ? '+' : ''}${percent(diff, e.baseCents) ?? '—'}`,
      });
    }
    case 'notInPlan':
      return t('followup.entry.notInPlan', p);
    case 'fundedAfterRejection':
      return t('followup.entry.fundedAfterRejection', p);
    case 'executed':
      if (fromNote || e.amountCents === null) return t('followup.entry.executedNote', p);
      return e.baseCents === null
        ? t('followup.entry.executedNoPim', p)
        : t('followup.entry.executed', {
            ...p,
            percent: percent(e.amountCents, e.baseCents) ?? '—',
          });
    case 'suspended':
      return t('followup.entry.suspended', p);
    case 'carried':
      return t('followup.entry.carried', p);
  }
}

/** Where an entry comes from: the Acta's or the plan's fingerprint, a note's date and text. */
export function sourceText(e: Entry, t: T): string {
  const date = formatDate(e.date);
  switch (e.source) {
    case 'minutes':
      return t('followup.source.minutes', { fingerprint: e.fingerprint, date });
    case 'plan':
      return t('followup.source.plan', { fingerprint: e.fingerprint, date });
    case 'note':
      return t('followup.source.note', { date, note: e.note });
    case 'carry':
      return t('followup.source.carry', { date });
  }
}
