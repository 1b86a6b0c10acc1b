import type { minutesChannels } from '../../shared/channels/minutes';
import { createKey, keyInfo } from '../platform/crypto/keys';
import { MAX_PDF_BYTES } from './pdf-read';
import { addAddendum, findArchived, listArchive, readArchived, sealWorkshop } from './seal';
import { listTrusted, trustKey, withKeyAndExpectations } from './trust';
import { verifyMinutesPdf } from './verify';
import { chainStatus } from '../platform/events';
import {
  addendumInfo,
  getClosingRemarks,
  getSealed,
  listAddenda,
  listAgreements,
  listCommittee,
  removeAgreement,
  removeMember,
  saveAgreement,
  saveClosingRemarks,
  saveMember,
  sealInfo,
} from './minutes';
import { MinkaError } from '../platform/classify-error';
import { sealWarnings } from './seal-warnings';
import { type HandlersFor, write } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof minutesChannels>;

export const minutesHandlers: Handlers = {
  'minutes:get': (input, core) => {
    const { db } = core.get(input.workshopId);
    const sealed = getSealed(db);
    return {
      agreements: listAgreements(db),
      committee: listCommittee(db),
      closingRemarks: getClosingRemarks(db),
      sealed: sealed ? sealInfo(sealed) : null,
      addenda: listAddenda(db).map(addendumInfo),
      key: keyInfo(core.dataDir),
      sealWarnings: sealed ? [] : sealWarnings(db),
    };
  },
  'minutes:saveAgreement': (input, core) =>
    write(core, input.workshopId, (w) => saveAgreement(w.db, core.env, input.agreement)),
  'minutes:removeAgreement': (input, core) =>
    write(core, input.workshopId, (w) => {
      removeAgreement(w.db, core.env, input.id);
      return { removed: true };
    }),
  'minutes:saveMember': (input, core) =>
    write(core, input.workshopId, (w) => saveMember(w.db, core.env, input.member)),
  'minutes:removeMember': (input, core) =>
    write(core, input.workshopId, (w) => {
      removeMember(w.db, core.env, input.id);
      return { removed: true };
    }),
  'minutes:saveClosing': (input, core) =>
    write(core, input.workshopId, (w) => saveClosingRemarks(w.db, core.env, input.text)),
  'minutes:key': (_input, core) => keyInfo(core.dataDir),
  'minutes:createKey': (input, core) =>
    createKey(core.dataDir, core.env.now(), input.passphrase || null),
  'minutes:seal': async (input, core) => {
    const w = core.writable(input.workshopId);
    const { info, pdf } = await sealWorkshop(
      w.db,
      core.dataDir,
      core.env.now(),
      {
        lang: input.lang,
        bilingual: input.bilingual,
        slips: input.slips,
        passphrase: input.passphrase || null,
        holder: input.facilitator ?? '',
        acknowledged: input.acknowledged ?? [],
        ...(input.p12
          ? {
              pades: {
                p12: Buffer.from(input.p12.base64, 'base64'),
                passphrase: input.p12.passphrase,
              },
            }
          : {}),
      },
      // `minka check` first, answered by the core: check/ sits above minutes (seal.ts says why).
      (db) => core.checkRecord(db),
    );
    return {
      sealed: info,
      pdf: { fileName: info.fileName, base64: pdf.toString('base64') },
      chain: chainStatus(w.db),
    };
  },
  'minutes:pdf': (input, core) => {
    const sealed = getSealed(core.get(input.workshopId).db);
    if (!sealed) throw new MinkaError('CONFLICT', 'minutes.error.notSealed');
    return { fileName: sealed.fileName, base64: sealed.pdf.toString('base64') };
  },
  'minutes:addendum': async (input, core) => {
    const w = core.get(input.workshopId);
    const { info, pdf } = await addAddendum(
      w.db,
      core.dataDir,
      core.env.now(),
      input.text.normalize('NFC'),
      {
        lang: input.lang,
        bilingual: input.bilingual,
        slips: false,
        passphrase: input.passphrase || null,
      },
    );
    return {
      addendum: info,
      pdf: { fileName: info.fileName, base64: pdf.toString('base64') },
      chain: chainStatus(w.db),
    };
  },
  'minutes:addendumPdf': (input, core) => {
    const a = listAddenda(core.get(input.workshopId).db).find((x) => x.n === input.n);
    if (!a) throw new MinkaError('NOT_FOUND', 'minutes.error.noAddendum');
    return { fileName: a.fileName, base64: a.pdf.toString('base64') };
  },
  'minutes:verify': async (input, core) => {
    if (input.base64.length > Math.ceil((MAX_PDF_BYTES * 4) / 3) + 4)
      throw new MinkaError('INVALID_INPUT', 'minutes.check.tooLarge', {
        mb: Math.round(MAX_PDF_BYTES / 1048576),
      });
    return withKeyAndExpectations(
      await verifyMinutesPdf(Buffer.from(input.base64, 'base64')),
      core.dataDir,
      {
        key: input.expectKey,
        fingerprint: input.expectFingerprint,
      },
    );
  },
  'minutes:cosign': async (input, core) => {
    const { cosignPdf } = await import('./cosign');
    const { pdf, result } = await cosignPdf({
      pdf: Buffer.from(input.base64, 'base64'),
      p12: Buffer.from(input.p12.base64, 'base64'),
      passphrase: input.p12.passphrase,
      reason: input.reason,
      now: core.env.now(),
    });
    const base =
      input.fileName.replace(/\.pdf$/i, '').replace(/[^\p{L}\p{N}._-]+/gu, '-') || 'acta';
    return {
      pdf: { fileName: `${base}-firmada.pdf`, base64: pdf.toString('base64') },
      result: withKeyAndExpectations(result, core.dataDir, {}),
    };
  },
  'minutes:trustedKeys': (_input, core) => listTrusted(core.dataDir),
  'minutes:trustKey': (input, core) => trustKey(core.dataDir, input, core.env.now()),
  'minutes:archive': (input, core) =>
    input.fingerprint ? findArchived(core.dataDir, input.fingerprint) : listArchive(core.dataDir),
  'minutes:verifyArchived': async (input, core) => {
    const pdf = readArchived(core.dataDir, input.file);
    return {
      result: withKeyAndExpectations(await verifyMinutesPdf(pdf), core.dataDir, {
        key: input.expectKey,
        fingerprint: input.expectFingerprint,
      }),
      pdf: { fileName: input.file, base64: pdf.toString('base64') },
    };
  },
};
