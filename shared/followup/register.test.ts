import { describe, expect, it } from 'vitest';
import type { PlanLine } from '../plan/import';
import { reconcile, type AgreedItem, type RejectedItem } from '../plan/reconcile';
import { buildRegister } from './register';
import type { RegisterMinutes } from './register-model';
import { STATE_MARK } from './words';

const agreed: AgreedItem = {
  key: 'a1',
  code: 'P-001',
  cui: '2456781',
  title: 'Canal de riego Huaraqa',
  amountCents: 10_000_000,
  cofinancingCents: 0,
  rank: 1,
  sector: 'Riego',
};
const rejected: RejectedItem = {
  key: 'r1',
  code: 'P-009',
  cui: '2399001',
  title: 'Remodelación de la plaza con estatuas',
  amountCents: 50_000_000,
  reason: 'notKeyNeed',
  explanation: 'No es una necesidad clave.',
};
const line = (
  n: number,
  cui: string,
  name: string,
  cents: number,
  dev: number | null,
): PlanLine => ({
  line: n,
  lines: [n],
  cui,
  code: '',
  name,
  amountCents: cents,
  pimCents: cents,
  devengadoCents: dev,
  year: 2026,
  executor: 'MD Qollqepata',
  sector: '',
});

function registerWith(devengado: number | null) {
  const minutes: RegisterMinutes = {
    id: 'f'.repeat(64),
    fiscalYear: 2026,
    municipality: 'Qollqepata',
    title: 'Taller 2026',
    sealedAt: '2025-05-20T15:00:00.000Z',
    fingerprint: 'AAAA-BBBB-CCCC-DDDD',
    keyFingerprint: 'EEEE-FFFF-0000-1111',
    source: 'workshop',
    fileName: 'taller-2026.minka',
    importedAt: '2026-01-10T15:00:00.000Z',
    agreed: [agreed],
    unfunded: [],
    rejected: [rejected],
  };
  const report = reconcile(
    [agreed],
    [rejected],
    [
      line(2, agreed.cui, agreed.title, agreed.amountCents, devengado),
      line(3, rejected.cui, rejected.title, 48_000_000, devengado),
    ],
  );
  return buildRegister({
    minutes: [minutes],
    plans: [
      {
        id: 'p1',
        minutesId: minutes.id,
        fileName: 'plan-2026.csv',
        sha256: '0'.repeat(64),
        fingerprint: '0000-0000-0000-0000',
        recordedAt: '2026-05-14T15:00:00.000Z',
        report,
      },
    ],
    notes: [],
    carries: [],
    unlinks: [],
  });
}

describe('the state of a project the room rejected and the plan funded', () => {
  it('is its own state, with its own mark, not "in the plan" like an agreed one', () => {
    const reg = registerWith(null);
    const state = (title: string) => reg.projects.find((p) => p.title === title)?.state;
    expect(state(agreed.title)).toBe('inPlan');
    expect(state(rejected.title)).toBe('fundedAfterRejection');
    expect(reg.counts).toMatchObject({ inPlan: 1, fundedAfterRejection: 1 });
    expect(STATE_MARK.fundedAfterRejection).not.toBe(STATE_MARK.inPlan);
    expect(new Set(Object.values(STATE_MARK)).size).toBe(Object.keys(STATE_MARK).length);
  });

  it('stays told apart once executed', () => {
    const reg = registerWith(1_000_000);
    const state = (title: string) => reg.projects.find((p) => p.title === title)?.state;
    expect(state(agreed.title)).toBe('executed');
    expect(state(rejected.title)).toBe('fundedAfterRejection');
  });
});
