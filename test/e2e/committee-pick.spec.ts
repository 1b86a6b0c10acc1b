// The Comité de Vigilancia picker offers participating agents only (present, accredited, civil
// society), not the whole registry (field test "fac", item 5).
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { freshDataDir, startHost } from './host';

const SHOTS = process.env.MINKA_SHOTS ?? 'test-results';

interface Reg {
  participants: {
    id: string;
    voice: string;
    accreditation: string;
    organizationId: string | null;
  }[];
  organizations: { id: string; type: string }[];
  attendance: { participantId: string; undoneAt: string | null }[];
}

test('committee picker: only participating agents, absent and unaccredited people left out', async ({
  page,
}) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  const data = freshDataDir();
  const host = await startHost(data.dir);
  try {
    await page.goto(host.url);
    await page.getByTestId('open-demo').click();
    await page.locator('[data-section=minutes]').click();
    const list = await host.api<{ workshopId: string; file: string }[]>('workshop:list', {});
    const id = list.find((w) => w.file.startsWith('demo'))?.workshopId ?? '';
    const reg = await host.api<Reg>('registry:get', { workshopId: id });
    const came = new Set(reg.attendance.filter((a) => !a.undoneAt).map((a) => a.participantId));
    const state = new Set(reg.organizations.filter((o) => o.type === 'stateBody').map((o) => o.id));
    const agents = reg.participants.filter(
      (p) =>
        came.has(p.id) &&
        p.voice === 'voiceAndVote' &&
        p.accreditation === 'accredited' &&
        !state.has(p.organizationId ?? ''),
    );
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.length).toBeLessThan(reg.participants.length);
    const select = page.locator('select[name=member-participant]');
    // One option per agent, plus "type the name".
    await expect(select.locator('option')).toHaveCount(agents.length + 1);
    const values = await select
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    expect(values.sort()).toEqual(agents.map((a) => a.id).sort());
    await expect(page.getByText('Agente participante (presente y acreditado)')).toBeVisible();
    await page.getByTestId('committee').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/committee-es.png` });
    await page.getByRole('button', { name: 'Runasimi' }).first().click();
    await expect(page.getByText('Agente participante (kaypi kaq, acreditasqa)')).toBeVisible();
    await page.getByTestId('committee').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/committee-quz.png` });
  } finally {
    await host.stop();
    data.cleanup();
  }
});
