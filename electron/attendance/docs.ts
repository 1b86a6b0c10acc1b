// Printable attendance documents and the registry export, built from the store. The PDF
// and CSV writers load on first use: pdfkit costs start-up time nobody at the door needs.
import { t, type Lang } from '../../shared/i18n';
import { displayName, type Participant } from '../../shared/schemas/attendance';
import { chainStatus } from '../platform/events';
import { listOrganizations, listParticipants } from '../registry/registry';
import { getSetup } from '../workshop/workshop';
import { MinkaError } from '../platform/classify-error';
import { fileSlug } from '../platform/slug';
import type { CoreApi as Core } from '../platform/core-api';

const slug = (s: string) => fileSlug(s, 60);

const roleLabel = (lang: Lang, p: Participant) => t(lang, `attendance.role.${p.role}`);

export async function attendanceSheetPdf(
  core: Core,
  workshopId: string,
  venueId: string,
  blankRows: number,
  lang: Lang,
) {
  const { db } = core.get(workshopId);
  const setup = getSetup(db);
  const venue = setup.venues.find((v) => v.id === venueId);
  if (!venue) throw new MinkaError('NOT_FOUND', 'attendance.error.noVenue');
  const orgs = new Map(listOrganizations(db).map((o) => [o.id, o]));
  // Pre-filled with the accredited and pending people; rejected ones are left off.
  const rows = listParticipants(db)
    .filter((p) => p.accreditation !== 'rejected')
    .map((p) => ({
      name: displayName(p),
      dni: p.dni,
      organization: p.organizationId ? (orgs.get(p.organizationId)?.name ?? '') : '',
      role: roleLabel(lang, p),
    }));
  const { renderAttendanceSheet } = await import('./attendance-sheet');
  const pdf = await renderAttendanceSheet(
    {
      municipality: setup.municipality,
      title: setup.title,
      fiscalYear: setup.fiscalYear,
      venue: { name: venue.name, place: venue.place, date: venue.date },
      fingerprint: chainStatus(db).fingerprint,
      rows,
      blankRows,
    },
    { lang, bilingual: lang !== 'en', createdAt: core.env.now() },
  );
  return {
    fileName: `asistencia-${slug(venue.name)}-${venue.date}.pdf`,
    base64: pdf.toString('base64'),
  };
}

export async function accreditedPdf(core: Core, workshopId: string, lang: Lang) {
  const { db } = core.get(workshopId);
  const setup = getSetup(db);
  const participants = listParticipants(db).filter((p) => p.accreditation === 'accredited');
  const orgs = listOrganizations(db);
  const groups = orgs
    .map((o) => ({
      name: o.name,
      type: t(lang, `attendance.orgType.${o.type}`),
      community: o.community,
      participants: participants
        .filter((p) => p.organizationId === o.id)
        .map((p) => ({
          name: displayName(p),
          dni: p.dni,
          role: roleLabel(lang, p),
          voice: t(lang, `attendance.voice.${p.voice}`),
          sex: t(lang, `attendance.sexOne.${p.sex}`),
          language: t(lang, `attendance.language.${p.language}`),
        })),
    }))
    .filter((g) => g.participants.length > 0);
  const unaffiliated = participants.filter((p) => !p.organizationId);
  if (unaffiliated.length > 0)
    groups.push({
      name: t(lang, 'attendance.noOrganization'),
      type: t(lang, 'attendance.orgType.individual'),
      community: '',
      participants: unaffiliated.map((p) => ({
        name: displayName(p),
        dni: p.dni,
        role: roleLabel(lang, p),
        voice: t(lang, `attendance.voice.${p.voice}`),
        sex: t(lang, `attendance.sexOne.${p.sex}`),
        language: t(lang, `attendance.language.${p.language}`),
      })),
    });
  const { renderAccreditedList } = await import('./accredited-list');
  const pdf = await renderAccreditedList(
    {
      municipality: setup.municipality,
      title: setup.title,
      fiscalYear: setup.fiscalYear,
      fingerprint: chainStatus(db).fingerprint,
      organizations: groups,
      totals: {
        organizations: groups.length,
        participants: participants.length,
        women: participants.filter((p) => p.sex === 'F').length,
        men: participants.filter((p) => p.sex === 'M').length,
      },
    },
    { lang, bilingual: lang !== 'en', createdAt: core.env.now() },
  );
  return { fileName: `acreditados-${setup.fiscalYear}.pdf`, base64: pdf.toString('base64') };
}

export async function registryCsv(core: Core, workshopId: string) {
  const { registryToCsv } = await import('../../shared/csv/write');
  const { db } = core.get(workshopId);
  const setup = getSetup(db);
  return {
    fileName: `padron-${slug(setup.municipality)}-${setup.fiscalYear}.csv`,
    text: registryToCsv(listOrganizations(db), listParticipants(db), 'es'),
  };
}
