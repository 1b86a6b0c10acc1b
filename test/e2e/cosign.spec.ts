// "Firmar también" on the Verify screen (issue 16), through the web host: an official opens the
// sealed Acta, chooses their certificate (.p12), types its passphrase and signs; the signed
// file is downloaded and checked again on screen — after two co-signatures every signature is
// listed with who and when, the seal's bound to the Acta's key, the officials' "identity not
// checked offline". A wrong passphrase is said in the person's language. Screenshots go to
// MINKA_SHOTS (or test-results).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { makeP12 } from '../helpers/pades';
import { App, withHost } from './pages/app';
import { VerifyPage } from './pages/verify';

test('Firmar también: two co-signatures through the Verify screen, each listed; pdfsig agrees', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await withHost(async (host, dir) => {
    const demo = await host.api<{ workshopId: string }>('workshop:openDemo', {});
    const sealed = await host.api<{ pdf: { base64: string } }>('minutes:seal', {
      workshopId: demo.workshopId,
      lang: 'es',
      bilingual: true,
      slips: false,
      passphrase: null,
      facilitator: 'Rosa Quispe Mamani',
      confirm: true,
    });
    await host.api('workshop:close', { workshopId: demo.workshopId });
    const acta = join(dir, 'acta-qollqepata.pdf');
    writeFileSync(acta, Buffer.from(sealed.pdf.base64, 'base64'));
    const juana = join(dir, 'juana.p12');
    writeFileSync(
      juana,
      makeP12('Juana Mamani Ccori', 'Comité de Vigilancia', 'clave de Juana').p12,
    );
    const pedro = join(dir, 'pedro.p12');
    writeFileSync(
      pedro,
      makeP12('Pedro Huamán Quispe', 'Gerencia de Planeamiento', 'clave de Pedro').p12,
    );

    const app = new App(page, host);
    await app.openVerify();
    const v = new VerifyPage(page);
    await v.check(acta, 'authentic');
    const list = v.signatures;
    await expect(list).toHaveCount(1);
    await expect(list.first()).toContainText('Rosa Quispe Mamani');
    await expect(list.first()).toContainText('certificado ligado a la clave que firmó el acta');

    // A wrong passphrase: said plainly, nothing downloaded, the list unchanged.
    await page.getByTestId('cosign-p12').setInputFiles(juana);
    await page.getByTestId('cosign-passphrase').fill('equivocada');
    await page.getByTestId('cosign-button').click();
    await expect(page.getByTestId('cosign-error')).toHaveText(
      'La contraseña del certificado (.p12) no es correcta.',
    );
    await expect(list).toHaveCount(1);

    const sign = async (p12: string, pass: string, reason: string) => {
      await page.getByTestId('cosign-p12').setInputFiles(p12);
      await page.getByTestId('cosign-passphrase').fill(pass);
      await page.getByTestId('cosign-reason').fill(reason);
      const download = page.waitForEvent('download');
      await page.getByTestId('cosign-button').click();
      const file = await download;
      const path = join(dir, `${Date.now()}-${file.suggestedFilename()}`);
      await file.saveAs(path);
      await expect(page.getByTestId('cosign-done')).toBeVisible();
      return path;
    };
    const first = await sign(juana, 'clave de Juana', 'Conformidad del Comité de Vigilancia');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'authentic');
    await expect(list).toHaveCount(2);
    const second = await sign(pedro, 'clave de Pedro', 'Visto bueno de Planeamiento');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-verdict', 'authentic');
    await expect(list).toHaveCount(3);
    await expect(list.nth(1)).toContainText('Juana Mamani Ccori');
    await expect(list.nth(2)).toContainText('Pedro Huamán Quispe');
    await expect(list.nth(2)).toContainText('firma válida, identidad no comprobada sin conexión');
    expect(second).toMatch(/acta-qollqepata-firmada-firmada\.pdf$/);
    void first;

    // The downloaded file, for a standard tool: three signatures, each valid.
    const out = execFileSync('pdfsig', [second], { encoding: 'latin1' });
    expect(out.match(/Signature is Valid\./g)).toHaveLength(3);
    expect(readFileSync(second).subarray(0, 5).toString()).toBe('%PDF-');

    for (const lang of ['es', 'quz'] as const) {
      await app.language(lang);
      await v.signaturesPanel.scrollIntoViewIfNeeded();
      await app.screenshot(`verify-cosigned-twice-${lang}`);
    }
  });
});

test('seal panel: the municipality certificate (.p12) is optional and named once chosen, in es and quz', async ({
  page,
}) => {
  await withHost(async (host, dir) => {
    const p12 = join(dir, 'municipalidad.p12');
    writeFileSync(p12, makeP12('Municipalidad Distrital de Qollqepata', 'MDQ', 'muni').p12);
    const app = new App(page, host);
    await app.openDemo();
    await app.section('minutes');
    const box = page.getByTestId('seal-p12');
    await expect(box).toContainText('Sin certificado, Minka emite uno para el facilitador');
    await page.getByTestId('seal-p12-file').setInputFiles(p12);
    await expect(box).toContainText('Certificado elegido: municipalidad.p12');
    await expect(box.locator('input[name="seal-p12-passphrase"]')).toBeVisible();
    // Each checkbox sits beside its words, on the same line (it sat above them).
    const checks = page.locator('.seal-options label.check');
    await expect(checks).toHaveCount(3);
    for (const label of await checks.all()) {
      const input = await label.locator('input[type=checkbox]').boundingBox();
      const whole = await label.boundingBox();
      expect(input && whole).toBeTruthy();
      if (!input || !whole) continue;
      expect(Math.abs(input.y + input.height / 2 - (whole.y + whole.height / 2))).toBeLessThan(4);
      expect(whole.width - input.width).toBeGreaterThan(100);
    }
    for (const lang of ['es', 'quz'] as const) {
      await app.language(lang);
      await box.scrollIntoViewIfNeeded();
      await app.screenshot(`seal-panel-p12-${lang}`);
    }
  });
});
