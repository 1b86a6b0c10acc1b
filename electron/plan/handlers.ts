import type { Output, ParsedInput } from '../../shared/api';
import type { planChannels } from '../../shared/channels/plan';
import { MAX_PDF_BYTES } from '../minutes/pdf-read';
import { readArchived } from '../minutes/seal';
import { reportKey, signedReport } from '../minutes/report-signing';
import { verifyMinutesPdf } from '../minutes/verify';
import { checkPlan, withFileNames } from './service';
import type { CoreApi as Core } from '../platform/core-api';
import { MinkaError } from '../platform/classify-error';
import { fileSlug } from '../platform/slug';
import type { HandlersFor } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof planChannels>;

async function runCheck(
  input: ParsedInput<'plan:check'>,
  core: Core,
): Promise<Output<'plan:check'>> {
  let pdf: Buffer;
  let fileName: string;
  if ('archived' in input.minutes) {
    pdf = readArchived(core.dataDir, input.minutes.archived);
    fileName = input.minutes.archived;
  } else {
    if (input.minutes.base64.length > Math.ceil((MAX_PDF_BYTES * 4) / 3) + 4)
      throw new MinkaError('INVALID_INPUT', 'minutes.check.tooLarge', {
        mb: Math.round(MAX_PDF_BYTES / 1048576),
      });
    pdf = Buffer.from(input.minutes.base64, 'base64');
    fileName = input.minutes.fileName;
  }
  const verify = await verifyMinutesPdf(pdf);
  const c = await checkPlan(verify, Buffer.from(input.plan.base64, 'base64'), {
    sheet: input.sheet,
    mapping: input.mapping,
    decisions: input.decisions,
  });
  return withFileNames(c, fileName, input.plan.fileName);
}

export const planHandlers: Handlers = {
  'plan:check': (input, core) => runCheck(input, core),
  'plan:reportPdf': async (input, core) => {
    const check = await runCheck(input, core);
    const now = core.env.now();
    const key = reportKey(core.dataDir, now, input.passphrase);
    const { renderPlanReport } = await import('./plan-report');
    const drawn = await renderPlanReport(
      { check, keyFingerprint: key?.keyFingerprint ?? null },
      { lang: input.lang, bilingual: input.lang !== 'en', createdAt: now },
    );
    return signedReport(
      drawn,
      key,
      `comparacion-plan-${fileSlug(check.minutes.municipality, 40)}-${check.minutes.fiscalYear}-${check.plan.fingerprint}.pdf`,
      {
        dataDir: core.dataDir,
        now,
        passphrase: input.passphrase,
        municipality: check.minutes.municipality,
      },
    );
  },
};
