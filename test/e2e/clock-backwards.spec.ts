// Finding F5: the facilitator set the laptop's clock back and a check-in was recorded three
// hours "earlier" (forged and re-chained, as the adversary would). The record screen's check
// names the step back; the seal asks to confirm it, and seals once it is ticked.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { forge } from '../helpers/forge-event';
import { App, shots, withHost } from './pages/app';

test('a check-in recorded with the clock set back: named on the record screen, a seal warning to confirm', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(shots, { recursive: true });
  await page.setViewportSize({ width: 1366, height: 768 });
  await withHost(async (host, dataDir) => {
    const demo = await host.api<{ workshopId: string }>('workshop:openDemo', {});
    await host.api('workshop:close', { workshopId: demo.workshopId });
    const file = join(dataDir, 'demo-qollqepata-2027.minka');
    const db = new Database(file, { readonly: true });
    const ev = db
      .prepare(
        "SELECT e.seq AS seq, e.at AS at, a.id AS id FROM event e JOIN attendance a ON a.id = json_extract(e.payload, '$.id') WHERE e.type = 'attendance.checkedIn' ORDER BY e.seq DESC LIMIT 1",
      )
      .get() as { seq: number; at: string; id: string };
    db.close();
    const back = new Date(Date.parse(ev.at) - 3 * 3600_000).toISOString();
    forge(file, (d) => {
      d.prepare('UPDATE event SET at = ? WHERE seq = ?').run(back, ev.seq);
      d.prepare('UPDATE attendance SET checked_in_at = ? WHERE id = ?').run(back, ev.id);
    });

    const app = new App(page, host);
    await app.openDemo();
    await app.section('record');
    await page.getByRole('button', { name: 'Verificar la cadena' }).click();
    await expect(page.getByTestId('chain-verdict')).toContainText('Cadena íntegra');
    const clock = page.getByTestId('clock-backwards');
    await expect(clock).toContainText('Relojes que retrocedieron en el registro (1)');
    await expect(clock).toContainText(
      `el evento n.º ${ev.seq} (Ingreso · attendance.checkedIn) quedó registrado el`,
    );
    await expect(clock).toContainText('2 h 59 min antes que el evento n.º');
    await app.screenshot('f5-record-clock-es');
    await app.language('quz');
    await expect(clock).toContainText('Registropi qhipaman kutiq relojkuna (1)');
    await app.screenshot('f5-record-clock-quz');
    await app.language('es');

    await app.section('minutes');
    const warn = page.locator('input[name="confirm-warning-clockBackwards"]');
    await expect(warn).toBeVisible();
    await expect(page.getByTestId('seal-warnings')).toContainText(
      `El reloj de una laptop retrocedió 1 vez en el registro (más de 2 minutos): la primera, el evento n.º ${ev.seq}`,
    );
    await page.locator('input[name="confirm-seal"]').check();
    for (const w of await page.locator('input[name^="confirm-warning-"]').all())
      if ((await w.getAttribute('name')) !== 'confirm-warning-clockBackwards') await w.check();
    await warn.scrollIntoViewIfNeeded();
    await app.screenshot('f5-seal-warning-es');
    await expect(page.getByTestId('seal')).toBeDisabled();
    await warn.check();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('seal').click();
    expect((await downloading).suggestedFilename()).toMatch(/^acta-.*\.pdf$/);
  });
});
