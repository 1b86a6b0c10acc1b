// Exact rationals on BigInt. Budgets, fits and ties are decided here so that no
// rounding can ever flip an outcome; floats are only used for display.

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export class Rational {
  /** Always normalised: gcd(n, d) = 1 and d > 0, so equal values have equal fields. */
  private constructor(
    readonly n: bigint,
    readonly d: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(n: bigint | number, d: bigint | number = 1n): Rational {
    let nn = BigInt(n);
    let dd = BigInt(d);
    if (dd === 0n) throw new RangeError('Rational: zero denominator');
    if (dd < 0n) {
      nn = -nn;
      dd = -dd;
    }
    if (dd === 1n) return new Rational(nn, 1n);
    const g = gcd(nn, dd);
    return g === 1n ? new Rational(nn, dd) : new Rational(nn / g, dd / g);
  }

  add(o: Rational): Rational {
    if (this.d === o.d) return Rational.of(this.n + o.n, this.d);
    return Rational.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    if (this.d === o.d) return Rational.of(this.n - o.n, this.d);
    return Rational.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.n * o.n, this.d * o.d);
  }
  mulInt(k: bigint | number): Rational {
    return Rational.of(this.n * BigInt(k), this.d);
  }
  div(o: Rational): Rational {
    return Rational.of(this.n * o.d, this.d * o.n);
  }
  divInt(k: bigint | number): Rational {
    return Rational.of(this.n, this.d * BigInt(k));
  }
  /** Sign of this − o, by cross-multiplication (exact). */
  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.n === o.n && this.d === o.d;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }
  min(o: Rational): Rational {
    return this.le(o) ? this : o;
  }
  /** For display only: never decide anything with this value. */
  toNumber(): number {
    // Scale down huge operands before dividing so that the quotient stays finite.
    const bits = Math.max(this.n.toString(2).length, this.d.toString(2).length) - 1000;
    if (bits > 0) return Number(this.n >> BigInt(bits)) / Number(this.d >> BigInt(bits));
    return Number(this.n) / Number(this.d);
  }
  /** Exact decimal text when the value terminates ("395500", "1.5"), else "n/d". */
  toString(): string {
    return formatExact(this);
  }
  toJSON(): string {
    return formatExact(this);
  }
}

/** Parse "75000", "75000.0", "1,5" (decimal comma), "-2.25" exactly; null when not a plain decimal. */
export function parseDecimal(text: string): Rational | null {
  const m =
    /^\s*([+-]?)(\d+)(?:[.,](\d*))?\s*$/.exec(text) ?? /^\s*([+-]?)()[.,](\d+)\s*$/.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' ? -1n : 1n;
  const intPart = m[2] || '0';
  const frac = m[3] ?? '';
  const n = BigInt(intPart + frac) * sign;
  return Rational.of(n, 10n ** BigInt(frac.length));
}

/** Exact decimal when the denominator divides a power of ten; otherwise a fraction "n/d". */
export function formatExact(r: Rational): string {
  let d = r.d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  if (d !== 1n) return `${r.n}/${r.d}`;
  const digits = Math.max(twos, fives);
  if (digits === 0) return r.n.toString();
  const scaled = (r.n * 10n ** BigInt(digits)) / r.d;
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
  return `${neg ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** Rounded decimal with `places` digits, for human-facing explanations. */
export function formatApprox(r: Rational, places = 2): string {
  const scale = 10n ** BigInt(places);
  const neg = r.n < 0n;
  const abs = neg ? -r.n : r.n;
  const q = (abs * scale * 2n + r.d) / (2n * r.d); // round half up
  const s = q.toString().padStart(places + 1, '0');
  const body = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
  return `${neg && q !== 0n ? '-' : ''}${body}`;
}
