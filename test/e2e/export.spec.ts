import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { withHost } from './pages/app';

const shots = process.env['MINKA_SHOTS'];

type Doc = {
  format: string;
  participants?: {
    dni: string;
    givenNames: string;
    surnames: string;
    role: string;
    organizationId: string | null;
  }[];
  organizations: { representatives?: { name: string }[] | null }[];
};

test('export on screen: open data without personal data, representatives named once the setup says so; the full export for the archive', async ({
  page,
}) => {
  await withHost(async (host) => {
    await page.goto(host.url);
    await expect(page.locator('body[data-ready="1"]')).toBeAttached();
    await page.getByTestId('open-demo').click();
    await expect(page.getByRole('heading', { name: 'Configuración del taller' })).toBeVisible();

    const save = async (testId: string): Promise<Doc> => {
      const download = page.waitForEvent('download');
      await page.getByTestId(testId).click();
      const d = await download;
      await expect(page.getByTestId('export-message')).toContainText(d.suggestedFilename());
      return JSON.parse(readFileSync((await d.path()) ?? '', 'utf8')) as Doc;
    };

    await page.locator('[data-section=record]').click();
    await expect(page.getByRole('heading', { name: 'Exportar el taller' })).toBeVisible();
    const full = await save('export-full');
    expect(full.format).toBe('minka-workshop');
    const people = full.participants ?? [];
    expect(people.length).toBeGreaterThan(80);

    const open1 = await save('export-open');
    const text1 = JSON.stringify(open1);
    expect(open1.format).toBe('minka-workshop-open');
    expect(people.filter((p) => p.dni && text1.includes(p.dni))).toEqual([]);
    expect(people.filter((p) => text1.includes(`${p.givenNames} ${p.surnames}`))).toEqual([]);
    if (shots) {
      await page.getByTestId('export').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/export-record-es.png` });
    }

    // The setup option: representatives' names are public.
    await page.locator('[data-section=setup]').click();
    const option = page.locator('input[name=representativesPublic]');
    await expect(option).not.toBeChecked();
    await option.check();
    if (shots) {
      await option.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/export-setup-option-es.png` });
    }
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Guardado');

    await page.locator('[data-section=record]').click();
    const open2 = await save('export-open');
    const text2 = JSON.stringify(open2);
    const titular = people.find((p) => p.role === 'titular' && p.organizationId);
    expect(text2).toContain(`${titular?.givenNames} ${titular?.surnames}`);
    expect(people.filter((p) => p.dni && text2.includes(p.dni))).toEqual([]);
    const member = people.find(
      (p) => p.role === 'member' && !text2.includes(p.dni) && p.organizationId,
    );
    expect(text2).not.toContain(`${member?.givenNames} ${member?.surnames}`);

    if (shots) {
      await page.getByRole('button', { name: 'Runasimi' }).click();
      await page.getByTestId('export').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${shots}/export-record-quz.png` });
    }
  });
});
