// adv29 MEDIUM 3 on the screens: the demo's central venue met on 14/05 (its check-ins); the
// facilitator saves its date as 28/05. The Setup screen says so beside the date before and after
// the save (which goes through); the convocation tab still counts the notice to 14/05 and names
// the venue; Record → Verify names it; the seal asks to confirm it, and once sealed Record →
// Verify lists what was confirmed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { App, shots, withHost } from './pages/app';

test('a venue date saved off its check-ins: named on Setup, Convocation, Record, and a seal warning', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await withHost(async (host) => {
    const app = new App(page, host);
    await app.openDemo();
    await app.section('setup');
    const date = page.locator('input[name=venue-date-0]');
    await expect(date).toHaveValue('14/05/2026');
    await expect(page.getByTestId('venue-date-met')).toHaveCount(0);
    await date.fill('28/05/2026');
    const met = page.getByTestId('venue-date-met');
    await expect(met).toHaveText(
      'Su primer registro de asistencia es del 14/05/2026, no del 28/05/2026. Esos registros quedan con el día con que se registraron: la puerta y las votaciones del 28/05/2026 no los contarán. La convocatoria se cuenta al 14/05/2026, el acta imprime la fecha guardada y el sellado pedirá confirmarlo.',
    );
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-status')).toContainText('Guardado');
    await expect(met).toBeVisible();
    await met.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await app.screenshot('venue-date-setup-es');

    await app.section('attendance');
    await page.locator('[data-tab=convocation]').click();
    // Counted to the day they met (the earliest saved date would now be Tinkiwasi's 15/05).
    await expect(page.locator('.convocation .lead')).toContainText(
      'El taller empieza el 14/05/2026.',
    );
    await expect(page.getByTestId('venue-date-moved')).toHaveText(
      '«Sede central» tiene fecha 28/05/2026, pero su primer registro de asistencia es del 14/05/2026: la anticipación se cuenta al 14/05/2026, el día en que se reunieron.',
    );
    await expect(page.locator('.convocation .stat-row')).toContainText('2 invitaciones tardías');
    await app.screenshot('venue-date-convocation-es');
    await app.language('quz');
    await expect(page.getByTestId('venue-date-moved')).toContainText('«Sede central» 28/05/2026');
    await app.screenshot('venue-date-convocation-quz');
    await app.language('es');

    await app.section('record');
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra');
    const moved = page.getByTestId('venue-dates-moved');
    await expect(moved).toContainText(
      'Sedes cuya fecha no es la de su primer registro de asistencia (1):',
    );
    await expect(moved).toContainText(
      '«Sede central»: fecha guardada 28/05/2026; primer registro de asistencia del 14/05/2026.',
    );
    await expect(moved).toContainText(
      '2 invitaciones enviadas con menos de 15 días de anticipación',
    );
    await app.screenshot('venue-date-record-es');

    await app.section('minutes');
    const warn = page.locator('input[name^="confirm-warning-venueDateMoved:"]');
    await expect(warn).toHaveCount(1);
    await expect(page.getByTestId('seal-warnings')).toContainText(
      'La sede «Sede central» tiene fecha 28/05/2026, pero su primer registro de asistencia es del 14/05/2026',
    );
    await page.locator('input[name="confirm-seal"]').check();
    for (const w of await page.locator('input[name^="confirm-warning-"]').all())
      if (!(await w.getAttribute('name'))?.startsWith('confirm-warning-venueDateMoved'))
        await w.check();
    await warn.scrollIntoViewIfNeeded();
    await app.screenshot('venue-date-seal-es');
    await expect(page.getByTestId('seal')).toBeDisabled();
    await warn.check();
    await expect(page.getByTestId('seal')).toBeEnabled();

    // Sealed, what was confirmed stays in the record: Record → Verify lists it (stop 32).
    const confirmedCount = await page.locator('input[name^="confirm-warning-"]').count();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('seal').click();
    const pdfPath = join(shots, 'venue-date-acta.pdf');
    await (await downloading).saveAs(pdfPath);
    await app.section('record');
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra');
    const kept = page.getByTestId('seal-confirmed');
    await expect(kept).toContainText(
      `Al sellar se confirmaron ${confirmedCount} advertencias, guardadas con el sello en el registro de eventos:`,
    );
    await expect(kept).toContainText(
      'La sede «Sede central» tiene fecha 28/05/2026, pero su primer registro de asistencia es del 14/05/2026',
    );
    await kept.scrollIntoViewIfNeeded();
    await app.screenshot('seal-confirmed-record-es');
    await app.language('quz');
    await expect(kept).toContainText(`Sellaspa ${confirmedCount} willakuy takyachisqa karqan`);
    await app.screenshot('seal-confirmed-record-quz');
    await app.language('es');

    // The PDF alone, on the Verify screen: the signed list, each by its kind and its venue/round.
    await page.locator('[data-section=verify]').click();
    await page.getByTestId('verify-file').setInputFiles(pdfPath);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'authentic');
    const signed = page.getByTestId('confirmed-at-seal');
    await expect(signed).toContainText(
      `Al sellar, quien selló confirmó estas ${confirmedCount} advertencias`,
    );
    await expect(signed).toContainText(
      'sede «Sede central»: fecha guardada distinta de la de su primer registro de asistencia',
    );
    await signed.scrollIntoViewIfNeeded();
    await app.screenshot('seal-confirmed-verify-es');
  });
});
