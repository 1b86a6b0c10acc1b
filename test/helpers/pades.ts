// Test certificates and a second, independent way to co-sign a PDF (issue 16).
// makeP12: a PKCS#12 made here with node-forge (RSA key from node:crypto, self-signed).
// cosignWithOpenssl: an incremental update written by hand (signature dictionary, widget,
// AcroForm, page, catalog, classic xref with /Prev) and a CMS made by OpenSSL (`openssl cms`,
// adbe.pkcs7.detached with a signing-time attribute, as many tools do) — nothing of Minka's or
// @signpdf's code, so a test can show Minka reads signatures other programs made.
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface TestCert {
  p12: Buffer;
  certPem: string;
  keyPem: string;
}

export function makeP12(cn: string, org: string, passphrase: string): TestCert {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ format: 'pem', type: 'spki' }).toString(),
  );
  cert.serialNumber = '0a' + Math.floor(Math.random() * 1e12).toString(16);
  cert.validity.notBefore = new Date(Date.now() - 86400_000);
  cert.validity.notAfter = new Date(Date.now() + 365 * 86400_000);
  const attrs = [
    { name: 'commonName', value: cn },
    { name: 'organizationName', value: org },
    { name: 'countryName', value: 'PE' },
  ];
  // UTF8String (forge encodes it): the default PrintableString would corrupt accents and dashes.
  const utf8 = attrs.map((a) => ({
    ...a,
    valueTagClass: forge.asn1.Type.UTF8,
  })) as unknown as forge.pki.CertificateField[];
  cert.setSubject(utf8);
  cert.setIssuer(utf8);
  const fkey = forge.pki.privateKeyFromPem(keyPem);
  cert.sign(fkey, forge.md.sha256.create());
  const asn = forge.pkcs12.toPkcs12Asn1(fkey, [cert], passphrase, { algorithm: '3des' });
  return {
    p12: Buffer.from(forge.asn1.toDer(asn).getBytes(), 'binary'),
    certPem: forge.pki.certificateToPem(cert),
    keyPem,
  };
}

/** Append a signature by another path: hand-written incremental update + `openssl cms -sign`. */
export function cosignWithOpenssl(pdf: Buffer, cert: TestCert, name: string): Buffer {
  const s = pdf.toString('latin1');
  // The last startxref (a comment line such as Minka's signature may follow its %%EOF).
  const startxref = Number([...s.matchAll(/startxref\s+(\d+)\s+%%EOF/g)].at(-1)?.[1]);
  const trailer = s.slice(s.lastIndexOf('trailer'));
  const size = Number(/\/Size (\d+)/.exec(trailer)?.[1]);
  const rootRef = /\/Root (\d+) 0 R/.exec(trailer)?.[1];
  if (!startxref || !size || !rootRef) throw new Error('cannot read the trailer');
  // The newest catalog and its AcroForm's fields; the first page (the newest definition).
  const lastObj = (n: string | number) => {
    const re = new RegExp(`(?:^|\\n)${n} 0 obj\\s*([\\s\\S]*?)\\bendobj`, 'g');
    let m: RegExpExecArray | null;
    let body = '';
    while ((m = re.exec(s))) body = m[1] ?? '';
    return body;
  };
  const root = lastObj(rootRef).trim();
  const acro = /\/AcroForm (\d+) 0 R/.exec(root)?.[1];
  const fields = acro ? (/\/Fields \[([^\]]*)\]/.exec(lastObj(acro))?.[1] ?? '') : '';
  const pagesRef = /\/Pages (\d+) 0 R/.exec(root)?.[1] ?? '';
  const firstPage = /\/Kids \[\s*(\d+) 0 R/.exec(lastObj(pagesRef))?.[1] ?? '';
  const page = lastObj(firstPage).trim();
  const sigN = size;
  const widgetN = size + 1;
  const acroN = acro ?? String(size + 2);
  const newSize = size + (acro ? 2 : 3);
  const contentsLen = 8192;
  const placeholder = '0'.repeat(contentsLen * 2);
  const brPlaceholder = '/ByteRange [0 0000000000 0000000000 0000000000]';
  const now = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const objs: [string, string][] = [
    [
      String(sigN),
      `<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached ${brPlaceholder} /Contents <${placeholder}> /M (D:${now}Z) /Name (${name}) /Reason (Visto bueno) >>`,
    ],
    [
      String(widgetN),
      `<< /Type /Annot /Subtype /Widget /FT /Sig /Rect [0 0 0 0] /V ${sigN} 0 R /T (Otro${sigN}) /F 4 /P ${firstPage} 0 R >>`,
    ],
    [acroN, `<< /Type /AcroForm /Fields [${fields} ${widgetN} 0 R] /SigFlags 3 >>`],
    [
      firstPage,
      page.includes('/Annots')
        ? page.replace(/\/Annots \[([^\]]*)\]/, `/Annots [$1 ${widgetN} 0 R]`)
        : page.replace(/>>\s*$/, ` /Annots [${widgetN} 0 R] >>`),
    ],
  ];
  if (!acro) objs.push([rootRef, root.replace(/>>\s*$/, ` /AcroForm ${acroN} 0 R >>`)]);
  let body = pdf.at(-1) === 0x0a ? s : s + '\n';
  const offsets: [string, number][] = [];
  for (const [n, o] of objs) {
    offsets.push([n, body.length]);
    body += `${n} 0 obj\n${o}\nendobj\n`;
  }
  const xrefAt = body.length;
  body += 'xref\n0 1\n0000000000 65535 f \n';
  for (const [n, off] of offsets.sort((a, b) => Number(a[0]) - Number(b[0])))
    body += `${n} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${newSize} /Root ${rootRef} 0 R /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  // Fill the byte range, then the CMS over it.
  const contentsAt = body.indexOf(`/Contents <${placeholder}>`) + '/Contents '.length;
  const b = contentsAt;
  const c = contentsAt + placeholder.length + 2;
  const range = `/ByteRange [0 ${String(b).padStart(10, '0')} ${String(c).padStart(10, '0')} ${String(body.length - c).padStart(10, '0')}]`;
  body = body.replace(brPlaceholder, range);
  const buf = Buffer.from(body, 'latin1');
  const dir = mkdtempSync(join(tmpdir(), 'minka-openssl-'));
  try {
    writeFileSync(join(dir, 'data'), Buffer.concat([buf.subarray(0, b), buf.subarray(c)]));
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    execFileSync('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-md',
      'sha256',
      '-outform',
      'DER',
      '-in',
      join(dir, 'data'),
      '-signer',
      join(dir, 'cert.pem'),
      '-inkey',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'sig.der'),
    ]);
    const hex = readFileSync(join(dir, 'sig.der')).toString('hex');
    if (hex.length > placeholder.length) throw new Error('CMS too large');
    buf.write(hex, b + 1, 'latin1');
    return buf;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
