// The register's types on screen, and the agreements of a project; the sentences and marks
// come from shared/followup/words.ts, shared with `minka followup`.
import type { Output } from '../../../../shared/api';
import type { ChainStatus } from '../../../../shared/schemas/workshop';

export type Register = Output<'followup:get'>;
export type Project = Register['projects'][number];
export type Entry = Project['timeline'][number];
export type ProjectState = Project['state'];
/** useLiveData's `applied`: the write's chain head to the top bar, then the register reloaded. */
export type Applied = <V>(r: { value: V; chain: ChainStatus }) => Promise<V>;
// The words themselves are shared with `minka followup` (shared/followup/words.ts).
export {
  entryText,
  kindMark,
  percent,
  sourceText,
  STATE_MARK,
  STATES,
} from '../../../../shared/followup/words';

/** "2026 P-001" for each agreement of a project, from its minutes entries. */
export function agreementsOf(
  p: Project,
): { ref: string; year: number; code: string; title: string; rejected: boolean }[] {
  const seen = new Map<
    string,
    { ref: string; year: number; code: string; title: string; rejected: boolean }
  >();
  for (const e of p.timeline)
    if (e.source === 'minutes' && !seen.has(e.ref))
      seen.set(e.ref, {
        ref: e.ref,
        year: e.fiscalYear,
        code: e.code,
        title: e.title,
        rejected: e.kind === 'rejected',
      });
  return [...seen.values()];
}
