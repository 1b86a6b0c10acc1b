import { createHash } from 'node:crypto';

/** The bytes of generation n: a header naming n, then a pattern derived from n (so any mix of two generations is recognisable). */
export function generation(n: number, size: number): Buffer {
  const buf = Buffer.alloc(size);
  const head = Buffer.from(`MINKA-GEN ${String(n).padStart(10, '0')}\n`, 'latin1');
  head.copy(buf, 0);
  const seed = createHash('sha256').update(String(n)).digest();
  for (let i = head.length; i < size; i += seed.length)
    seed.copy(buf, i, 0, Math.min(seed.length, size - i));
  return buf;
}

/** The generation number a file claims to be, or null when the header is missing. */
export function claimedGeneration(bytes: Buffer): number | null {
  const m = /^MINKA-GEN (\d{10})\n/.exec(bytes.subarray(0, 21).toString('latin1'));
  return m?.[1] ? Number(m[1]) : null;
}
