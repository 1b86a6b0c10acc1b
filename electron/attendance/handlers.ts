import type { attendanceChannels } from '../../shared/channels/attendance';
import {
  addInvitation,
  checkIn,
  checkOut,
  listAttendance,
  listInvitations,
  undoCheckIn,
  walkIn,
} from './attendance';
import { chainStatus } from '../platform/events';
import {
  getParticipant,
  importRegistry,
  listOrganizations,
  listParticipants,
  saveOrganization,
  saveParticipant,
  setAccreditation,
} from '../registry/registry';
import { removeInvitation } from './attendance';
import { accreditedPdf, attendanceSheetPdf, registryCsv } from './docs';
import { type HandlersFor, write } from '../platform/handler-kit';

type Handlers = HandlersFor<keyof typeof attendanceChannels>;

export const attendanceHandlers: Handlers = {
  'registry:get': (input, core) => {
    const { db } = core.get(input.workshopId);
    return db.transaction(() => ({
      organizations: listOrganizations(db),
      participants: listParticipants(db),
      invitations: listInvitations(db),
      attendance: listAttendance(db),
      chain: chainStatus(db),
    }))();
  },
  'registry:saveOrganization': (input, core) =>
    write(core, input.workshopId, (w) => saveOrganization(w.db, core.env, input.organization)),
  'registry:saveParticipant': (input, core) =>
    write(core, input.workshopId, (w) => saveParticipant(w.db, core.env, input.participant)),
  'registry:setAccreditation': (input, core) =>
    write(core, input.workshopId, (w) =>
      setAccreditation(w.db, core.env, input.participantIds, input.status),
    ),
  'registry:import': (input, core) =>
    write(core, input.workshopId, (w) =>
      importRegistry(
        w.db,
        core.env,
        { organizations: input.organizations, participants: input.participants },
        input.source,
        input.roleMapping ?? [],
      ),
    ),
  'registry:exportCsv': (input, core) => registryCsv(core, input.workshopId),
  'convocation:add': (input, core) =>
    write(core, input.workshopId, (w) => addInvitation(w.db, core.env, input.invitation)),
  'convocation:remove': (input, core) =>
    write(core, input.workshopId, (w) => {
      removeInvitation(w.db, core.env, input.id);
      return { removed: true };
    }),
  'attendance:checkIn': (input, core) =>
    write(core, input.workshopId, (w) => checkIn(w.db, core.env, input)),
  'attendance:walkIn': (input, core) =>
    write(core, input.workshopId, (w) => {
      const record = walkIn(w.db, core.env, input.participant, input);
      return { ...record, participant: getParticipant(w.db, record.participantId) };
    }),
  'attendance:checkOut': (input, core) =>
    write(core, input.workshopId, (w) => checkOut(w.db, core.env, input.id)),
  'attendance:undo': (input, core) =>
    write(core, input.workshopId, (w) => undoCheckIn(w.db, core.env, input.id, input.reason)),
  'attendance:sheetPdf': (input, core) =>
    attendanceSheetPdf(core, input.workshopId, input.venueId, input.blankRows, input.lang),
  'attendance:accreditedPdf': (input, core) => accreditedPdf(core, input.workshopId, input.lang),
};
