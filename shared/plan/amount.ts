// Amounts in a plan file → exact integer céntimos. Files come with every convention at once:
// MEF open data writes "1234567.89"; Excel on a Spanish Windows writes "1.234.567,89"; an
// es-PE sheet writes "1,234,567.89"; people add "S/" and spaces. The decimal mark is decided
// per column (a column is written one way), and an amount never has more than two decimals,
// so "1.234" alone is one thousand two hundred thirty-four soles, never 1.234 soles.

export type DecimalMark = '.' | ',';

export type AmountError = 'notANumber' | 'negative' | 'tooManyDecimals' | 'tooLarge';
export type AmountResult = { ok: true; cents: number } | { ok: false; error: AmountError };

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function strip(raw: string): string {
  return raw
    .replace(/S\/\.?/gi, '')
    .replace(/[\s\u00a0\u202f']/g, '')
    .trim();
}

/**
 * Which decimal mark a column uses, from the evidence in all its values. Returns null when
 * no value shows (e.g. only whole numbers, or "1.234" alone): then any single separator
 * followed by exactly three digits groups thousands.
 */
export function detectDecimalMark(values: readonly string[]): DecimalMark | null {
  let point = 0;
  let comma = 0;
  for (const raw of values) {
    const s = strip(raw);
    const lastP = s.lastIndexOf('.');
    const lastC = s.lastIndexOf(',');
    if (lastP >= 0 && lastC >= 0) {
      if (lastP > lastC) point++;
      else comma++;
      continue;
    }
    if (lastP >= 0) {
      if (s.indexOf('.') !== lastP)
        comma++; // 1.234.567 → points group thousands
      else if (/\.\d{1,2}$/.test(s)) point++;
    } else if (lastC >= 0) {
      if (s.indexOf(',') !== lastC) point++;
      else if (/,\d{1,2}$/.test(s)) comma++;
    }
  }
  if (point === comma) return null;
  return point > comma ? '.' : ',';
}

/** Split "1234567.89" (plain digits and one point) into céntimos, rounding extra decimals only if `round`. */
function decimalToCents(intPart: string, frac: string, round: boolean): AmountResult {
  let f = frac;
  if (f.length > 2) {
    const extra = f.slice(2);
    if (!round && /[1-9]/.test(extra)) return { ok: false, error: 'tooManyDecimals' };
    f = f.slice(0, 2);
    const base = BigInt(intPart || '0') * 100n + BigInt(f.padEnd(2, '0'));
    // Half up on the third decimal (machine numbers only: 0.1+0.2 written as 0.30000000000000004).
    const cents = round && extra.charCodeAt(0) - 48 >= 5 ? base + 1n : base;
    if (cents > MAX) return { ok: false, error: 'tooLarge' };
    return { ok: true, cents: Number(cents) };
  }
  const cents = BigInt(intPart || '0') * 100n + BigInt(f.padEnd(2, '0'));
  if (cents > MAX) return { ok: false, error: 'tooLarge' };
  return { ok: true, cents: Number(cents) };
}

/**
 * A number as a spreadsheet stores it ("1234567.8", "1.5E6", "0.30000000000000004"): exact
 * digits, rounded half up to the céntimo because the workbook holds a binary float whose
 * shown value is the rounded one.
 */
export function parseMachineAmount(raw: string): AmountResult {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/.exec(raw.trim());
  if (!m || (!m[2] && !m[3])) return { ok: false, error: 'notANumber' };
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let point = (m[2] ?? '').length + Number(m[4] ?? '0');
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits = digits.padEnd(point, '0');
  const intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(point);
  if (intPart.length > 16) return { ok: false, error: 'tooLarge' };
  const r = decimalToCents(intPart, frac, true);
  if (r.ok && m[1] === '-' && r.cents > 0) return { ok: false, error: 'negative' };
  return r;
}

/**
 * What a person typed in a cell: "S/ 1.234.567,89", "1,234,567.89", "1 234 567", "(1,200)"
 * is refused as negative. `mark` is the column's decimal mark from detectDecimalMark.
 */
export function parseAmount(raw: string, mark: DecimalMark | null): AmountResult {
  let s = strip(raw);
  if (s === '' || s === '-') return { ok: false, error: 'notANumber' };
  if (/^\(.*\)$/.test(s) || s.startsWith('-')) {
    const inner = s.replace(/^\(|\)$/g, '').replace(/^-/, '');
    const r = parseAmount(inner, mark);
    return r.ok && r.cents > 0 ? { ok: false, error: 'negative' } : r;
  }
  if (s.startsWith('+')) s = s.slice(1);
  if (!/^\d[\d.,]*$/.test(s) && !/^[.,]\d+$/.test(s)) return { ok: false, error: 'notANumber' };
  const lastP = s.lastIndexOf('.');
  const lastC = s.lastIndexOf(',');
  let decimal: DecimalMark | null;
  if (lastP >= 0 && lastC >= 0) decimal = lastP > lastC ? '.' : ',';
  else if (lastP < 0 && lastC < 0) decimal = null;
  else {
    const sep: DecimalMark = lastP >= 0 ? '.' : ',';
    const once = s.indexOf(sep) === s.lastIndexOf(sep);
    const after = s.length - s.lastIndexOf(sep) - 1;
    if (!once)
      decimal = null; // 1.234.567: grouping only
    else if (mark !== null) decimal = mark === sep ? sep : null;
    else decimal = after === 3 ? null : sep;
  }
  const group = decimal === '.' ? ',' : decimal === ',' ? '.' : null;
  let intPart = s;
  let frac = '';
  if (decimal !== null) {
    const at = s.lastIndexOf(decimal);
    intPart = s.slice(0, at);
    frac = s.slice(at + 1);
    if (!/^\d*$/.test(frac)) return { ok: false, error: 'notANumber' };
  }
  // Grouping must be in threes ("1.234.567", "1,234"); anything else is not a number we trust.
  const seps = group ?? (intPart.includes('.') ? '.' : intPart.includes(',') ? ',' : null);
  if (seps !== null) {
    if (intPart.includes(seps === '.' ? ',' : '.')) return { ok: false, error: 'notANumber' };
    const parts = intPart.split(seps);
    if (
      parts.length > 1 &&
      !(/^\d{1,3}$/.test(parts[0] ?? '') && parts.slice(1).every((p) => /^\d{3}$/.test(p)))
    )
      return { ok: false, error: 'notANumber' };
    intPart = parts.join('');
  }
  if (!/^\d*$/.test(intPart)) return { ok: false, error: 'notANumber' };
  if (intPart.replace(/^0+/, '').length > 16) return { ok: false, error: 'tooLarge' };
  return decimalToCents(intPart, frac, false);
}

/** Exact percentage change (plan − agreed) / agreed × 100, rounded half away from zero to one decimal: "-12.5". */
export function percentChange(agreedCents: number, planCents: number): string | null {
  if (agreedCents === 0) return null;
  const diff = BigInt(planCents) - BigInt(agreedCents);
  const base = BigInt(agreedCents);
  const neg = diff < 0n;
  const abs = neg ? -diff : diff;
  // tenths of a percent, rounded half up on the absolute value
  const tenths = (abs * 2000n + base) / (2n * base);
  const text = `${tenths / 10n}.${tenths % 10n}`;
  return tenths === 0n ? '0.0' : `${neg ? '-' : '+'}${text}`;
}
