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
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign as nodeSign,
  webcrypto,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { SignPdf } from '@signpdf/signpdf';
import { Signer as PdfSigner, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import type { DigitalSignature } from '../../shared/minutes/verify-result';
import { MinkaError } from '../core/errors';
import { writeFileAtomic } from '../files/atomic';
import { decodeText, Name, PdfDoc, PStr, Ref, scanObjects, type Dict } from './pdf-objects';
import type { SigningKey } from './keys';

export const CERT_FILE = 'facilitator-certificate.json';
/** The OU that marks a certificate Minka issued for a facilitator, followed by the key's fingerprint. */
export const MINKA_OU = 'Minka Ed25519';
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

/** A key and its certificate chain (end entity first), ready to sign. */
export interface PadesSigner {
  privateKey: KeyObject;
  /** DER certificates, the signer's first. */
  chain: Buffer[];
  /** Who the certificate names (its subject's CN, else the whole subject). */
  subject: string;
  /** The subject's O (a municipality, an entity); '' when absent. */
  organization: string;
  /** SHA-256 (hex) of the signer's certificate. */
  certSha256: string;
  minkaIssued: boolean;
}

export function commonName(subject: string): string {
  return /(?:^|\n)CN=([^\n]+)/.exec(subject)?.[1] ?? subject.replace(/\n/g, ', ');
}

function signerFromChain(privateKey: KeyObject, chain: Buffer[]): PadesSigner {
  const first = chain[0];
  if (!first) throw new MinkaError('INVALID_INPUT', 'signatures.error.noCertificate');
  const cert = new X509Certificate(first);
  if (!cert.checkPrivateKey(privateKey))
    throw new MinkaError('INVALID_INPUT', 'signatures.error.keyMismatch');
  return {
    privateKey,
    chain,
    subject: commonName(cert.subject).normalize('NFC').slice(0, 120),
    organization: organizationOf(cert.subject),
    certSha256: createHash('sha256').update(first).digest('hex'),
    minkaIssued: isMinkaIssued(cert.subject),
  };
}

export function organizationOf(subject: string): string {
  return (/(?:^|\n)O=([^\n]+)/.exec(subject)?.[1] ?? '').normalize('NFC').slice(0, 120);
}

export function isMinkaIssued(subject: string): boolean {
  return new RegExp(`(?:^|\\n)OU=${MINKA_OU} `).test(subject);
}

// ---- the facilitator's certificate, issued by Minka ----------------------------------------

interface CertFile {
  format: 'minka-facilitator-certificate';
  version: 1;
  createdAt: string;
  keyFingerprint: string;
  holder: string;
  municipality: string;
  /** PEM of the self-signed RSA-2048 certificate. */
  certificate: string;
  /** PKCS#8 PEM, encrypted with the Ed25519 key's passphrase when that key is protected. */
  privateKey: string;
  protected: boolean;
}

/**
 * The facilitator's X.509 certificate for PAdES: RSA-2048 (what every PDF reader checks),
 * self-signed, created once per Ed25519 key, holder and municipality, and bound to them: the
 * subject holds the holder's name (CN), the municipality (O) and the Ed25519 key's fingerprint
 * (OU "Minka Ed25519 XXXX-…"). Its SHA-256 is signed in the Acta's payload, so Minka's
 * verifier knows the seal's PAdES signature was made with exactly this certificate.
 */
export function facilitatorSigner(
  dataDir: string,
  key: SigningKey,
  who: { holder: string; municipality: string },
  now: Date,
  passphrase: string | null,
): PadesSigner {
  const p = join(dataDir, 'keys', CERT_FILE);
  // A report names no holder: the certificate already issued for this key serves.
  const anyHolder = who.holder.trim() === '';
  const holder = who.holder.trim() || file0Holder(p) || 'Facilitador';
  const municipality = who.municipality.trim() || 'Minka';
  let file: CertFile | null = null;
  if (existsSync(p)) {
    try {
      file = JSON.parse(readFileSync(p, 'utf8')) as CertFile;
    } catch {
      file = null;
    }
  }
  if (
    !file ||
    file.format !== 'minka-facilitator-certificate' ||
    file.keyFingerprint !== key.keyFingerprint ||
    (!anyHolder && file.holder !== holder) ||
    file.municipality !== municipality
  ) {
    file = createCertificate(key, holder, municipality, now, passphrase);
    mkdirSync(join(dataDir, 'keys'), { recursive: true });
    writeFileAtomic(p, JSON.stringify(file, null, 2) + '\n');
  }
  let priv: KeyObject;
  try {
    priv = createPrivateKey(
      file.protected
        ? { key: file.privateKey, format: 'pem', passphrase: passphrase ?? '' }
        : { key: file.privateKey, format: 'pem' },
    );
  } catch {
    throw new MinkaError('INVALID_INPUT', 'minutes.error.wrongPassphrase', { file: CERT_FILE });
  }
  const der = new X509Certificate(file.certificate).raw;
  return signerFromChain(priv, [der]);
}

function file0Holder(p: string): string {
  try {
    return (JSON.parse(readFileSync(p, 'utf8')) as Partial<CertFile>).holder ?? '';
  } catch {
    return '';
  }
}

function createCertificate(
  key: SigningKey,
  holder: string,
  municipality: string,
  now: Date,
  passphrase: string | null,
): CertFile {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  );
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 24 * 3600_000);
  const attrs = [
    { name: 'commonName', value: holder },
    { name: 'organizationName', value: municipality },
    { shortName: 'OU', value: `${MINKA_OU} ${key.keyFingerprint}` },
    { name: 'countryName', value: 'PE' },
  ];
  // UTF8String (forge encodes the text itself): the default PrintableString would corrupt
  // accents, ʼ and dashes.
  const utf8 = attrs.map((a) => ({ ...a, valueTagClass: forge.asn1.Type.UTF8 }));
  cert.setSubject(utf8 as unknown as forge.pki.CertificateField[]);
  cert.setIssuer(utf8 as unknown as forge.pki.CertificateField[]);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  const fpriv = forge.pki.privateKeyFromPem(
    privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  );
  cert.sign(fpriv, forge.md.sha256.create());
  return {
    format: 'minka-facilitator-certificate',
    version: 1,
    createdAt: now.toISOString(),
    keyFingerprint: key.keyFingerprint,
    holder,
    municipality,
    certificate: forge.pki.certificateToPem(cert),
    privateKey: (passphrase
      ? privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase })
      : privateKey.export({ format: 'pem', type: 'pkcs8' })
    ).toString(),
    protected: passphrase !== null,
  };
}

