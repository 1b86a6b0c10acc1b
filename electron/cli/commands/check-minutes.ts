// `minka check`'s part on the sealed minutes (moved out of workshop.ts, stop 32): the verdict
// on the signed Acta, and the seal warnings the key holder confirmed when sealing.
import type { WorkshopCheck } from '../../../shared/schemas/check';
import { type CliIO, tr } from '../io';

type Minutes = NonNullable<WorkshopCheck['minutes']>;

/** The minutes' part of `--json`: every finding and warning with its message in the reader's language. */
export function minutesJson(io: CliIO, minutes: Minutes) {
  const said = <T extends { key: string; params: Record<string, string | number> }>(p: T) => ({
    ...p,
    message: tr(io, p.key, p.params),
  });
  return {
    ...minutes,
    problems: minutes.problems.map(said),
    ...(minutes.unchecked ? { unchecked: said(minutes.unchecked) } : {}),
    ...(minutes.confirmed ? { confirmed: minutes.confirmed.map(said) } : {}),
  };
}

/** The minutes' verdict, its findings, then what was confirmed at the seal (not findings). */
export function reportMinutes(io: CliIO, minutes: Minutes): void {
  if (minutes.ok) io.out(tr(io, 'minutes.checkDb.ok', { fingerprint: minutes.fingerprint ?? '' }));
  for (const p of minutes.problems) io.err(tr(io, p.key, p.params));
  if (minutes.unchecked) io.err(tr(io, minutes.unchecked.key, minutes.unchecked.params));
  if (!minutes.confirmed?.length) return;
  io.out(tr(io, 'minutes.checkDb.confirmed', { count: minutes.confirmed.length }));
  for (const w of minutes.confirmed) io.out(`  – ${tr(io, w.key, w.params)}`);
}
