// What an older layout of the Acta drew otherwise than today's: each difference a named switch
// (and the catalogue keys that keep its wording), read by the sections where they differ, so that
// an Acta sealed by an earlier build redraws byte for byte from its signed payload. Not a second
// renderer: everything not listed here is drawn by the same code for every layout. The commits
// that made each difference are in test/fixtures/acta/README.md.
import type { QRCode } from 'qrcode';
import { formatDate } from '../../../shared/format';
import { tAsWritten as t, type Lang } from '../../../shared/i18n';
import { MINUTES_LAYOUT, type MinutesPayload } from '../../../shared/minutes/payload';
import { RULE, type Doc } from '../../platform/pdf/document';

export interface LayoutTraits {
  /** Dates as "14 de mayo de 2026" (layout 4), not dd/mm/yyyy (755469e). */
  longDates: boolean;
  /** The QR's squares written into each page (layout 4), not one form placed on every page (8680ac6). */
  qrInPage: boolean;
  /** The official round's quorum when met and the quorum rule (from layout 5, 48c7855). */
  quorumLines: boolean;
  /** Under the sector split: the method line names the split, the split table lists what did not fit (from 5: 616c873, f729352). */
  splitReasons: boolean;
  /** The device page's column of closing slips (from 5, 9f37c49). */
  deviceProof: boolean;
  /**
   * Values put in as the screens' `t` does: one stop after a typed reason that ends with its own,
   * not "monto.." (from 8). Up to 7 each value was put in as written (`tAsWritten`).
   */
  oneStop: boolean;
  /** The device table's column of each laptop's role (door kit, voting desk) and kit code (from 8). */
  deviceRole: boolean;
  /** The attendee table and totals say who held a vote (`heldVote`), not every member with one (from 8). */
  heldVote: boolean;
  /** Under MES the prioritised list names the steps that ran (`ruleRan`: add1, the completion) (from 8). */
  ruleSteps: boolean;
  /** Sector and criteria names the app seeded, unchanged, print in the Acta's language (from 8). */
  defaultNames: boolean;
  /** Page 1 names the time zone every date is printed in (from 8, adv28 F2). */
  zoneLine: boolean;
  /** The basis lists the setup's saves after the official round's close, before → after (from 8, adv28 F2/F3). */
  setupChanges: boolean;
  /** The proposals and prioritised tables have a co-financing column (from 8, adv28 F4). */
  cofinancing: boolean;
  /** The table of proposals not admitted has a CUI column (from 8, adv28 F4). */
  rejectedCui: boolean;
  /** Catalogue keys whose text changed after this layout → the versioned key keeping its text. */
  wording: Readonly<Record<string, string>>;
}

const CURRENT: LayoutTraits = {
  longDates: false,
  qrInPage: false,
  quorumLines: true,
  splitReasons: true,
  deviceProof: true,
  oneStop: true,
  deviceRole: true,
  heldVote: true,
  ruleSteps: true,
  defaultNames: true,
  zoneLine: true,
  setupChanges: true,
  cofinancing: true,
  rejectedCui: true,
  wording: {},
};

/** Layouts 5 to 7 (002adcf, 4ef4d28, 87b9304): today's drawing but for what 8 changed. */
const LAYOUT_5_TO_7: LayoutTraits = {
  ...CURRENT,
  oneStop: false,
  deviceRole: false,
  heldVote: false,
  ruleSteps: false,
  defaultNames: false,
  zoneLine: false,
  setupChanges: false,
  cofinancing: false,
  rejectedCui: false,
};