// ---- a certificate the municipality provides (PKCS#12) --------------------------------------

const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
} as const;

/** Open a PKCS#12 (.p12 / .pfx) with its passphrase: the key and its certificate chain. */
export function p12Signer(p12: Buffer, passphrase: string): PadesSigner {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn, false, passphrase);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    // forge says "Invalid password" or fails to decrypt when the passphrase is wrong.
    if (/password|MAC|decrypt|PKCS#12 MAC/i.test(msg))
      throw new MinkaError('INVALID_INPUT', 'signatures.error.p12Passphrase');
    throw new MinkaError('INVALID_INPUT', 'signatures.error.p12Unreadable');
  }
  const bags = (oid: string) => parsed.getBags({ bagType: oid })[oid] ?? [];
  const keyBag = bags(BAG.shroudedKey)[0] ?? bags(BAG.key)[0];
  const certBags = bags(BAG.cert);
  if (!keyBag?.key) throw new MinkaError('INVALID_INPUT', 'signatures.error.p12Passphrase');
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key));
  const certs = certBags.flatMap((b) =>
    b.cert
      ? [Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(b.cert)).getBytes(), 'binary')]
      : [],
  );
  // The signer's certificate first: the one whose key is in the file.
  const ordered = [
    ...certs.filter((c) => new X509Certificate(c).checkPrivateKey(privateKey)),
    ...certs.filter((c) => !new X509Certificate(c).checkPrivateKey(privateKey)),
  ];
  return signerFromChain(privateKey, ordered);
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
