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
import { type HandlersFor, write, writeInOne } from '../platform/handler-kit';
import type { Db } from '../platform/db';
import { MinkaError } from '../platform/errors';
import { kitVenue, refuseOtherVenueOnKit } from '../platform/kit-venue';
import { cached } from '../platform/statements';

type Handlers = HandlersFor<keyof typeof attendanceChannels>;

/** A kit's door records its own venue only (fac28: a kit's door recorded at the first venue). */
const OTHER_VENUE = 'attendance.error.otherVenueOnKit';
const refuseRecordOfOtherVenue = (db: Db, id: string) => {
  const venueId = cached(db, 'SELECT venue_id FROM attendance WHERE id = ?').pluck().get(id) as
    string | undefined;
  if (venueId !== undefined) refuseOtherVenueOnKit(db, venueId, OTHER_VENUE);
};

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
    writeInOne(core, input.workshopId, (w) => {
      refuseOtherVenueOnKit(w.db, input.venueId, OTHER_VENUE);
      return checkIn(w.db, core.env, input);
    }),
  'attendance:walkIn': (input, core) =>
    writeInOne(core, input.workshopId, (w) => {
      refuseOtherVenueOnKit(w.db, input.venueId, OTHER_VENUE);
      // Only the main workshop accredits (adv29): a kit's door registers pending, voice only.
      const kit = kitVenue(w.db);
      const { accreditation, voice } = input.participant;
      if (kit && (accreditation !== 'pending' || voice !== 'voiceOnly'))
        throw new MinkaError('CONFLICT', 'attendance.error.walkInOnKit', { venue: kit.name });
      const record = walkIn(w.db, core.env, input.participant, input);
      return { ...record, participant: getParticipant(w.db, record.participantId) };
    }),
  'attendance:checkOut': (input, core) =>
    writeInOne(core, input.workshopId, (w) => {
      refuseRecordOfOtherVenue(w.db, input.id);
      return checkOut(w.db, core.env, input.id);
    }),
  'attendance:undo': (input, core) =>
    writeInOne(core, input.workshopId, (w) => {
      refuseRecordOfOtherVenue(w.db, input.id);
      return undoCheckIn(w.db, core.env, input.id, input.reason);
    }),
  'attendance:sheetPdf': (input, core) =>
    attendanceSheetPdf(core, input.workshopId, input.venueId, input.blankRows, input.lang),
  'attendance:accreditedPdf': (input, core) => accreditedPdf(core, input.workshopId, input.lang),
};
