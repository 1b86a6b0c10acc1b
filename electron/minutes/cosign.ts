// An official's co-signature (issue 16): their PKCS#12 certificate signs the sealed Acta as a
// PAdES incremental update, after Minka's signatures and any earlier co-signature. Only an
// Acta that verifies is co-signed (an official must not lend a signature to a tampered file),
// and the result is verified again before it is handed back.
import type { VerifyResult } from '../../shared/minutes/verify-result';
import { MinkaError } from '../platform/errors';
import { addPadesSignature, p12Signer } from './pades';
import { verifyMinutesPdf } from './verify';

export interface CosignInput {
  pdf: Buffer;
  p12: Buffer;
  passphrase: string;
  reason: string;
  now: Date;
}

export async function cosignPdf(i: CosignInput): Promise<{ pdf: Buffer; result: VerifyResult }> {
  // The passphrase first: a wrong one is said at once, before the Acta is redrawn.
  const signer = p12Signer(i.p12, i.passphrase);
  const before = await verifyMinutesPdf(i.pdf);
  if (before.verdict !== 'authentic')
    throw new MinkaError('CONFLICT', 'signatures.error.notAuthentic', {
      verdict: before.verdict,
    });
  const pdf = await addPadesSignature(i.pdf, signer, {
    reason: i.reason.normalize('NFC').trim() || 'Conformidad con el acta',
    location: '',
    signingTime: i.now,
  });
  const result = await verifyMinutesPdf(pdf);
  if (result.verdict !== 'authentic')
    throw new MinkaError('INTERNAL', 'signatures.error.cosignBroke', { verdict: result.verdict });
  return { pdf, result };
}
