// Writes sample PDFs (attendance sheet, accredited list; Spanish+Quechua, Quechua, English)
// so anyone can look at the print layout: npx tsx test/pdf-samples.ts OUTDIR
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Lang } from '../shared/i18n';
import { renderAccreditedList } from '../electron/attendance/accredited-list';
import { renderAttendanceSheet } from '../electron/attendance/attendance-sheet';
import {
  SAMPLE_CREATED_AT,
  sampleAccreditedModel,
  sampleAttendanceModel,
} from '../electron/attendance/sample-models';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? 'pdf-samples');
  mkdirSync(out, { recursive: true });
  const variants: { lang: Lang; bilingual: boolean; suffix: string }[] = [
    { lang: 'es', bilingual: true, suffix: 'es-quz' },
    { lang: 'quz', bilingual: true, suffix: 'quz-es' },
    { lang: 'en', bilingual: false, suffix: 'en' },
  ];
  for (const { lang, bilingual, suffix } of variants) {
    const opts = { lang, bilingual, createdAt: SAMPLE_CREATED_AT };
    const files: [string, Buffer][] = [
      [`asistencia-${suffix}.pdf`, await renderAttendanceSheet(sampleAttendanceModel(), opts)],
      [`acreditados-${suffix}.pdf`, await renderAccreditedList(sampleAccreditedModel(), opts)],
    ];
    for (const [name, pdf] of files) {
      writeFileSync(join(out, name), pdf);
      console.log(`${join(out, name)} (${pdf.length} bytes)`);
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
