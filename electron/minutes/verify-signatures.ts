// The standard PDF signatures of a sealed file, as the verifier judges them (issue 16).
import type { SignedPayload } from '../../shared/minutes/payload';
import type { Check, DigitalSignature } from '../../shared/minutes/verify-result';

/**
 * The standard PDF signatures appended after Minka's (issue 16): each must hold over its byte
 * range, or the file is tampered (pdfsig says the same). The seal's own is recognised by the
 * certificate hash the signed payload names; no certificate chain is checked offline.
 */
export async function checkPdfSignatures(
  file: Buffer,
  signedLength: number,
  payload: SignedPayload,
  deadline: number,
): Promise<{ list: DigitalSignature[]; checks: Check[]; broken: boolean; sealSeen: boolean }> {
  // pkijs and its kin load only when a file has something after Minka's signature.
  if (file.length === signedLength && !payload.signer.certificate)
    return { list: [], checks: [], broken: false, sealSeen: false };
  const { readPadesSignatures } = await import('./pades');
  const found = (await readPadesSignatures(file, deadline)).filter((s) => s.end > signedLength);
  const sealCert = payload.signer.certificate?.sha256;
  let sealSeen = false;
  const list: DigitalSignature[] = found.map(({ end: _end, ...s }, i) => {
    const isSeal = i === 0 && sealCert !== undefined && s.certSha256 === sealCert;
    if (isSeal) sealSeen = true;
    return isSeal ? { ...s, certificate: 'minkaSeal', identity: 'boundToActa' } : s;
  });
  const bad = list.filter((s) => !s.valid);
  const checks: Check[] = [];
  if (list.length > 0 || sealCert)
    checks.push(
      bad.length > 0
        ? check(false, 'signatures.check.bad', {
            count: bad.length,
            subject: bad.map((s) => s.subject).join(', '),
          })
        : sealCert && !sealSeen
          ? check(false, 'signatures.check.sealMissing')
          : check(true, 'signatures.check.ok', { count: list.length }),
    );
  return {
    list,
    checks,
    broken: bad.length > 0 || (sealCert !== undefined && !sealSeen),
    sealSeen,
  };
}

const check = (ok: boolean, key: string, params: Record<string, string | number> = {}): Check => ({
  id: 'pdfSignatures',
  ok,
  key,
  params,
});
