// Standard PDF signatures (PAdES baseline B-B) beside Minka's own Ed25519 signatures (issue 16).
// Minka's Ed25519 signatures prove the record (the payload) and the sealed bytes to Minka's
// verifier; a PAdES signature is what the municipality's office, the Comité de Vigilancia and
// the MEF's tools (Adobe Reader, pdfsig, ReFirma / Firma Perú) read. It is appended to the
// sealed file as an incremental update, so Minka's signed revision stays byte for byte what
// the payload draws, and officials co-sign the same way, one update each.
//
// Libraries, not hand-written formats: the placeholder and the /ByteRange are written by
// @signpdf (placeholder-plain, signpdf), the CMS SignedData is built and checked by pkijs over
// asn1js, a PKCS#12 is opened by node-forge, keys and digests are node:crypto's. The only ASN.1
// put together here is the ESS signing-certificate-v2 attribute (pkijs has no class for it),
// with asn1js's types.
import { createHash, sign as nodeSign, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as PdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { DigitalSignature } from '../../shared/minutes/verify-result';
import { MinkaError } from '../platform/errors';
import { commonName, isMinkaIssued, organizationOf, type PadesSigner } from './certificates';
import { decodeText, Name, PdfDoc, PStr, Ref, scanObjects, type Dict } from './pdf-objects';

export {
  CERT_FILE,
  facilitatorSigner,
  MINKA_OU,
  p12Signer,
  type PadesSigner,
} from './certificates';

/** Room for the CMS in /Contents (bytes): a certificate chain of four RSA-4096 certificates fits. */
const SIGNATURE_LENGTH = 16_384;

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
} as const;

let engineReady = false;
/** pkijs checks signatures with WebCrypto: node's own. */
function engine(): void {
  if (engineReady) return;
  pkijs.setEngine(
    'node',
    new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }),
  );
  engineReady = true;
}

// ---- CMS (CAdES B-B) ------------------------------------------------------------------------

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/**
 * A detached CMS SignedData over `data` (the PDF's byte range), CAdES baseline B-B: signed
 * attributes content-type, message-digest and signing-certificate-v2; no signing-time (PAdES
 * puts the time in the signature dictionary's /M).
 */
export function cadesDetached(data: Buffer, s: PadesSigner): Buffer {
  const certs = s.chain.map(
    (der) => new pkijs.Certificate({ schema: asn1js.fromBER(toArrayBuffer(der)).result }),
  );
  const signerCert = certs[0];
  if (!signerCert) throw new MinkaError('INVALID_INPUT', 'signatures.error.noCertificate');
  const digest = createHash('sha256').update(data).digest();
  const certHash = createHash('sha256')
    .update(s.chain[0] as Buffer)
    .digest();
  // ESSCertIDv2 with the default hash (SHA-256, so left out) and the issuer + serial.
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 4 },
            value: [signerCert.issuer.toSchema()],
          }),
        ],
      }),
      signerCert.serialNumber,
    ],
  });
  const signingCertificateV2 = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) }), issuerSerial],
          }),
        ],
      }),
    ],
  });
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: OID.data })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })],
      }),
      new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificateV2] }),
    ],
  });
  const isEc = s.privateKey.asymmetricKeyType === 'ec';
  if (!isEc && s.privateKey.asymmetricKeyType !== 'rsa')
    throw new MinkaError('INVALID_INPUT', 'signatures.error.keyType', {
      type: s.privateKey.asymmetricKeyType ?? '',
    });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({
      issuer: signerCert.issuer,
      serialNumber: signerCert.serialNumber,
    }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier(
      isEc
        ? { algorithmId: OID.ecdsaWithSHA256 }
        : { algorithmId: OID.sha256WithRSA, algorithmParams: new asn1js.Null() },
    ),
    signedAttrs,
  });
  // The signature covers the DER of the signed attributes as a SET (RFC 5652 §5.4).
  const attrsDer = Buffer.from(
    new asn1js.Set({ value: signedAttrs.attributes.map((a) => a.toSchema()) }).toBER(false),
  );
  const signature = nodeSign('sha256', attrsDer, s.privateKey);
  signerInfo.signature = new asn1js.OctetString({ valueHex: toArrayBuffer(signature) });
  const sd = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: certs,
    signerInfos: [signerInfo],
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) });
  return Buffer.from(ci.toSchema().toBER(false));
}

// ---- the signature in the PDF ---------------------------------------------------------------

export interface PadesOptions {
  reason: string;
  location: string;
  /** The signature's /M (the seal's time for Minka's own). */
  signingTime: Date;
}

