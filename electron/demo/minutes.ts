// The demo's closing: agreements and commitments with who answers for them, the oversight
// committee elected among civil-society participants, and the closing remarks.
import { displayName } from '../../shared/schemas/attendance';
import type { Db } from '../platform/db';
import { saveAgreement, saveClosingRemarks, saveMember } from '../minutes/minutes';
import { listOrganizations, listParticipants } from '../registry/registry';
import type { Env } from '../workshop/workshop';

const AGREEMENTS: [text: string, responsible: string, due: string][] = [
  [
    'La municipalidad registrará los proyectos priorizados en el aplicativo del MEF y entregará copia del acta a cada comunidad.',
    'Gerencia de Planeamiento y Presupuesto',
    '2026-06-15',
  ],
  [
    'La Subgerencia de Obras presentará el estado de los perfiles sin CUI en la primera reunión del Comité de Vigilancia.',
    'Subgerencia de Obras',
    '2026-07-10',
  ],
  [
    'Se pedirá a la ANA y a la Fiscalía Ambiental una inspección de la quebrada Yanamayu por la minería informal denunciada.',
    'Alcaldía',
    '2026-06-30',
  ],
  [
    'La municipalidad informará en audiencia pública cuánto gastó en la remodelación de la plaza principal.',
    'Gerencia Municipal',
    '2026-08-31',
  ],
  [
    'Las comunidades beneficiarias firmarán el compromiso de operación y mantenimiento antes del expediente técnico.',
    'Presidentes de las comunidades',
    '',
  ],
];

export function fillDemoMinutes(db: Db, env: Env): void {
  for (const [text, responsible, due] of AGREEMENTS)
    saveAgreement(db, env, { text, responsible, due: due });
  const orgs = new Map(listOrganizations(db).map((o) => [o.id, o]));
  // Civil-society participants with vote, from different communities.
  const people = listParticipants(db).filter(
    (p) =>
      p.voice === 'voiceAndVote' &&
      p.accreditation === 'accredited' &&
      p.organizationId &&
      orgs.get(p.organizationId)?.type !== 'stateBody',
  );
  const seen = new Set<string>();
  const chosen = people.filter((p) => {
    const c = orgs.get(p.organizationId ?? '')?.community ?? '';
    if (seen.has(c)) return false;
    seen.add(c);
    return true;
  });
  const roles = ['coordinator', 'secretary', 'member', 'member', 'alternate'] as const;
  roles.forEach((role, i) => {
    const p = chosen[i * 2];
    if (!p) return;
    saveMember(db, env, {
      participantId: p.id,
      name: displayName(p),
      dni: p.dni,
      organization: orgs.get(p.organizationId ?? '')?.name ?? '',
      role,
    });
  });
  saveClosingRemarks(
    db,
    env,
    'Siendo las 17:40 horas del 16 de mayo de 2026, se dio por concluido el taller de priorización. Los asistentes leyeron el acta en castellano y en quechua, y firmaron o pusieron su huella digital en señal de conformidad.',
  );
}
