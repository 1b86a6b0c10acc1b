// How `minka check`'s findings about the record are told in the reader's language. Each finding
// carries a catalogue key and its parameters (`check.frozen.*`, `check.holders.*`,
// `check.results.*`) beside its English `what`, which stays as the machine text of `--json`.
// Parameters are stored raw and dressed here, by name, when the line is printed: a name
// ending in `At` is an ISO time (dd/mm/yyyy HH:mm:ss in the workshop's zone: a frozen closing
// time a few seconds off must not print equal to the close's), one ending in `Cents` an
// amount, one starting with `tieBreak` a tie-break rule (its `setup.tieBreak.*` name).
//
// The consistency problems (the replays' `Report.add(table, key, what)`, about fifty call sites
// across the features) keep their English `what` too; `consistencyFinding` names each of the
// few shapes those texts take with a key (`check.consistency.*`), so that the replays stay as
// they are. A text no pattern knows falls back to `check.consistency.other` with the text as
// written (test/unit/check-findings.test.ts holds every text the replays write to a key).
import { DEFAULT_TIME_ZONE, formatDateTime, formatSoles } from './format';

export type FindingParams = Record<string, string | number>;
export interface Finding {
  key: string;
  params: FindingParams;
}

/** `key` with `params`, and the English `what` kept for `--json`. */
export const finding = (key: string, params: FindingParams, what: string) => ({
  key,
  params,
  what,
});

const seconds = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `:${String(d.getUTCSeconds()).padStart(2, '0')}`;
};

/** A finding's parameters as printed: times in `timeZone`, amounts in soles, rules by name. */
export function findingMessage(
  f: Finding,
  timeZone: string,
  /** The reader's catalogue (for the tie-break rules' names). */
  name: (key: string) => string,
): Finding {
  const params: FindingParams = {};
  for (const [k, v] of Object.entries(f.params)) {
    if (typeof v === 'string' && k.endsWith('At'))
      params[k] = `${formatDateTime(v, timeZone)}${seconds(v)}`;
    else if (typeof v === 'number' && k.endsWith('Cents')) params[k] = formatSoles(v);
    else if (typeof v === 'string' && k.startsWith('tieBreak')) {
      const n = name(`setup.tieBreak.${v}`);
      params[k] = n === `setup.tieBreak.${v}` ? v : n;
    } else params[k] = v;
  }
  return { key: f.key, params };
}

/** The shapes of the replays' texts: key, and the names of the captured parts (numbers as numbers). */
const SHAPES: [RegExp, string, string[]][] = [
  [/^row missing$/, 'rowMissing', []],
  [/^row without an event$/, 'rowWithoutEvent', []],
  [/^differs from the event log$/, 'differs', []],
  [/^(\w+) differs from the event log$/, 'fieldDiffers', ['field']],
  [/^(\w+) outside the time of its event$/, 'timeOutside', ['field']],
  [/^(\w+) differs from its recorded hash$/, 'hashDiffers', ['field']],
  [/^payload does not fit the type (\S+)$/, 'payloadType', ['type']],
  [/^names no kit of this file \(not a venue kit\)$/, 'notOwnKit', []],
  [/^not a key Minka writes$/, 'unknownMeta', []],
  [/^signature does not hold$/, 'signature', []],
  [/^reviews are in a different order than in the event log$/, 'reviewOrder', []],
  [/^(\d+) ballots in the box for (\d+) kiosk voters marked$/, 'boxCount', ['box', 'marked']],
  [/^(\d+) ballots left in the box of a closed round$/, 'boxLeft', ['box']],
  [
    /^the close event carries (\d+) kiosk ballots for (\d+) kiosk voters marked$/,
    'kioskCount',
    ['ballots', 'marked'],
  ],
  [/^the kiosk ballots of the close event are not in content order$/, 'kioskOrder', []],
  [/^paper ballot without both typed entries in the log$/, 'paperUntyped', []],
  [/^paper ballot differs from the typed entries$/, 'paperDiffers', []],
  [/^paper ballot missing$/, 'paperMissing', []],
  [/^missing from the schema of version (\d+)$/, 'schemaMissing', ['version']],
  [/^differs from the schema of version (\d+)$/, 'schemaDiffers', ['version']],
  [/^not part of the schema of version (\d+)$/, 'schemaExtra', ['version']],
  [/^cannot be read: ([\s\S]*)$/, 'unreadable', ['error']],
];

/** A consistency problem's `what` (English, as the replay wrote it) as a catalogue key. */
export function consistencyFinding(what: string): Finding {
  for (const [re, key, names] of SHAPES) {
    const m = re.exec(what);
    if (!m) continue;
    const params: FindingParams = {};
    names.forEach((n, i) => {
      const v = m[i + 1] ?? '';
      params[n] = /^\d+$/.test(v) ? Number(v) : v;
    });
    return { key: `check.consistency.${key}`, params };
  }
  return { key: 'check.consistency.other', params: { what } };
}

/** A keyed finding and where it is (a table and key, a round), as the seal's refusal carries it. */
export interface PlacedFinding extends Finding {
  where: string;
}

/**
 * An error's `findings` parameter (JSON of PlacedFinding[], set by the seal's refusal beside
 * the workshop's `zone`) said in the reader's language as its `first`: the app's error line
 * and the CLI's read the same findings as `minka check` prints them. Any other error's
 * parameters come back as they are.
 */
export function sayFindings(
  params: FindingParams | undefined,
  say: (key: string, params?: FindingParams) => string,
): FindingParams | undefined {
  const raw = params?.['findings'];
  if (typeof raw !== 'string') return params;
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    return params;
  }
  if (!Array.isArray(list)) return params;
  const zone = typeof params?.['zone'] === 'string' ? params['zone'] : DEFAULT_TIME_ZONE;
  const text = (list as Partial<PlacedFinding>[])
    .map((f) => {
      const m = findingMessage(
        { key: String(f.key ?? 'check.consistency.other'), params: f.params ?? {} },
        zone,
        (k) => say(k),
      );
      const line = say(m.key, m.params);
      return f.where ? `${f.where}: ${line}` : line;
    })
    .join('; ');
  return { ...params, first: text };
}
