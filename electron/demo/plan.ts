// The demo's final plan: what the municipality published months after the workshop, as an
// MEF open-data CSV (UTF-8 with BOM, as the "Consulta amigable" download comes). Built from
// what the demo workshop agreed, with the four things the oversight committee must find:
// a project renamed in the Invierte.pe style, an amount cut, an agreement dropped, and money
// for a project the workshop rejected plus one nobody proposed. One line of the previous
// year is left in, as real downloads mix years.
import { agreedFromMinutes, rejectedFromMinutes } from '../../shared/plan/from-minutes';
import type { MinutesPayload } from '../../shared/minutes/payload';
import type { Db } from '../platform/db';
import { previewPayload } from '../minutes/seal';

const HEADER = [
  'ANO_EJE',
  'SEC_EJEC',
  'EJECUTORA_NOMBRE',
  'FUNCION_NOMBRE',
  'PRODUCTO_PROYECTO',
  'PRODUCTO_PROYECTO_NOMBRE',
  'FUENTE_FINANCIAMIENTO_NOMBRE',
  'MONTO_PIA',
  'MONTO_PIM',
  'MONTO_CERTIFICADO',
  'MONTO_DEVENGADO',
];

const soles = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const upper = (s: string) => s.toLocaleUpperCase('es-PE').replace(/[–—]/g, ' - ');

export interface DemoPlan {
  csv: string;
  /** What the demo plan does to each agreement, for tests and the README. */
  story: {
    renamed: string;
    cut: string;
    dropped: string;
    split: string;
    rejectedFunded: string;
    unproposed: string[];
  };
}

/** The demo plan for a minutes payload (the demo workshop's, sealed or about to be). */
export function demoPlan(p: MinutesPayload): DemoPlan {
  const year = p.workshop.fiscalYear;
  const place = upper(p.workshop.municipality.replace(/^Municipalidad Distrital de /i, ''));
  const executor = upper(p.workshop.municipality);
  const where = ` EN EL DISTRITO DE ${place} - PROVINCIA DE QUISPICANCHI - DEPARTAMENTO DE CUSCO`;
  const agreed = agreedFromMinutes(p);
  const rejected = rejectedFromMinutes(p);
  const rows: string[][] = [];
  let nextCui = 2_601_000;
  const row = (
    y: number,
    fn: string,
    cui: string,
    name: string,
    source: string,
    pia: number,
    pim: number,
    devengado: number,
  ) =>
    rows.push([
      String(y),
      '301234',
      executor,
      fn,
      cui,
      name,
      source,
      soles(pia),
      soles(pim),
      soles(Math.min(pim, devengado + Math.round(pim / 10))),
      soles(devengado),
    ]);

  const withCui = agreed.filter((a) => a.cui);
  const cut = withCui[0] ?? agreed[0];
  const split = withCui[1] ?? agreed[1];
  const dropped =
    [...agreed].reverse().find((a) => !a.cui && a !== cut && a !== split) ??
    agreed[agreed.length - 1];
  const renamed = agreed.find((a) => !a.cui && a !== dropped) ?? agreed[2];
  for (const a of agreed) {
    if (a === dropped) continue;
    const cui = a.cui || String(nextCui++);
    const fn = a.sector ? upper(a.sector) : 'PLANEAMIENTO';
    const title = upper(a.title);
    const formal =
      /^(MEJORAMIENTO|CREACIÓN|CONSTRUCCIÓN|INSTALACIÓN|AMPLIACIÓN|MANTENIMIENTO|RECUPERACIÓN)\b/.test(
        title,
      );
    const name =
      a === renamed
        ? `CREACIÓN DEL SERVICIO DE ${title}${where}`
        : `${formal ? '' : 'MEJORAMIENTO DE '}${title}${where}`;
    const pia = a === cut ? Math.round((a.amountCents * 0.8) / 100) * 100 : a.amountCents;
    if (a === split) {
      const first = Math.round((pia * 0.7) / 100) * 100;
      row(year, fn, cui, name, 'RECURSOS ORDINARIOS', first, first, Math.round(first / 3));
      row(
        year,
        fn,
        cui,
        name,
        'CANON Y SOBRECANON, REGALIAS, RENTA DE ADUANAS Y PARTICIPACIONES',
        pia - first,
        pia - first,
        0,
      );
    } else
      row(
        year,
        fn,
        cui,
        name,
        'RECURSOS ORDINARIOS',
        pia,
        a === cut ? pia + 5_000_000 : pia,
        Math.round(pia / 4),
      );
  }
  // Money for a project the workshop rejected: the square with plaster statues (DOMAIN.md).
  const reject = rejected.find((r) => /plaza/i.test(r.title)) ?? rejected[0];
  if (reject)
    row(
      year,
      'PLANEAMIENTO, GESTIÓN Y RESERVA DE CONTINGENCIA',
      String(nextCui++),
      `MEJORAMIENTO DEL SERVICIO DE TRANSITABILIDAD: ${upper(reject.title)}${where}`,
      'RECURSOS ORDINARIOS',
      reject.amountCents + 15_000_000,
      reject.amountCents + 15_000_000,
      reject.amountCents,
    );
  const unproposed = [
    `CONSTRUCCIÓN DEL ESTADIO MUNICIPAL${where}`,
    `ADQUISICIÓN DE CAMIONETA PARA LA GERENCIA MUNICIPAL${where}`,
  ];
  row(
    year,
    'CULTURA Y DEPORTE',
    String(nextCui++),
    unproposed[0] as string,
    'RECURSOS ORDINARIOS',
    180_000_000,
    210_000_000,
    90_000_000,
  );
  row(
    year,
    'PLANEAMIENTO, GESTIÓN Y RESERVA DE CONTINGENCIA',
    String(nextCui++),
    unproposed[1] as string,
    'RECURSOS ORDINARIOS',
    0,
    32_000_000,
    32_000_000,
  );
  // The previous year's line a download often carries along.
  row(
    year - 1,
    'TRANSPORTE',
    '2389450',
    `MEJORAMIENTO DEL CAMINO VECINAL${where}`,
    'RECURSOS ORDINARIOS',
    90_000_000,
    95_000_000,
    95_000_000,
  );
  const csv = '\ufeff' + [HEADER, ...rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
  return {
    csv,
    story: {
      renamed: renamed?.code ?? '',
      cut: cut?.code ?? '',
      dropped: dropped?.code ?? '',
      split: split?.code ?? '',
      rejectedFunded: reject?.code ?? '',
      unproposed,
    },
  };
}

/** The demo plan for a demo workshop file, from the payload its sealing would sign. */
export function demoPlanFor(db: Db, sealedAt: string): DemoPlan {
  const payload = previewPayload(db, {
    sealedAt,
    publicKey: 'A'.repeat(43) + '=',
    keyFingerprint: '0000-0000-0000-0000',
  });
  return demoPlan(payload);
}
