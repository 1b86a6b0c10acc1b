// es-PE formats for every language: Chromium has no Quechua locale data, and officials
// compare printed figures across languages, so figures look the same in es, quz and en.

/** 1234567 → "1,234,567" (es-PE groups thousands with a comma, decimals with a point). */
export function formatInteger(n: number | bigint): string {
  const neg = n < 0;
  const digits = (neg ? -BigInt(n) : BigInt(n)).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped;
}

/** Céntimos → "S/ 3,850,000.00". */
export function formatSoles(cents: number | bigint): string {
  const c = BigInt(cents);
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const soles = abs / 100n;
  const cts = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}S/ ${formatInteger(soles)}.${cts}`;
}

/** Parse what a person types as an amount in soles ("3 850 000", "3,850,000.50", "S/ 1200,5") into céntimos. */
export function parseSoles(text: string): number | null {
  let s = text.replace(/S\/\.?/i, '').replace(/[\s\u00a0]/g, '');
  if (!s) return null;
  if (!/^\d[\d.,]*$/.test(s)) return null;
  // The last separator followed by 1–2 digits is the decimal mark; others group thousands.
  const m = /^(.*?)[.,](\d{1,2})$/.exec(s);
  let intPart = s;
  let frac = '';
  if (m && m[1] !== undefined && m[2] !== undefined) {
    intPart = m[1];
    frac = m[2];
  }
  if (!/^\d{1,3}([.,]?\d{3})*$/.test(intPart) && !/^\d+$/.test(intPart)) return null;
  s = intPart.replace(/[.,]/g, '');
  const cents = BigInt(s) * 100n + BigInt(frac.padEnd(2, '0') || '0');
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(cents);
}

/** Céntimos → "3850000.00", the plain decimal form for inputs and exports. */
export function centsToDecimal(cents: number | bigint): string {
  const c = BigInt(cents);
  const neg = c < 0n;
  const abs = neg ? -c : c;
  return `${neg ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** What a person types as a date, "14/05/2026" or "14-5-2026" (or ISO), → "2026-05-14"; null if no such day. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2026-05-14" → "14/05/2026" (es-PE numeric date, the same in every language). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** The workshop's time zone when none is stored (Peru: UTC−5, no daylight saving). */
export const DEFAULT_TIME_ZONE = 'America/Lima';

const knownZones = new Map<string, boolean>();

/**
 * Whether this runtime knows the IANA time zone (Node and Chromium both carry full ICU). The
 * answer is kept per name: every parse of a setup asks, and making an Intl.DateTimeFormat is
 * not cheap (issue 18: ~7 ms of a fresh seal). At most 1,000 names kept.
 */
/**
 * The zone a workshop file records, or the default when it names none Intl knows: a zone edited
 * into the file with a SQLite tool must not make every date throw (adv31 F2); the workshop
 * replay names the edited row (meta time_zone differs from the event log).
 */
export const recordedZone = (tz: string | null | undefined): string =>
  tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;

export function isTimeZone(tz: string): boolean {
  const known = knownZones.get(tz);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    ok = true;
  } catch {
    ok = false;
  }
  if (knownZones.size < 1000) knownZones.set(tz, ok);
  return ok;
}

// The zone screens show times in: the renderer sets it to the open workshop's. PDFs pass theirs.
let displayTimeZone = DEFAULT_TIME_ZONE;
/** Set the zone that formatDateTime uses when none is given (the open workshop's). */
export function setDisplayTimeZone(tz: string | undefined): void {
  displayTimeZone = tz && isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE;
}

const partsCache = new Map<string, Intl.DateTimeFormat>();
type WallClock = { y: string; mo: string; d: string; h: string; mi: string };
const wallCache = new Map<string, Readonly<WallClock>>();
/** Year, month, day, hour, minute of an instant in a zone; the digits are laid out by us (es-PE). */
function wallClock(d: Date, tz: string): Readonly<WallClock> {
  let f = partsCache.get(tz);
  if (!f) {
    // Only numeric parts are read from Intl, never a locale's layout (Quechua has no locale data).
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(tz, f);
  }
  // One formatToParts per instant (it was called once per field: five times), and the answer
  // kept: an Acta prints thousands of times that share a few minutes, and the follow-up
  // register dates every entry of one Acta from the same instant.
  const key = `${tz}|${d.getTime()}`;
  const hit = wallCache.get(key);
  if (hit) return hit;
  let y = '';
  let mo = '';
  let day = '';
  let h = '';
  let mi = '';
  for (const part of f.formatToParts(d)) {
    if (part.type === 'year') y = part.value;
    else if (part.type === 'month') mo = part.value;
    else if (part.type === 'day') day = part.value;
    else if (part.type === 'hour') h = part.value;
    else if (part.type === 'minute') mi = part.value;
  }
  const p = (s: string, n: number) => s.padStart(n, '0');
  const w = { y: p(y, 4), mo: p(mo, 2), d: p(day, 2), h: p(h, 2), mi: p(mi, 2) };
  if (wallCache.size >= 4096) wallCache.clear();
  wallCache.set(key, w);
  return w;
}

/** An ISO timestamp → "14/05/2026 08:05", in the given zone (default: the workshop's). */
export function formatDateTime(iso: string, timeZone: string = displayTimeZone): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const w = wallClock(d, timeZone);
  return `${w.d}/${w.mo}/${w.y} ${w.h}:${w.mi}`;
}

/** An ISO timestamp → "14/05/2026", the day it was in the given zone. */
export function formatDayOf(iso: string, timeZone: string = displayTimeZone): string {
  return formatDateTime(iso, timeZone).slice(0, 10);
}

/** An ISO timestamp → "08:05" (24 h) in the given zone. */
export function formatTimeOf(iso: string, timeZone: string = displayTimeZone): string {
  return formatDateTime(iso, timeZone).slice(11);
}

/** An ISO timestamp → "2026-05-14", the calendar day it was in the given zone. */
export function localDay(iso: string, timeZone: string = displayTimeZone): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso.slice(0, 10);
  const w = wallClock(d, timeZone);
  return `${w.y}-${w.mo}-${w.d}`;
}

/** A span of seconds → "45 s", "3 min 58 s", "10 min", "2 h 05 min" (units read the same in es, quz, en). */
export function formatSpan(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600)
    return s % 60
      ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`
      : `${s / 60} min`;
  const h = Math.floor(s / 3600);
  if (h < 48) return `${h} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
