// What the key holder confirmed when sealing (stop 32). The seal refuses while a warning that
// applies was not confirmed (seal-warnings.ts): an unclosed ballot desk, check-ins the evening
// before, a laptop's clock running backwards, an Acta in a language nobody reviewed… Until
// stop 31 the confirmation left no trace: months later the Comité de Vigilancia could see the
// condition (`minka check` finds most of them again) but not that the facilitator was shown it
// and sealed anyway. The seal's event now keeps the ids confirmed (`minutes.sealed`,
// `confirmed`) and so does the signed payload (`sealWarningsConfirmed`): the list is bound to
// the fingerprint every copy of the Acta carries, and `minka check` names a list edited in
// either (check.ts, rebuildAsSealed). Read back, each id gets its words from the sealed file
// itself (its tables no longer change), in the reader's language; an id whose warning no
// longer applies to the file (a table edited after the seal, which the check names anyway, or
// a warning this version no longer knows) is shown by its id.
import { type Lang, LangSchema } from '../../shared/lang';
import type { SealWarning } from '../../shared/schemas/minutes';
import type { Db } from '../platform/db';
import { hasMinutes } from './minutes';
import { sealWarnings } from './seal-warnings';

/** The ids the seal's event keeps (undefined: not sealed, or sealed before stop 32). */
export function sealEventConfirmed(db: Db): string[] | undefined {
  const payload = db
    .prepare("SELECT payload FROM event WHERE type = 'minutes.sealed' ORDER BY seq LIMIT 1")
    .pluck()
    .get() as string | undefined;
  if (payload === undefined) return undefined;
  try {
    const ids = (JSON.parse(payload) as { confirmed?: unknown }).confirmed;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : undefined;
  } catch {
    return undefined; // the chain check names an unreadable payload
  }
}

/** What the signed payload says: the list confirmed, and the Acta's language (the actaLang warning depends on it). */
function signed(db: Db): { ids?: string[]; lang?: Lang } {
  // The payload only: the sealed row also holds the PDF, which this needs none of.
  const payload = hasMinutes(db)
    ? (db.prepare('SELECT payload FROM minutes WHERE id = 1').pluck().get() as string | undefined)
    : undefined;
  if (payload === undefined) return {};
  try {
    const p = JSON.parse(payload) as {
      sealWarningsConfirmed?: unknown;
      render?: { lang?: unknown };
    };
    const lang = LangSchema.safeParse(p.render?.lang);
    const ids = Array.isArray(p.sealWarningsConfirmed)
      ? p.sealWarningsConfirmed.filter((x): x is string => typeof x === 'string')
      : undefined;
    return { ...(ids ? { ids } : {}), ...(lang.success ? { lang: lang.data } : {}) };
  } catch {
    return {}; // the check names an unreadable payload
  }
}

/**
 * The seal warnings confirmed at sealing, in the order they were shown, each with its words as
 * the sealed file gives them; undefined when the file is not sealed or was sealed before the
 * seal's event kept them.
 */
export function confirmedAtSeal(db: Db): SealWarning[] | undefined {
  const acta = signed(db);
  // The signed list first; the event's if the payload has none (`minka check` compares them).
  const ids = acta.ids ?? sealEventConfirmed(db);
  if (ids === undefined) return undefined;
  if (ids.length === 0) return [];
  const now = new Map(sealWarnings(db, acta.lang).map((w) => [w.id, w]));
  return ids.map(
    (id) =>
      now.get(id) ?? { id, key: 'minutes.checkDb.confirmedGone', params: { id: id.slice(0, 120) } },
  );
}