class CmsSigner extends PdfSigner {
  constructor(private readonly s: PadesSigner) {
    super();
  }
  override sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Promise.resolve(cadesDetached(pdfBuffer, this.s));
  }
}

/** PDF text strings: UTF-16BE with a BOM when not plain ASCII (@signpdf writes String objects so). */
const pdfText = (s: string) => s.normalize('NFC').slice(0, 200);

/**
 * Append a PAdES signature as an incremental update. The file must end with %%EOF after a
 * classic cross-reference table (what pdfkit, @signpdf and Minka write; a file whose last
 * update uses a cross-reference stream is refused with a clear message).
 */
export async function addPadesSignature(
  pdf: Buffer,
  s: PadesSigner,
  o: PadesOptions,
): Promise<Buffer> {
  let withPlaceholder: Buffer;
  try {
    withPlaceholder = plainAddPlaceholder({
      pdfBuffer: pdf,
      reason: pdfText(o.reason),
      contactInfo: '',
      name: pdfText(s.subject),
      location: pdfText(o.location),
      signingTime: o.signingTime,
      signatureLength: SIGNATURE_LENGTH,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: 'Minka',
    });
  } catch {
    throw new MinkaError('INVALID_INPUT', 'signatures.error.cannotAppend');
  }
  keepsEarlierFields(pdf, withPlaceholder);
  // The byte range ends at the file's last byte ("%%EOF", no newline after it): a newline
  // added here would make every reader say the signature does not cover the whole file.
  return new SignPdf().sign(withPlaceholder, new CmsSigner(s));
}

/** The signature fields of the newest AcroForm, as object numbers (null: no form, or unreadable). */
function formFields(pdf: Buffer): number[] | null {
  try {
    const doc = new PdfDoc(scanObjects(pdf, Date.now() + 20_000));
    const form = doc.dict(doc.catalog()?.get('AcroForm'));
    const fields = doc.get(form?.get('Fields'));
    return Array.isArray(fields) ? fields.flatMap((f) => (f instanceof Ref ? [f.n] : [])) : [];
  } catch {
    return null;
  }
}

/**
 * @signpdf's plain placeholder finds the existing form by text ("/Type /AcroForm", an indirect
 * /AcroForm); a file from another program may hold its form otherwise, and the new form would
 * then drop earlier signature fields. Refuse rather than write such a file.
 */
function keepsEarlierFields(before: Buffer, after: Buffer): void {
  const old = formFields(before);
  const now = formFields(after);
  if (
    old === null ||
    now === null ||
    !old.every((n) => now.includes(n)) ||
    now.length !== old.length + 1
  )
    throw new MinkaError('INVALID_INPUT', 'signatures.error.cannotAppend');
}

// ---- reading and checking the signatures of a PDF ------------------------------------------

export interface FoundPades extends DigitalSignature {
  /** Where its revision ends: the signature covers [0, end) but its /Contents (a malformed one: just after its dictionary starts). */
  end: number;
}

