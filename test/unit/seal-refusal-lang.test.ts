// The seal's refusal of a file edited outside Minka names its first findings in the reader's
// language (stop 30's note: they were English lines in a Spanish screen). A fresh workshop from
// a municipal CSV; three check-ins; one attendance row's day edited with a SQLite tool. The
// app's error line (renderer/src/i18n.test.ts) and `minka seal` say the finding as `minka check` does,
// in es, quz and en.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../electron/check/check';
import { sealWorkshop } from '../../electron/minutes/seal';
import { t, type Lang } from '../../shared/i18n';
import { sayFindings } from '../../shared/check-findings';
import { runCli } from '../helpers/cli';
import { useHoldersWorkshop } from '../helpers/holders-workshop';
import { SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';

describe('a seal refused for findings says them in the reader’s language', () => {
  const h = useHoldersWorkshop();

  it('es, quz, en: the screen and minka seal', async () => {
    for (const name of ['Dionisio', 'Teófilo', 'Fortunato']) await h.checkIn(name);
    h.core.closeAll();
    const raw = new Database(h.file);
    raw
      .prepare(
        "UPDATE attendance SET day = '2026-05-13' WHERE id = (SELECT min(id) FROM attendance)",
      )
      .run();
    raw.close();
    h.w = h.core.openPath(h.file);
    const { db } = h.w;
    const err = await sealWorkshop(
      db,
      h.dir,
      new Date('2026-05-14T20:00:00Z'),
      { ...SEAL_OPTS, acknowledged: sealWarningIds(db) },
      checkRecord,
    ).then(
      () => null,
      (e: unknown) => e as { key: string; params: Record<string, string | number> },
    );
    expect(err?.key).toBe('minutes.error.inconsistent');
    const said: Record<Lang, string> = {
      es: 'day difiere del registro de eventos',
      quz: 'day columnaqa ruwasqakunap registronmanta hukniraqmi',
      en: 'day differs from the event log',
    };
    for (const lang of ['es', 'quz', 'en'] as const) {
      // What the app's error line says (renderer/src/i18n.tsx errorText; its own test).
      const line = t(
        lang,
        err!.key,
        sayFindings(err!.params, (k, p) => t(lang, k, p)),
      );
      expect(line).toContain(`attendance `);
      expect(line).toContain(said[lang]);
      if (lang !== 'en') expect(line).not.toContain('differs from');
    }
    h.core.closeAll();
    const cli = await runCli(
      ['seal', h.file, '--out', join(h.dir, 'a.pdf'), '--data', h.dir],
      'es',
    );
    expect(cli.code).not.toBe(0);
    expect(cli.err).toContain('No se puede sellar');
    expect(cli.err).toContain(said.es);
    expect(cli.err).not.toContain('differs from');
  });
});
