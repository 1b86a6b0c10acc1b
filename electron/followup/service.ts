// Reading an earlier year's sealed minutes for the follow-up register, from what a person
// has: the Acta PDF (both signatures and the redraw checked, as `minka verify` does) or the
// workshop file it was sealed in (the stored signature checked, and the file's own register
// brought along). Anything else is refused with a translated reason naming the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalize } from '../../shared/canonical';
import { SIGNATURE_ATTACHMENT, SignatureFile } from '../../shared/minutes/payload';
import { MinkaError } from '../platform/errors';
import { MAX_PDF_BYTES, readAttachments } from '../minutes/pdf-read';
import { verifyMinutesPdf } from '../minutes/verify';
import { openWorkshopReadOnly } from '../platform/db';
import { earlierRegister, type EarlierRegister } from './followup-read';
import type { SignedMinutesInput } from './followup-minutes';
import { getSealed } from '../minutes/minutes';

/** A workshop file brought in through the screen: 200 MB is far above a district's year. */
export const MAX_WORKSHOP_BYTES = 200 * 1024 * 1024;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface ReadMinutes {
  main: SignedMinutesInput;
  earlier: EarlierRegister | null;
}

async function fromPdf(bytes: Buffer, fileName: string): Promise<ReadMinutes> {
  const v = await verifyMinutesPdf(bytes);
  if (!v.ok || v.kind !== 'minutes' || !v.payload)
    throw new MinkaError(
      'INVALID_INPUT',
      v.kind === 'addendum' ? 'followup.error.addendum' : 'followup.error.pdfNotAuthentic',
      { file: fileName, verdict: v.verdict },
    );
  const files = readAttachments(bytes, Date.now() + 20_000);
  const sig = SignatureFile.parse(
    JSON.parse((files.get(SIGNATURE_ATTACHMENT) as Buffer).toString('utf8')),
  );
  return {
    main: { canonical: canonicalize(v.payload), signature: sig.signature, source: 'pdf', fileName },
    earlier: null,
  };
}

/** Read a sealed workshop file (by path): its signed minutes and its own register. */
export function fromWorkshopFile(file: string, fileName: string): ReadMinutes {
  let db;
  try {
    db = openWorkshopReadOnly(file);
  } catch (e) {
    if (e instanceof MinkaError)
      throw new MinkaError(e.code, e.key, { ...e.params, file: fileName });
    throw e;
  }
  try {
    const sealed = getSealed(db);
    if (!sealed)
      throw new MinkaError('INVALID_INPUT', 'followup.error.notSealed', { file: fileName });
    return {
      main: {
        canonical: sealed.payload,
        signature: sealed.signature,
        source: 'workshop',
        fileName,
      },
      earlier: earlierRegister(db),
    };
  } finally {
    db.close();
  }
}

/** The minutes in a file's bytes, PDF or workshop file. */
export async function readMinutesFile(bytes: Buffer, fileName: string): Promise<ReadMinutes> {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    if (bytes.length > MAX_PDF_BYTES)
      throw new MinkaError('INVALID_INPUT', 'minutes.check.tooLarge', {
        mb: Math.round(MAX_PDF_BYTES / 1048576),
      });
    return fromPdf(bytes, fileName);
  }
  if (bytes.length >= 16 && bytes.subarray(0, 16).equals(SQLITE_MAGIC)) {
    if (bytes.length > MAX_WORKSHOP_BYTES)
      throw new MinkaError('INVALID_INPUT', 'followup.error.tooLarge', {
        file: fileName,
        mb: MAX_WORKSHOP_BYTES / 1048576,
      });
    const dir = mkdtempSync(join(tmpdir(), 'minka-followup-'));
    try {
      const file = join(dir, 'earlier.minka');
      writeFileSync(file, bytes);
      return fromWorkshopFile(file, fileName);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  throw new MinkaError('INVALID_INPUT', 'followup.error.unknownFile', { file: fileName });
}
