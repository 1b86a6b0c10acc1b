// The demo's earlier year (issue 7 §5): the 2026 workshop of the same district, sealed a
// year before, and the final plan the municipality published for it. The 2027 demo
// workshop holds both in its follow-up register, so the history reads as in DOMAIN.md:
// an irrigation canal agreed, left out of the plan and suspended, proposed again in 2027; a
// road funded with less money; a health post renamed in the plan; alpaca sheds nobody
// funded (ready to carry over); the main square the workshop rejected, funded anyway.
//
// The 2026 workshop is built in memory with the same store functions as any workshop and
// signed with a fixed demo key (not this computer's): the register checks it like any Acta.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import Database from 'better-sqlite3';
import { guessPlanMapping, importPlan, linesForYear, readPlanCsv } from '../../shared/plan/import';
import { agreedFromMinutes, rejectedFromMinutes } from '../../shared/plan/from-minutes';
import { reconcile } from '../../shared/plan/reconcile';
import type { RejectionReason } from '../../shared/schemas/proposals';
import type { WorkshopSetup } from '../../shared/schemas/workshop';
import { demoSetup } from './setup';
import { keyFingerprintOf, rawPublicKey } from '../platform/crypto/keys';
import { previewPayload } from '../minutes/seal';
import { sha256Hex, signPayload } from '../platform/crypto/sign';
import { fingerprint } from '../../shared/fingerprint';
import type { Db } from '../platform/db';
import { APPLICATION_ID } from '../platform/db';
import { refOf } from '../../shared/followup/register';
import { addNote, importMinutes, recordPlan } from '../followup/followup';
import { saveAgreement } from '../minutes/minutes';
import { migrate } from '../platform/migrations';
import { reviewProposal, saveProposal } from '../proposals/proposals';
import { getSetup, initWorkshop, type Env } from '../workshop/workshop';

export const EARLIER_FILE = 'demo-qollqepata-2026.minka';
export const EARLIER_PLAN_FILE = 'plan-final-2026.csv';

/** What the 2026 plan does with each proposal. */
type Fate =
  | { plan: 'same'; devengado: number }
  | { plan: 'cut'; soles: number; devengado: number }
  | { plan: 'renamed'; name: string; devengado: number }
  | { plan: 'absent' };

type Spec = [
  sector: number,
  title: string,
  community: string,
  soles: number,
  beneficiaries: number,
  cui: string,
  fate: Fate,
];

const WHERE = ' EN EL DISTRITO DE QOLLQEPATA - PROVINCIA DE QUISPICANCHI - DEPARTAMENTO DE CUSCO';

const AGREED: Spec[] = [
  [
    0,
    'Mejoramiento del canal de riego Huaraqa–Ccochaccasa',
    'Huaraqa',
    1_100_000,
    310,
    '2456781',
    { plan: 'absent' },
  ],
  [
    1,
    'Mejoramiento del camino vecinal Qollqepata–Tinkiwasi',
    'Tinkiwasi',
    1_150_000,
    900,
    '2389450',
    { plan: 'cut', soles: 900_000, devengado: 285_000 },
  ],
  [
    2,
    'Ampliación de aulas de la I.E. N.º 50412 Pacchanta Alta',
    'Pacchanta Alta',
    420_000,
    160,
    '2478120',
    { plan: 'same', devengado: 168_000 },
  ],
  [
    3,
    'Equipamiento del puesto de salud de Chillihuani',
    'Chillihuani',
    180_000,
    1_200,
    '',
    {
      plan: 'renamed',
      name: 'MEJORAMIENTO DE LA CAPACIDAD RESOLUTIVA DEL PUESTO DE SALUD CHILLIHUANI',
      devengado: 72_000,
    },
  ],
  [
    0,
    'Construcción de cobertizos para alpacas en Sallani',
    'Sallani',
    210_000,
    75,
    '',
    { plan: 'absent' },
  ],
  [
    4,
    'Ampliación del sistema de agua potable de Upispata',
    'Upispata',
    340_000,
    220,
    '2481755',
    { plan: 'same', devengado: 0 },
  ],
  [
    2,
    'Cerco perimétrico de la I.E. inicial de Mallmapampa',
    'Mallmapampa',
    150_000,
    45,
    '',
    { plan: 'same', devengado: 150_000 },
  ],
  [
    0,
    'Instalación de pastos cultivados en Lauramarca Alta',
    'Lauramarca Alta',
    260_000,
    140,
    '',
    { plan: 'same', devengado: 260_000 },
  ],
];

