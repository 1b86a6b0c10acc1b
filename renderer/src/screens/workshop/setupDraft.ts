// The setup form's draft: the saved setup as the text the facilitator edits, and back into the
// API's shape with each field's problem as a catalogue key (worded when drawn, so a switch of
// language rewords it).
import {
  centsToDecimal,
  formatDate,
  isTimeZone,
  parseDate,
  parseSoles,
} from '../../../../shared/format';
import type {
  QuorumRule,
  SelectionRule,
  StoredWorkshopSetup,
  TieBreak,
  VoteRule,
  WorkshopSetup,
} from '../../../../shared/schemas/workshop';

export interface Draft {
  municipality: string;
  ubigeo: string;
  fiscalYear: string;
  title: string;
  envelope: string;
  venues: { id?: string; name: string; place: string; date: string }[];
  sectors: { id?: string; name: string }[];
  quorumKind: QuorumRule['kind'];
  quorumValue: string;
  voteRule: VoteRule;
  tieBreak: TieBreak;
  selectionRule: SelectionRule;
  sectorSplit: boolean;
  minNoticeDays: string;
  representativesPublic: boolean;
  timeZone: string;
}

export function toDraft(s: StoredWorkshopSetup): Draft {
  return {
    municipality: s.municipality,
    ubigeo: s.ubigeo,
    fiscalYear: String(s.fiscalYear),
    title: s.title,
    envelope: centsToDecimal(s.envelopeCents),
    venues: s.venues.map((v) => ({ ...v, date: formatDate(v.date) })),
    sectors: s.sectors.map((x) => ({ ...x })),
    quorumKind: s.quorum.kind,
    quorumValue:
      s.quorum.kind === 'percent'
        ? String(s.quorum.percent)
        : s.quorum.kind === 'minimum'
          ? String(s.quorum.count)
          : '',
    voteRule: s.voteRule,
    tieBreak: s.tieBreak,
    selectionRule: s.selectionRule,
    sectorSplit: s.sectorSplit,
    minNoticeDays: String(s.minNoticeDays),
    representativesPublic: s.representativesPublic,
    timeZone: s.timeZone,
  };
}

export type FieldErrors = Record<string, string>;

/** Turn the form into the API's shape, collecting per-field problems (translated keys). */
export function fromDraft(d: Draft): { setup?: WorkshopSetup; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const envelopeCents = parseSoles(d.envelope);
  if (envelopeCents === null) errors['envelopeCents'] = 'setup.error.amount';
  const fiscalYear = Number(d.fiscalYear);
  if (!/^\d{4}$/.test(d.fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100)
    errors['fiscalYear'] = 'setup.error.year';
  const minNoticeDays = Number(d.minNoticeDays);
  if (!/^\d{1,3}$/.test(d.minNoticeDays)) errors['minNoticeDays'] = 'setup.error.wholeNumber';
  const qv = Number(d.quorumValue);
  let quorum: QuorumRule = { kind: 'none' };
  if (d.quorumKind === 'percent') {
    if (!/^\d{1,3}$/.test(d.quorumValue) || qv < 1 || qv > 100)
      errors['quorum'] = 'setup.error.percent';
    quorum = { kind: 'percent', percent: qv };
  } else if (d.quorumKind === 'minimum') {
    if (!/^\d{1,6}$/.test(d.quorumValue) || qv < 1) errors['quorum'] = 'setup.error.wholeNumber';
    quorum = { kind: 'minimum', count: qv };
  }
  if (!d.municipality.trim()) errors['municipality'] = 'setup.error.required';
  if (!d.title.trim()) errors['title'] = 'setup.error.required';
  if (d.ubigeo && !/^\d{6}$/.test(d.ubigeo)) errors['ubigeo'] = 'setup.error.ubigeo';
  if (!isTimeZone(d.timeZone.trim())) errors['timeZone'] = 'setup.error.timeZone';
  d.venues.forEach((v, i) => {
    if (!v.name.trim()) errors[`venues.${i}.name`] = 'setup.error.required';
    if (parseDate(v.date) === null) errors[`venues.${i}.date`] = 'setup.error.date';
  });
  const sectors = d.sectors.filter((s) => s.name.trim() || s.id);
  sectors.forEach((s, i) => {
    if (!s.name.trim()) errors[`sectors.${i}.name`] = 'setup.error.required';
  });
  if (sectors.length === 0) errors['sectors'] = 'setup.error.oneSector';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    setup: {
      municipality: d.municipality,
      ubigeo: d.ubigeo,
      fiscalYear,
      title: d.title,
      envelopeCents: envelopeCents ?? 0,
      venues: d.venues.map((v) => ({
        ...(v.id ? { id: v.id } : {}),
        name: v.name,
        place: v.place,
        date: parseDate(v.date) ?? '',
      })),
      sectors: sectors.map((s) => ({ ...(s.id ? { id: s.id } : {}), name: s.name })),
      quorum,
      voteRule: d.voteRule,
      tieBreak: d.tieBreak,
      selectionRule: d.selectionRule,
      sectorSplit: d.sectorSplit,
      minNoticeDays,
      representativesPublic: d.representativesPublic,
      timeZone: d.timeZone.trim(),
    },
  };
}

/** The list with items i and j exchanged (a sector moved up). */
export function swap<T>(list: T[], i: number, j: number): T[] {
  const out = [...list];
  const a = out[i];
  const b = out[j];
  if (a === undefined || b === undefined) return out;
  out[i] = b;
  out[j] = a;
  return out;
}
