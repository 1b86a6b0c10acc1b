import type { ParsedInput } from '../../shared/api';
import { RegisterSchema, type followupChannels } from '../../shared/channels/followup';
import { reportKey, signedReport } from '../minutes/report-signing';
import { chainStatus } from '../platform/events';
import { getSetup } from '../workshop/workshop';
import { readArchived } from '../minutes/seal';
import { readMinutesFile } from './service';
import { checkPlanAgainst, withFileNames } from '../plan/service';
import { addNote, carryProposal, importMinutes, recordPlan, setLink } from './followup';
import { getRegister, historyOf } from './followup-read';
import { registerPayload } from './followup-minutes';
import type { CoreApi as Core } from '../platform/core-api';
import type { HandlersFor } from '../platform/handler-kit';
import { write } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof followupChannels>;

async function compare(input: ParsedInput<'followup:checkPlan'>, core: Core) {
  const { db } = core.get(input.workshopId);
  const { payload, checked, fileName } = registerPayload(db, input.minutesId);
  const c = await checkPlanAgainst(payload, checked, Buffer.from(input.plan.base64, 'base64'), {
    sheet: input.sheet,
    mapping: input.mapping,
    decisions: input.decisions,
  });
  return withFileNames(c, fileName, input.plan.fileName);
}

export const followupHandlers: Handlers = {
  'followup:get': (input, core) => getRegister(core.get(input.workshopId).db),
  'followup:importMinutes': async (input, core) => {
    // Refuse early on a sealed workshop, before reading a large file.
    core.writable(input.workshopId);
    const read =
      'archived' in input.file
        ? await readMinutesFile(
            readArchived(core.dataDir, input.file.archived),
            input.file.archived,
          )
        : await readMinutesFile(Buffer.from(input.file.base64, 'base64'), input.file.fileName);
    return write(core, input.workshopId, (w) =>
      importMinutes(w.db, core.env, read.main, read.earlier),
    );
  },
  'followup:checkPlan': (input, core) => compare(input, core),
  'followup:recordPlan': async (input, core) => {
    const c = await compare(input, core);
    return write(core, input.workshopId, (w) => ({
      id: recordPlan(w.db, core.env, {
        minutesId: input.minutesId,
        fileName: input.plan.fileName,
        sha256: c.plan.sha256,
        fingerprint: c.plan.fingerprint,
        report: c.report,
      }),
    }));
  },
  'followup:addNote': (input, core) =>
    write(core, input.workshopId, (w) => ({ id: addNote(w.db, core.env, input.note) })),
  'followup:setLink': (input, core) =>
    write(core, input.workshopId, (w) => {
      setLink(w.db, core.env, input.a, input.b, input.linked);
      return { linked: input.linked };
    }),
  'followup:historyOf': (input, core) => historyOf(core.get(input.workshopId).db, input.proposalId),
  'followup:carry': (input, core) =>
    write(core, input.workshopId, (w) =>
      carryProposal(w.db, core.env, input.projectKey, input.sectorId),
    ),
  'followup:reportPdf': async (input, core) => {
    // Reading only: a sealed workshop prints its register too.
    const { db } = core.get(input.workshopId);
    const register = RegisterSchema.parse(getRegister(db));
    const setup = getSetup(db);
    const chain = chainStatus(db);
    const now = core.env.now();
    const key = reportKey(core.dataDir, now, input.passphrase);
    const { renderFollowupReport, followupReportFileName } = await import('./followup-report');
    const drawn = await renderFollowupReport(
      {
        register,
        workshop: {
          title: setup.title,
          municipality: setup.municipality,
          fiscalYear: setup.fiscalYear,
        },
        chain: { length: chain.length, fingerprint: chain.fingerprint },
        keyFingerprint: key?.keyFingerprint ?? null,
      },
      { lang: input.lang, bilingual: input.lang !== 'en', createdAt: now },
    );
    return signedReport(
      drawn,
      key,
      followupReportFileName(setup.municipality, setup.fiscalYear, register),
      {
        dataDir: core.dataDir,
        now,
        passphrase: input.passphrase,
        municipality: setup.municipality,
      },
    );
  },
};
