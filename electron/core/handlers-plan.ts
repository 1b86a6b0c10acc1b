import type { Output, ParsedInput } from '../../shared/api';
import type { planChannels } from '../../shared/channels/plan';
import { keyInfo, loadOrCreateKey } from '../minutes/keys';
import { MAX_PDF_BYTES } from '../minutes/pdf-read';
import { readArchived } from '../minutes/seal';
import { appendDocumentSignature } from '../minutes/sign';
import { verifyMinutesPdf } from '../minutes/verify';
import { checkPlan } from '../plan/service';
import type { Core } from './core';
import { MinkaError } from './errors';
import type { HandlersFor } from './handler-kit';

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
  return {
    ...c,
    minutes: { ...c.minutes, fileName },
    plan: { ...c.plan, fileName: input.plan.fileName },
  };
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);

export const planHandlers: Handlers = {
  'plan:check': (input, core) => runCheck(input, core),
  'plan:reportPdf': async (input, core) => {
    const check = await runCheck(input, core);
    const now = core.env.now();
    // Signed with the facilitator's key when this computer has one (never created just for a report).
    const info = keyInfo(core.dataDir);
    const key =
      info.exists && (!info.protected || input.passphrase)
        ? loadOrCreateKey(core.dataDir, now, input.passphrase)
        : null;
    const { renderPlanReport } = await import('../pdf/plan-report');
    const drawn = await renderPlanReport(
      { check, keyFingerprint: key?.keyFingerprint ?? null },
      { lang: input.lang, bilingual: input.lang !== 'en', createdAt: now },
    );
    const pdf = key ? appendDocumentSignature(drawn, key.privateKey, key.publicKeyB64) : drawn;
    const fileName = `comparacion-plan-${slug(check.minutes.municipality)}-${check.minutes.fiscalYear}-${check.plan.fingerprint}.pdf`;
    return {
      fileName,
      base64: pdf.toString('base64'),
      signed: key !== null,
      keyFingerprint: key?.keyFingerprint ?? null,
    };
  },
};
