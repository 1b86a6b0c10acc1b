// Who signed the minutes, as the signed payload names them (split from payload.ts to keep
// each file readable; payload.ts re-exports it).
import { z } from 'zod';

/** Who signed: the raw 32-byte Ed25519 public key (base64) and its short fingerprint. */
export const Signer = z.object({
  publicKey: z.string().min(40).max(60),
  /** fingerprint(sha256(raw public key)): "XXXX-XXXX-XXXX-XXXX". */
  keyFingerprint: z.string(),
  /** The key card printed on the Acta: when the key was created and who holds it (layout 2+). */
  keyCreatedAt: z.string().optional(),
  holder: z.string().optional(),
  /**
   * The X.509 certificate of the standard PDF (PAdES) signature appended when sealing (layout
   * 4+): issued by Minka for the facilitator, or the municipality's PKCS#12. Signed here so the
   * verifier knows which PAdES signature is the seal's and the Acta can print who signed.
   */
  certificate: z
    .object({
      subject: z.string(),
      organization: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      source: z.enum(['minka', 'p12']),
    })
    .optional(),
});
export type Signer = z.infer<typeof Signer>;
