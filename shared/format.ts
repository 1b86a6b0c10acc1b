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

const MONTHS: Record<'es' | 'quz' | 'en', readonly string[]> = {
  es: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'setiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
  // Quechua month names vary by region; the Spanish loan names are what Cusco documents use.
  quz: [
    'enero',
    'febrero',
    'marzo',
    'abril',
    'mayo',
    'junio',
    'julio',
    'agosto',
    'setiembre',
    'octubre',
    'noviembre',
    'diciembre',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/** "2026-05-14" → "14/05/2026" (es-PE numeric date, the same in every language). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "2026-05-14" → "14 de mayo de 2026" / "14 May 2026". */
export function formatLongDate(iso: string, lang: 'es' | 'quz' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[lang][Number(m[2]) - 1] ?? m[2];
  const day = String(Number(m[3]));
  return lang === 'en' ? `${day} ${month} ${m[1]}` : `${day} de ${month} de ${m[1]}`;
}

/** An ISO timestamp → "14/05/2026 08:05" in Peru's time (UTC−5, no daylight saving). */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pe = new Date(d.getTime() - 5 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(pe.getUTCDate())}/${p(pe.getUTCMonth() + 1)}/${pe.getUTCFullYear()} ${p(pe.getUTCHours())}:${p(pe.getUTCMinutes())}`;
}