const REJECTED: [
  title: string,
  community: string,
  soles: number,
  reason: RejectionReason,
  explanation: string,
][] = [
  [
    'Remodelación de la plaza principal con estatuas',
    'Qollqepata',
    650_000,
    'notKeyNeed',
    'El taller prefirió espacios verdes seguros para los niños; la plaza no es una necesidad clave.',
  ],
  [
    'Compra de uniformes para el campeonato distrital',
    'Qollqepata',
    45_000,
    'notInvestment',
    'Es gasto corriente, no un proyecto de inversión.',
  ],
  [
    'Asfaltado de la carretera Cusco–Qollqepata',
    'Qollqepata',
    2_500_000,
    'otherLevel',
    'Es una vía departamental: corresponde al Gobierno Regional del Cusco.',
  ],
];

/** The same district a year earlier: its own title, envelope and one venue. */
const setup2026 = (): WorkshopSetup => ({
  ...demoSetup(),
  fiscalYear: 2026,
  title: 'Taller de priorización de proyectos — Presupuesto Participativo 2026',
  envelopeCents: 3_400_000_00,
  venues: [{ name: 'Sede central', place: 'Auditorio municipal, Qollqepata', date: '2025-05-20' }],
});

/** The 2025 facilitator's key: fixed, so the demo's Acta and its fingerprint never change. */
function demoKey() {
  const seed = sha256Hex('minka demo facilitator 2025').slice(0, 64);
  const privateKey = createPrivateKey({
    key: Buffer.concat([
      Buffer.from('302e020100300506032b657004220420', 'hex'),
      Buffer.from(seed, 'hex'),
    ]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKeyB64 = rawPublicKey(createPublicKey(privateKey)).toString('base64');
  return { privateKey, publicKeyB64, keyFingerprint: keyFingerprintOf(publicKeyB64) };
}

export interface EarlierYear {
  canonical: string;
  signature: string;
  payloadSha256: string;
  planCsv: string;
}

/** Build, seal (sign) and plan the 2026 workshop in memory. */
export function demoEarlierYear(): EarlierYear {
  let t = Date.parse('2025-05-20T13:00:00Z');
  let n = 0;
  const env: Env = {
    now: () => new Date((t += 40_000)),
    newId: () => `0000d026-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
  const db = new Database(':memory:');
  try {
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
    db.transaction(() => {
      initWorkshop(db, env, '0000d026-0000-4000-8000-000000000000', setup2026());
      const sectors = getSetup(db).sectors;
      let code = 0;
      const add = (
        sector: number,
        title: string,
        community: string,
        soles: number,
        beneficiaries: number,
        cui: string,
      ) =>
        saveProposal(db, env, {
          code: `P-${String(++code).padStart(3, '0')}`,
          title,
          description: '',
          sectorId: sectors[sector]?.id ?? '',
          community,
          organizationId: null,
          estimatedCostCents: soles * 100,
          beneficiaries,
          cui,
          cofinancingCents: 0,
          carriedFrom: '',
        });
      for (const [sector, title, community, soles, beneficiaries, cui] of AGREED) {
        const p = add(sector, title, community, soles, beneficiaries, cui);
        reviewProposal(db, env, {
          proposalId: p.id,
          decision: 'admitted',
          reason: null,
          explanation: '',
        });
      }
      for (const [title, community, soles, reason, explanation] of REJECTED) {
        const p = add(5, title, community, soles, 0, '');
        reviewProposal(db, env, { proposalId: p.id, decision: 'rejected', reason, explanation });
      }
      saveAgreement(db, env, {
        text: 'La municipalidad incluirá los proyectos acordados en el PIA 2026 y rendirá cuentas de su ejecución en la audiencia pública de diciembre.',
        responsible: 'Gerencia de Planeamiento y Presupuesto',
        due: '2025-12-15',
      });
    })();
    const key = demoKey();
    const payload = previewPayload(db, {
      sealedAt: '2025-05-20T23:30:00.000Z',
      publicKey: key.publicKeyB64,
      keyFingerprint: key.keyFingerprint,
    });
    const signed = signPayload(payload, key.privateKey);
    return {
      canonical: signed.canonical,
      signature: signed.signature,
      payloadSha256: signed.payloadSha256,
      planCsv: plan2026(payload),
    };
  } finally {
    db.close();
  }
}

/**
 * The 2026 plan as downloaded in May 2026, when the facilitator prepares the 2027 workshop:
 * the year's execution (devengado) is partial — small works and the planting season done,
 * classrooms and the road under way; the square already inaugurated.
 */
function plan2026(payload: ReturnType<typeof previewPayload>): string {
  const header = [
    'ANO_EJE',
    'SEC_EJEC',
    'EJECUTORA_NOMBRE',
    'PRODUCTO_PROYECTO',
    'PRODUCTO_PROYECTO_NOMBRE',
    'MONTO_PIA',
    'MONTO_PIM',
    'MONTO_DEVENGADO',
  ];
  const rows: string[][] = [];
  const soles = (s: number) => `${s}.00`;
  const row = (cui: string, name: string, pia: number, pim: number, dev: number) =>
    rows.push([
      '2026',
      '301234',
      'MUNICIPALIDAD DISTRITAL DE QOLLQEPATA',
      cui,
      name,
      soles(pia),
      soles(pim),
      soles(dev),
    ]);
  let nextCui = 2_550_100;
  const agreed = agreedFromMinutes(payload);
  AGREED.forEach(([, title, , soles0, , cui, fate]) => {
    if (fate.plan === 'absent') return;
    const a = agreed.find((x) => x.title === title);
    const c = cui || String(nextCui++);
    const name =
      fate.plan === 'renamed'
        ? `${fate.name}${WHERE}`
        : `${(a?.title ?? title).toLocaleUpperCase('es-PE').replace(/[–—]/g, ' - ')}${WHERE}`;
    const amount = fate.plan === 'cut' ? fate.soles : soles0;
    const pim = fate.plan === 'cut' ? fate.soles + 50_000 : amount;
    row(c, name, amount, pim, fate.devengado);
  });
  const plaza = rejectedFromMinutes(payload).find((r) => /plaza/i.test(r.title));
  if (plaza)
    row(
      String(nextCui++),
      `REMODELACIÓN DE LA PLAZA PRINCIPAL CON ESTATUAS${WHERE}`,
      800_000,
      820_000,
      820_000,
    );
  row(
    String(nextCui++),
    `ADQUISICIÓN DE MAQUINARIA PESADA PARA LA MUNICIPALIDAD${WHERE}`,
    0,
    1_200_000,
    1_200_000,
  );
  return (
    '\ufeff' +
    [header, ...rows]
      .map((r) => r.map((x) => (/[",]/.test(x) ? `"${x.replace(/"/g, '""')}"` : x)).join(','))
      .join('\r\n') +
    '\r\n'
  );
}

/** The 2026 reconciliation as a person would confirm it (name matches confirmed). */
function reconcile2026(e: EarlierYear) {
  const payload = JSON.parse(e.canonical) as ReturnType<typeof previewPayload>;
  const bytes = Buffer.from(e.planCsv, 'utf8');
  const table = readPlanCsv(bytes);
  const imported = importPlan(table, guessPlanMapping(table.header));
  const { lines } = linesForYear(imported.lines, 2026);
  const first = reconcile(agreedFromMinutes(payload), rejectedFromMinutes(payload), lines);
  const decisions = [...first.matched, ...first.amountChanged, ...first.rejectedButFunded]
    .filter((m) => m.by === 'name')
    .map((m) => ({ agreedKey: m.key, planLine: m.plan.line, verdict: 'confirmed' as const }));
  const report = reconcile(agreedFromMinutes(payload), rejectedFromMinutes(payload), lines, {
    decisions,
  });
  const sha256 = sha256Hex(bytes);
  return { report, sha256, fingerprint: fingerprint(sha256), payload };
}

/** Put the 2026 Acta, its plan and what happened since into the demo workshop's register. */
export function fillDemoFollowup(db: Db, env: Env): void {
  const e = demoEarlierYear();
  importMinutes(
    db,
    env,
    { canonical: e.canonical, signature: e.signature, source: 'workshop', fileName: EARLIER_FILE },
    null,
  );
  const { report, sha256, fingerprint: fp, payload } = reconcile2026(e);
  recordPlan(db, env, {
    minutesId: e.payloadSha256,
    fileName: EARLIER_PLAN_FILE,
    sha256,
    fingerprint: fp,
    report,
  });
  const canal = payload.proposals.find((p) => p.cui === '2456781');
  if (canal)
    addNote(db, env, {
      ref: refOf(e.payloadSha256, canal.id),
      fiscalYear: 2026,
      status: 'suspended',
      date: '2026-02-20',
      note: 'Resolución de Alcaldía N.º 045-2026-MDQ: se suspende por falta de expediente técnico aprobado.',
    });
}
