// `minka verify ACTA.pdf --workshop MAIN.minka` (issue 20). The Acta prints each venue laptop's
// chain head, but a PDF holds no chains: with the workshop file each device chain is checked
// again and its head and number of events compared with the Acta's, one check per device (a
// device on one side only is named). Without --workshop, an Acta that lists devices says how.
// Also the Acta's layout line (adv28).
import Database from 'better-sqlite3';
import { resolve } from 'node:path';
import { fingerprint } from '../../../shared/fingerprint';
import { layoutMessage, verdictLeadMessage } from '../../../shared/minutes/check-tone';
import type { Check, VerifyResult } from '../../../shared/minutes/verify-result';
import { inspectWorkshopFile } from '../../platform/db';
import { type ActaDeviceCheck, compareActaDevices } from '../../venues/venues-check';

const VERIFY_KEY: Record<ActaDeviceCheck['status'], string> = {
  ok: 'deviceOk',
  differs: 'deviceDiffers',
  broken: 'deviceBroken',
  applied: 'deviceApplied',
  keyDiffers: 'keyDiffers',
  missing: 'missing',
  extra: 'extra',
};

export function withWorkshopDevices(r: VerifyResult, workshop: string | undefined): VerifyResult {
  const listed = r.payload?.format === 'minka-minutes' ? (r.payload.devices ?? []) : [];
  const check = (ok: boolean, key: string, params: Check['params'] = {}): Check => ({
    id: 'workshopDevice',
    ok,
    key,
    params,
  });
  if (workshop === undefined)
    return listed.length === 0
      ? r
      : {
          ...r,
          checks: [...r.checks, check(true, 'venues.verify.hint', { count: listed.length })],
        };
  const path = resolve(workshop);
  inspectWorkshopFile(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  let found;
  try {
    found = compareActaDevices(db, listed);
  } finally {
    db.close();
  }
  const checks = found.map((d) =>
    check(d.status === 'ok', `venues.verify.${VERIFY_KEY[d.status]}`, {
      venue: d.venue,
      key: d.keyFingerprint,
      events: d.events,
      head: d.head ? fingerprint(d.head) : '—',
      actaEvents: d.actaEvents,
      actaHead: d.actaHead ? fingerprint(d.actaHead) : '—',
      seq: d.applied?.deviceSeq ?? d.brokenAt ?? '-',
      mainSeq: d.applied?.mainSeq ?? '-',
      field: d.applied?.field ?? '-',
      workshopKey: d.workshopKey || '—',
    }),
  );
  if (checks.length === 0) checks.push(check(true, 'venues.verify.none'));
  return { ...r, ok: r.ok && checks.every((c) => c.ok), checks: [...r.checks, ...checks] };
}

/**
 * The verdict line and its lead. The PDF may be the sealed one while a check against the
 * workshop file failed: the headline must not then say authentic (an "AUTHENTIC" line above
 * exit 1 misleads whoever reads only the first line).
 */
export function verdictHeadline(
  file: string,
  r: VerifyResult,
  tr: (key: string, params?: Check['params']) => string,
): string[] {
  // What the person typed (the fingerprint on their paper, the key they expect) decides first:
  // an intact file that is another Acta (re-sealed with the same key) is not "authentic" to them.
  if (r.verdict === 'authentic' || r.verdict === 'resaved') {
    for (const [id, word, lead] of [
      ['expectedFingerprint', 'minutes.cli.verdictNotPaper', 'minutes.verdictLead.notPaper'],
      ['expectedKey', 'minutes.cli.verdictOtherKey', 'minutes.verdictLead.otherKey'],
    ] as const) {
      const c = r.checks.find((x) => x.id === id && !x.ok);
      if (c) return [tr(word, { file }), tr(lead, c.params)];
    }
  }
  if (r.verdict === 'authentic' && r.checks.some((c) => c.id === 'workshopDevice' && !c.ok))
    return [
      tr('minutes.cli.verdictWorkshopFails', { file }),
      tr('minutes.verdictLead.workshopFails'),
    ];
  return [
    tr('minutes.cli.verdict', { file, verdict: tr(`minutes.verdict.${r.verdict}`) }),
    ((m) => tr(m.key, m.params))(verdictLeadMessage(r)),
  ];
}

/** The Acta's layout line (shared/minutes/check-tone.ts layoutMessage, as the Verify screen shows it). */
export function layoutLine(
  r: VerifyResult,
  tr: (key: string, params?: Check['params']) => string,
): string | null {
  const m = layoutMessage(r);
  return m ? tr(m.key, m.params) : null;
}