/** PDF dates "D:YYYYMMDDHHmmSS+hh'mm'" (or Z) as ISO; '' when unreadable. */
export function pdfDate(s: string): string {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return '';
  const tz =
    !m[7] || m[7] === 'Z' ? 'Z' : `${m[7].slice(0, 3)}:${m[7].replace(/'/g, '').slice(3, 5)}`;
  const d = new Date(
    `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T${m[4] ?? '00'}:${m[5] ?? '00'}:${m[6] ?? '00'}${tz}`,
  );
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

async function checkCms(
  file: Buffer,
  range: number[],
  contents: Buffer,
): Promise<{
  valid: boolean;
  subject: string;
  organization: string;
  certSha256: string;
  minkaIssued: boolean;
  signingTimeAttr: boolean;
}> {
  const none = {
    valid: false,
    subject: '',
    organization: '',
    certSha256: '',
    minkaIssued: false,
    signingTimeAttr: false,
  };
  try {
    engine();
    // /Contents is padded with zeros after the DER: read exactly one BER element.
    const asn = asn1js.fromBER(toArrayBuffer(contents));
    if (asn.offset === -1) return none;
    // After the DER only the zeros of the placeholder may follow: nothing signs those bytes,
    // so anything else there is a change the signature cannot see.
    if (contents.subarray(asn.offset).some((b) => b !== 0)) return none;
    const ci = new pkijs.ContentInfo({ schema: asn.result });
    if (ci.contentType !== OID.signedData) return none;
    const sd = new pkijs.SignedData({ schema: ci.content });
    const [a, b, c, d] = range as [number, number, number, number];
    const data = Buffer.concat([file.subarray(a, a + b), file.subarray(c, c + d)]);
    const si = sd.signerInfos[0];
    const certs = (sd.certificates ?? []).filter(
      (x): x is pkijs.Certificate => x instanceof pkijs.Certificate,
    );
    const signerCert =
      certs.find(
        (x) =>
          si?.sid instanceof pkijs.IssuerAndSerialNumber &&
          x.serialNumber.isEqual(si.sid.serialNumber) &&
          x.issuer.isEqual(si.sid.issuer),
      ) ?? certs[0];
    const res = await sd.verify({
      signer: 0,
      data: toArrayBuffer(data),
      checkChain: false,
      extendedMode: true,
    });
    const der = signerCert ? Buffer.from(signerCert.toSchema().toBER(false)) : null;
    const x = der ? new X509Certificate(der) : null;
    return {
      valid: res.signatureVerified === true,
      subject: x ? commonName(x.subject).normalize('NFC').slice(0, 120) : '',
      organization: x ? organizationOf(x.subject) : '',
      certSha256: der ? createHash('sha256').update(der).digest('hex') : '',
      minkaIssued: x ? isMinkaIssued(x.subject) : false,
      signingTimeAttr: (si?.signedAttrs?.attributes ?? []).some((t) => t.type === OID.signingTime),
    };
  } catch {
    return none;
  }
}

/**
 * Every PDF signature in the file (a dictionary with /ByteRange and /Contents), in file order,
 * each checked: the byte range starts at 0 and leaves out exactly its own /Contents, and the
 * CMS signature holds over those bytes. `end` is where its revision ends; the newest covers the
 * whole file when nothing was added after it.
 */
export async function readPadesSignatures(file: Buffer, deadline: number): Promise<FoundPades[]> {
  let doc: PdfDoc;
  try {
    doc = new PdfDoc(scanObjects(file, deadline));
  } catch {
    return [];
  }
  const found: { n: number; at: number; d: Dict }[] = [];
  for (const [n, v] of doc.o.objects) {
    const d = doc.dict(v);
    if (d?.has('ByteRange') && d.has('Contents'))
      found.push({ n, at: doc.o.offsets.get(n) ?? 0, d });
  }
  found.sort((x, y) => x.at - y.at);
  const out: FoundPades[] = [];
  for (const { d, at } of found) {
    const br = doc.get(d.get('ByteRange'));
    const contents = doc.get(d.get('Contents'));
    const range = Array.isArray(br) && br.every((x) => typeof x === 'number') ? br : [];
    const [a, b, c, len] = range;
    const shape =
      range.length === 4 &&
      a === 0 &&
      b !== undefined &&
      c !== undefined &&
      len !== undefined &&
      b > 0 &&
      c > b &&
      len >= 0 &&
      c + len <= file.length &&
      file[b] === 0x3c /* < */ &&
      file[c - 1] === 0x3e; /* > */
    const hex = shape ? file.subarray(b + 1, c - 1).toString('latin1') : '';
    // One hex case throughout: the bytes of /Contents are not signed, so a letter changed
    // from "a" to "A" would be a change no signature sees.
    const cms =
      shape && (/^[0-9a-f]*$/.test(hex) || /^[0-9A-F]*$/.test(hex))
        ? Buffer.from(hex, 'hex')
        : null;
    const sameAsDict = contents instanceof PStr && cms !== null && cms.length > 0;
    const checked =
      sameAsDict && cms
        ? await checkCms(file, range, cms)
        : {
            valid: false,
            subject: '',
            organization: '',
            certSha256: '',
            minkaIssued: false,
            signingTimeAttr: false,
          };
    const m = doc.get(d.get('M'));
    const sub = doc.get(d.get('SubFilter'));
    const name = doc.get(d.get('Name'));
    const reason = doc.get(d.get('Reason'));
    out.push({
      subject: checked.subject || (name instanceof PStr ? decodeText(name.v).slice(0, 120) : ''),
      organization: checked.organization,
      signedAt: m instanceof PStr ? pdfDate(m.v) : '',
      reason: reason instanceof PStr ? decodeText(reason.v).normalize('NFC').slice(0, 200) : '',
      subFilter: sub instanceof Name ? sub.v : '',
      valid: checked.valid,
      coversWholeFile: shape && c !== undefined && len !== undefined && c + len === file.length,
      certSha256: checked.certSha256,
      certificate: checked.minkaIssued ? 'minkaIssued' : 'external',
      identity: 'notCheckedOffline',
      end: shape && c !== undefined && len !== undefined ? c + len : at + 1,
    });
  }
  return out;
}
