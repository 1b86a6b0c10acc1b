// Certificates for the standard PDF signature (issue 16): the facilitator's X.509 certificate
// that Minka issues (RSA-2048, bound to the Ed25519 key) and a PKCS#12 that the municipality
// provides. node-forge writes the certificate and opens .p12 files (legacy 3DES/RC2 and PBES2);
// node:crypto makes and checks the keys.
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  X509Certificate,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type Forge from 'node-forge';
import { MinkaError } from '../platform/errors';
import { writeFileAtomic } from '../platform/atomic';
import type { SigningKey } from '../platform/crypto/keys';

/**
 * node-forge, loaded when a certificate is made or a PKCS#12 opened, not with every seal (with
 * the certificate already issued, a seal signs with node:crypto only; loading forge took about
 * a twentieth of a fresh `minka seal`). Synchronous: the callers are.
 */
let forgeModule: typeof Forge | null = null;
function loadForge(): typeof Forge {
  if (!forgeModule) {
    const from = typeof __filename === 'string' ? __filename : import.meta.url;
    forgeModule = createRequire(from)('node-forge') as typeof Forge;
  }
  return forgeModule;
}

export const CERT_FILE = 'facilitator-certificate.json';
/** The OU that marks a certificate Minka issued for a facilitator, followed by the key's fingerprint. */
export const MINKA_OU = 'Minka Ed25519';
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
  const forge = loadForge();
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
  cert.setSubject(utf8 as unknown as Forge.pki.CertificateField[]);
  cert.setIssuer(utf8 as unknown as Forge.pki.CertificateField[]);
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
  const forge = loadForge();
  let parsed: Forge.pkcs12.Pkcs12Pfx;
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
