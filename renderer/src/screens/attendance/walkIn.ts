// A walk-in at the door: the form's draft, prefilled from what was searched, and the registered
// people it may be (shown before a second record of one person is made).
import { rankSearch, type Indexed } from '../../../../shared/attendance/search';
import { normalizeDni, type Participant } from '../../../../shared/schemas/attendance';

export interface WalkInDraft {
  dni: string;
  givenNames: string;
  surnames: string;
  /** No default sex: a walk-in's sex is chosen, or "not stated" (X), never assumed. */
  sex: Participant['sex'] | '';
  organizationId: string;
  role: Participant['role'];
}

/** The person a walk-in registers: voice only and accreditation pending until the desk decides. */
export function walkInParticipant(walkIn: WalkInDraft, dni: string, sex: Participant['sex']) {
  return {
    dni,
    givenNames: walkIn.givenNames,
    surnames: walkIn.surnames,
    sex,
    language: 'quz' as const,
    organizationId: walkIn.organizationId || null,
    role: walkIn.role,
    authorization: '',
    voice: 'voiceOnly' as const,
    accreditation: 'pending' as const,
  };
}

/** The search as typed: a DNI goes to the DNI, words to the given name then the surnames. */
export function walkInFromQuery(query: string): WalkInDraft {
  const q = query.trim();
  const dni = normalizeDni(q);
  const words = dni ? [] : q.split(/\s+/);
  return {
    dni: dni ?? '',
    givenNames: words.slice(0, 1).join(' '),
    surnames: words.slice(1).join(' '),
    sex: '',
    organizationId: '',
    role: 'member',
  };
}

/** Registered people the walk-in may be: the same DNI, or a name that matches as typed or as a spelling variant. */
export function findLookAlikes(
  w: WalkInDraft,
  dni: string,
  people: readonly Participant[],
  index: Indexed[],
  personById: ReadonlyMap<string, Participant>,
): Participant[] {
  const ids = new Set<string>();
  if (dni) for (const p of people) if (p.dni === dni) ids.add(p.id);
  const name = `${w.givenNames} ${w.surnames}`.trim();
  if (name) for (const h of rankSearch(index, name, 5)) if (h.tier <= 2) ids.add(h.id);
  return [...ids].flatMap((id) => personById.get(id) ?? []);
}
