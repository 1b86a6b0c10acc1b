// The facilitator as adversary, with the laptop's real key: seal the workshop as sealWorkshop
// does, but with the payload an older layout carried (this build's `rebuildAsSealed` says what
// that is) and its render settings, or with the payload changed before it is signed. The pages
// are drawn from that payload and the file is signed whole, so `minka verify` finds it authentic:
// only the workshop file can tell what it leaves out (adv28 F1).
import { getSetup } from '../../electron/workshop/workshop';
import { getSealed } from '../../electron/minutes/minutes';
import { writeSeal } from '../../electron/minutes/seal-write';
import { signForPdf } from '../../electron/minutes/seal';
import { rebuildAsSealed } from '../../electron/minutes/check';
import { collectSnapshot } from '../../electron/minutes/snapshot';
import { currentRenderSettings, renderMinutes } from '../../electron/minutes/pdf/minutes';
import { loadOrCreateKey } from '../../electron/platform/crypto/keys';
import { appendDocumentSignature, sha256Hex } from '../../electron/platform/crypto/sign';
import type { Db } from '../../electron/platform/db';
import { buildMinutes } from '../../shared/minutes/build';
import { MINUTES_LAYOUT, MinutesPayload } from '../../shared/minutes/payload';

export interface ForgeOptions {
  /** The layout claimed in the signed render settings (default this build's). */
  layout?: number;
  /** Edit the payload before it is signed. */
  tamper?: (p: MinutesPayload) => void;
  /** Store the seal in the workshop (default true); false only draws and signs the file. */
  write?: boolean;
  /** Draw the pages from another payload than the one signed (given the signed one). */
  drawFrom?: (signed: MinutesPayload) => MinutesPayload;
}

/** Seal with the key in `dir` as `layout`, after `tamper` (if any) edits the payload; the PDF. */
export async function forgeSeal(db: Db, dir: string, o: ForgeOptions = {}): Promise<Buffer> {
  const layout = o.layout ?? MINUTES_LAYOUT;
  const key = loadOrCreateKey(dir, new Date('2026-05-14T20:00:00Z'), null);
  const snapshot = collectSnapshot(db);
  const sealedAt = '2026-05-14T20:00:00.000Z';
  const built = buildMinutes(snapshot, {
    sealedAt,
    signer: {
      publicKey: key.publicKeyB64,
      keyFingerprint: key.keyFingerprint,
      keyCreatedAt: key.createdAt,
      holder: '',
    },
  });
  const render = {
    ...currentRenderSettings({
      lang: 'es',
      bilingual: false,
      slips: false,
      timeZone: getSetup(db).timeZone,
    }),
    layout,
  };
  // What this build's check expects of a payload of that layout: the older layout's fields only.
  const payload = MinutesPayload.parse(rebuildAsSealed(db, { ...built, render }));
  o.tamper?.(payload);
  const { signed, signature } = signForPdf(payload, key);
  const drawn = await renderMinutes({
    payload: o.drawFrom ? o.drawFrom(payload) : payload,
    canonical: signed.canonical,
    signature,
    fingerprint: signed.fingerprint,
  });
  const pdf = appendDocumentSignature(drawn, key.privateKey, key.publicKeyB64);
  if (o.write === false) return pdf;
  writeSeal(
    db,
    {
      sealedAt,
      payload: signed.canonical,
      payloadSha256: signed.payloadSha256,
      signature: signed.signature,
      publicKey: key.publicKeyB64,
      keyFingerprint: key.keyFingerprint,
      render: JSON.stringify(payload.render),
      pdf,
      pdfSha256: sha256Hex(pdf),
      fileName: 'acta.pdf',
    },
    snapshot.chain.head,
  );
  if (!getSealed(db)) throw new Error('forgeSeal: not sealed');
  return pdf;
}