/** Layout 4 (b8e76cc): the wording before 551f6e6 (tie-break names, 'cédulas', the scale, plural forms). */
const LAYOUT_4: LayoutTraits = {
  longDates: true,
  qrInPage: true,
  quorumLines: false,
  splitReasons: false,
  deviceProof: false,
  oneStop: false,
  deviceRole: false,
  heldVote: false,
  ruleSteps: false,
  defaultNames: false,
  zoneLine: false,
  setupChanges: false,
  cofinancing: false,
  rejectedCui: false,
  wording: {
    'minutes.pdf.convocation': 'minutes.pdf.v4.convocation',
    'minutes.pdf.criterion': 'minutes.pdf.v4.criterion',
    'minutes.pdf.entitled': 'minutes.pdf.v4.entitled',
    'minutes.pdf.proposalsSummary': 'minutes.pdf.v4.proposalsSummary',
    'minutes.pdf.votesWeight': 'minutes.pdf.v4.votesWeight',
    'proposals.beneficiaries.people': 'minutes.pdf.v4.beneficiaries.people',
    'results.official.warn.belowQuorum': 'minutes.pdf.v4.warn.belowQuorum',
    'venues.pdf.devicesLead': 'minutes.pdf.v4.devicesLead',
    // Each rule had its own Acta name then (one name per rule since 551f6e6).
    'setup.tieBreak.cost': 'minutes.pdf.v4.tieBreak.cost',
    'setup.tieBreak.lexicographic': 'minutes.pdf.v4.tieBreak.lexicographic',
    'setup.tieBreak.refuse': 'minutes.pdf.v4.tieBreak.refuse',
    'setup.tieBreak.supporters': 'minutes.pdf.v4.tieBreak.supporters',
  },
};

/** The traits of the layout this payload was sealed under (its signed render settings). */
export function traitsOf(p: Pick<MinutesPayload, 'render'>): LayoutTraits {
  const layout = p.render?.layout ?? MINUTES_LAYOUT;
  return layout === 4 ? LAYOUT_4 : layout < 8 ? LAYOUT_5_TO_7 : CURRENT;
}

/**
 * The sector and criteria names a new workshop is seeded with (DEFAULT_SECTORS, DEFAULT_CRITERIA),
 * as stored, → the catalogue key of each in the Acta's language. Written out, not read from the
 * seeds: a later change of the seeds must not redraw an Acta sealed before it. A name the user
 * typed (or changed) is not here and prints as typed.
 */
const DEFAULT_NAMES: Readonly<Record<string, string>> = {
  'Agricultura y ganadería': 'minutes.pdf.defaultName.agriculture',
  'Transportes/caminos': 'minutes.pdf.defaultName.roads',
  Educación: 'minutes.pdf.defaultName.education',
  Salud: 'minutes.pdf.defaultName.health',
  'Saneamiento/agua': 'minutes.pdf.defaultName.water',
  Otros: 'minutes.pdf.defaultName.other',
  'Brecha de pobreza': 'minutes.pdf.defaultName.poverty',
  'Acceso a servicios básicos': 'minutes.pdf.defaultName.services',
  'Evaluación técnica': 'minutes.pdf.defaultName.technical',
};

/** A sector or criterion name as the payload's layout prints it in `lang` (field test fac28). */
export function nameText(p: Pick<MinutesPayload, 'render'>, lang: Lang, name: string): string {
  const key = traitsOf(p).defaultNames ? DEFAULT_NAMES[name] : undefined;
  return key ? t(lang, key) : name;
}

/** The catalogue key holding this text as the payload's layout printed it. */
export function wordKey(p: Pick<MinutesPayload, 'render'>, key: string): string {
  return traitsOf(p).wording[key] ?? key;
}

/** A calendar day as the payload's layout printed it: "14 de mayo de 2026" (4) or "14/05/2026". */
export function dayText(p: Pick<MinutesPayload, 'render'>, iso: string, lang: Lang): string {
  if (!traitsOf(p).longDates) return formatDate(iso);
  // formatLongDate as b8e76cc had it (removed in 755469e), its words from the catalogue.
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return t(lang, 'minutes.pdf.v4.longDate', {
    day: String(Number(m[3])),
    month: t(lang, `minutes.pdf.v4.month.${Number(m[2])}`),
    year: m[1] ?? '',
  });
}

/** Layout 4's QR: the symbol's squares drawn into the page's own content, top-left at (x, y). */
export function qrSquares(doc: Doc, qr: QRCode, x: number, y: number, size: number): void {
  const n = qr.modules.size;
  const quiet = 4;
  const cell = size / (n + 2 * quiet);
  doc.save().fillColor(RULE.black);
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      let end = c;
      while (end < n && qr.modules.get(r, end)) end++;
      doc.rect(x + (quiet + c) * cell, y + (quiet + r) * cell, (end - c) * cell, cell);
      c = end;
    }
  }
  doc.fill();
  doc.restore();
}
