// The open-data variant of the export, drawn from the full export document by a pure
// function: what may be published without personal data (see shared/schemas/export-open.ts
// and the README's "Export" section). Anything not copied here on purpose stays out.
import { z } from 'zod';
import type { WorkshopExport } from '../schemas/export';
import { OPEN_EXPORT_FORMAT, OPEN_EXPORT_VERSION, type OpenExport } from '../schemas/export-open';
import { ItemTotal } from '../schemas/voting';
import { attendanceFigures } from './figures';

// The keys of the full export that are typed loosely there, read back with what is published.
const Proposal = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  description: z.string(),
  sectorId: z.string(),
  community: z.string(),
  organizationId: z.string().nullable(),
  estimatedCostCents: z.number().int(),
  beneficiaries: z.number().int(),
  // Exports written before the unit existed counted people.
  beneficiaryUnit: z.string().default('people'),
  cui: z.string(),
  cofinancingCents: z.number().int(),
  carriedFrom: z.string(),
  status: z.string(),
  reviews: z.array(
    z.object({
      decision: z.string(),
      reason: z.string().nullable(),
      alsoReasons: z.array(z.string()).default([]),
      explanation: z.string(),
      decidedAt: z.string(),
    }),
  ),
});
const Round = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.string(),
  ballotType: z.string().nullable(),
  state: z.string(),
  venueId: z.string(),
  day: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  snapshot: z.object({ entitled: z.number().int(), presentIds: z.array(z.string()) }).nullable(),
  totals: z.object({ ballots: z.number().int().nullable(), items: z.array(ItemTotal) }).nullable(),
});
const Criterion = z.object({
  id: z.string(),
  name: z.string(),
  weight: z.number().int(),
  scaleMax: z.number().int(),
  scores: z.array(z.object({ proposalId: z.string(), score: z.number().int() })),
});
const Matter = z.object({ text: z.string(), raisedAt: z.string() });
const Agreement = z.object({
  position: z.number().int(),
  text: z.string(),
  responsible: z.string(),
  due: z.string(),
});
const Member = z.object({
  position: z.number().int(),
  role: z.string(),
  organization: z.string(),
  name: z.string(),
});
const Minutes = z.object({
  sealedAt: z.string(),
  payloadSha256: z.string(),
  fingerprint: z.string(),
  publicKey: z.string(),
  keyFingerprint: z.string(),
  signature: z.string(),
  pdfSha256: z.string(),
  fileName: z.string(),
  addenda: z.array(
    z.object({
      n: z.number().int(),
      createdAt: z.string(),
      text: z.string(),
      payloadSha256: z.string(),
      fingerprint: z.string(),
    }),
  ),
});

const REPRESENTATIVE_ROLES = new Set(['titular', 'suplente', 'delegate']);

export function openDataExport(doc: WorkshopExport): OpenExport {
  const isPublic = doc.workshop.representativesPublic;
  const invited = new Set(doc.invitations.map((i) => i.organizationId));
  const person = (p: { givenNames: string; surnames: string }) =>
    `${p.givenNames} ${p.surnames}`.trim();
  const minutes = doc.minutes === null ? null : Minutes.parse(doc.minutes);
  return {
    format: OPEN_EXPORT_FORMAT,
    version: OPEN_EXPORT_VERSION,
    exportedAt: doc.exportedAt,
    workshop: doc.workshop,
    venues: doc.venues,
    organizations: doc.organizations.map((o) => ({
      id: o.id,
      name: o.type === 'individual' ? '' : o.name,
      type: o.type,
      community: o.community,
      standingProof: o.standingProof,
      invited: invited.has(o.id),
      representatives:
        isPublic && o.type !== 'individual'
          ? doc.participants
              .filter((p) => p.organizationId === o.id && REPRESENTATIVE_ROLES.has(p.role))
              .map((p) => ({
                name: person(p),
                role: p.role,
                accredited: p.accreditation === 'accredited',
              }))
          : null,
    })),
    invitations: doc.invitations.map((i) => ({
      organizationId: i.organizationId,
      sentOn: i.sentOn,
      channel: i.channel,
      noticeDays: i.noticeDays,
      late: i.late,
    })),
    attendance: attendanceFigures(doc),
    proposals: doc.proposals.map((p) => {
      const x = Proposal.parse(p);
      return {
        ...x,
        reviews: x.reviews.map((r) => ({
          decision: r.decision,
          reason: r.reason,
          alsoReasons: r.alsoReasons,
          explanation: r.explanation,
          decidedAt: r.decidedAt,
        })),
      };
    }),
    rounds: doc.rounds.map((r) => {
      const { snapshot, totals, ...x } = Round.parse(r);
      return {
        ...x,
        entitled: snapshot?.entitled ?? null,
        present: snapshot?.presentIds.length ?? null,
        ballots: totals?.ballots ?? null,
        items: totals?.items ?? [],
      };
    }),
    criteria: doc.criteria.map((c) => {
      const x = Criterion.parse(c);
      return { ...x, scores: x.scores.map((s) => ({ proposalId: s.proposalId, score: s.score })) };
    }),
    votesWeight: doc.votesWeight,
    results: doc.results,
    mattersRaised: doc.mattersRaised.map((m) => Matter.parse(m)),
    agreements: doc.agreements.map((a) => Agreement.parse(a)),
    committee: doc.committee.map((m) => {
      const x = Member.parse(m);
      return {
        position: x.position,
        role: x.role,
        organization: x.organization,
        name: isPublic ? x.name : null,
      };
    }),
    minutes: minutes && {
      sealedAt: minutes.sealedAt,
      payloadSha256: minutes.payloadSha256,
      fingerprint: minutes.fingerprint,
      publicKey: minutes.publicKey,
      keyFingerprint: minutes.keyFingerprint,
      signature: minutes.signature,
      pdfSha256: minutes.pdfSha256,
      fileName: minutes.fileName,
      addenda: minutes.addenda.map((a) => ({
        n: a.n,
        createdAt: a.createdAt,
        text: a.text,
        payloadSha256: a.payloadSha256,
        fingerprint: a.fingerprint,
      })),
    },
    followupNotes: doc.followup.notes.map((n) => ({
      ref: n.ref,
      fiscalYear: n.fiscalYear,
      status: n.status,
      date: n.date,
      note: n.note,
    })),
    chain: doc.chain,
  };
}
