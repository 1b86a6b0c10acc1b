// `minka check` on a sealed workshop: the stored minutes must still verify, the chain must
// still pass through the head that was sealed, nothing but addenda may follow the seal,
// and the minutes rebuilt from today's tables must equal the signed payload — so a row
// edited with an SQLite tool after sealing (an amount, a name) is found and named.
import { canonicalize } from '../../shared/canonical';
import { fingerprint } from '../../shared/fingerprint';
import { buildMinutes } from '../../shared/minutes/build';
import { isLate } from '../../shared/attendance/convocation';
import type { StoredWorkshopSetup } from '../../shared/schemas/workshop';
import type { SealWarning } from '../../shared/schemas/minutes';
import { MINUTES_LAYOUT, MINUTES_TIME_ZONE, MinutesPayload } from '../../shared/minutes/payload';
import type { Db } from '../platform/db';
import { ADDENDUM_EVENT } from '../platform/events';
import { getSealed, hasMinutes, listAddenda } from './minutes';
import { publicKeyFromRaw } from '../platform/crypto/keys';
import { sha256Hex, verifyBytes } from '../platform/crypto/sign';
import { collectSnapshot } from './snapshot';
import { sealEventConfirmed } from './seal-confirmed';
import { getSetup } from '../workshop/workshop';

export interface SealProblem {
  key: string;
  params: Record<string, string | number>;
}

export interface SealCheck {
  sealed: boolean;
  ok: boolean;
  fingerprint?: string;
  problems: SealProblem[];
  /** The stored PDF's pages could not be drawn again on this computer (stored-pages.ts). */
  unchecked?: SealProblem;
  /** The seal warnings confirmed when sealing (seal-confirmed.ts); not findings. */
  confirmed?: SealWarning[];
}

export function checkSealed(db: Db): SealCheck {
  if (!hasMinutes(db)) return { sealed: false, ok: true, problems: [] };
  const sealed = getSealed(db);
  const sealedAt = db.prepare('SELECT sealed_at FROM workshop WHERE id = 1').pluck().get() as
    string | null;
  if (!sealed) {
    return sealedAt === null
      ? { sealed: false, ok: true, problems: [] }
      : {
          sealed: true,
          ok: false,
          problems: [{ key: 'minutes.checkDb.sealedWithoutMinutes', params: {} }],
        };
  }
  const problems: SealProblem[] = [];
  const p = (key: string, params: Record<string, string | number> = {}) =>
    problems.push({ key, params });
  if (sealedAt !== sealed.sealedAt) p('minutes.checkDb.sealedAtChanged');
  if (sha256Hex(sealed.payload) !== sealed.payloadSha256) p('minutes.checkDb.payloadHash');
  const pub = publicKeyFromRaw(sealed.publicKey);
  if (!pub || !verifyBytes(Buffer.from(sealed.payload, 'utf8'), sealed.signature, pub))
    p('minutes.checkDb.payloadSignature');
  if (sha256Hex(sealed.pdf) !== sealed.pdfSha256) p('minutes.checkDb.pdfHash');
  const raw = (() => {
    try {
      return JSON.parse(sealed.payload) as unknown;
    } catch {
      return null;
    }
  })();
  const parsed = MinutesPayload.safeParse(raw);
  if (!parsed.success) {
    p('minutes.checkDb.payloadUnreadable');
    return { sealed: true, ok: false, problems };
  }
  const payload = parsed.data;
  // The chain must still pass through the sealed head, then the seal event, then only addenda.
  const at = db
    .prepare('SELECT hash FROM event WHERE seq = ?')
    .pluck()
    .get(payload.chain.length) as string | undefined;
  if (payload.chain.length > 0 && at !== payload.chain.head)
    p('minutes.checkDb.chainHead', { seq: payload.chain.length });
  const after = db
    .prepare('SELECT seq, type, payload FROM event WHERE seq > ? ORDER BY seq')
    .all(payload.chain.length) as { seq: number; type: string; payload: string }[];
  const sealEvent = after[0];
  if (
    !sealEvent ||
    sealEvent.type !== 'minutes.sealed' ||
    !sealEvent.payload.includes(sealed.payloadSha256)
  )
    p('minutes.checkDb.sealEvent');
  for (const e of after.slice(1))
    if (e.type !== ADDENDUM_EVENT)
      p('minutes.checkDb.eventAfterSeal', { seq: e.seq, type: e.type.slice(0, 60) });
  if (after.length - 1 !== listAddenda(db).length) p('minutes.checkDb.addenda');
  // The zone every date is printed in is a signed render setting, taken from the workshop's
  // setup at the seal (which no event after the seal can change): another zone moves every
  // date of the Acta (adv29), so it is named.
  const workshopZone = getSetup(db).timeZone ?? MINUTES_TIME_ZONE;
  if (payload.render?.timeZone !== undefined && payload.render.timeZone !== workshopZone)
    p('minutes.checkDb.renderZone', { sealed: payload.render.timeZone, workshop: workshopZone });
  // Keys a newer build signed that this one does not know (stop 32: `sealWarningsConfirmed`
  // was one such key for the builds before it): named as unchecked, and carried over into the
  // rebuild so that they alone do not read as an edit.
  const unknown = Object.keys(raw as Record<string, unknown>).filter(
    (k) => !(k in MinutesPayload.shape),
  );
  if (unknown.length) p('minutes.checkDb.newerPayload', { fields: unknown.join(', ') });
  // Rebuild from the tables as they are now.
  try {
    const rebuilt = {
      ...rebuildAsSealed(db, payload),
      ...Object.fromEntries(unknown.map((k) => [k, (raw as Record<string, unknown>)[k]])),
    };
    if (canonicalize(rebuilt) !== sealed.payload) {
      const changed = Object.keys(payload).filter(
        (k) =>
          canonicalize((rebuilt as Record<string, unknown>)[k] ?? null) !==
          canonicalize((payload as Record<string, unknown>)[k] ?? null),
      );
      p('minutes.checkDb.edited', { sections: changed.join(', ') || '?' });
    }
    // An Acta of an older layout than this build's draws less of the record: what it leaves
    // out is named, so a file sealed at an older layout (by the key's holder, over changes that
    // layout does not print: adv28 F1) does not read "intact".
    for (const o of omittedByLayout(db, payload)) p(o.key, o.params);
  } catch (e) {
    p('minutes.checkDb.rebuildFailed', {
      message: e instanceof Error ? e.message.slice(0, 120) : String(e),
    });
  }
  return {
    sealed: true,
    ok: problems.length === 0,
    fingerprint: fingerprint(sealed.payloadSha256),
    problems,
  };
}

/**
 * The payload an Acta of `payload`'s layout would carry if sealed from the tables as they are
 * now: what a layout did not carry is left out, so an Acta sealed by an older build is compared
 * with what that build drew from, not reported as edited.
 */
export function rebuildAsSealed(db: Db, payload: MinutesPayload): MinutesPayload {
  const layout = payload.render?.layout ?? 0;
  const snapshot = { ...collectSnapshot(db, layout), chain: payload.chain };
  // The render settings are signed with the record but are not part of the tables.
  const rebuilt = {
    ...buildMinutes(snapshot, { sealedAt: payload.sealedAt, signer: payload.signer }),
    ...(payload.render ? { render: payload.render } : {}),
  };
  // The warnings confirmed at the seal are in the log (the seal's event), not in the tables:
  // a signed list that differs from the event's (either edited) reads as edited.
  const confirmed = sealEventConfirmed(db);
  if (confirmed !== undefined) rebuilt.sealWarningsConfirmed = confirmed;
  // Actas drawn before layout 6 did not carry what the official result was computed from.
  if (layout < 6) {
    delete rebuilt.basis;
    delete rebuilt.criteriaAtClose;
    delete rebuilt.lateRulings;
  }
  // Nor, before layout 7, the proposals changed after the close.
  if (layout < 7 && rebuilt.basis) delete rebuilt.basis.proposalChanges;
  // Nor the kits never merged back, nor the rulings that moved a closed round's counts.
  if (layout < 7) {
    delete rebuilt.unreturnedKits;
    for (const c of rebuilt.conflicts ?? []) delete c.reapplied;
  }
  // Nor, before layout 8, each venue laptop's role (door kit or voting desk).
  if (layout < 8) for (const d of rebuilt.devices ?? []) delete d.role;
  // Nor who held a vote, nor the MES steps that ran (fac28).
  if (layout < 8) {
    delete rebuilt.attendance.totals.voteHolders;
    for (const o of rebuilt.attendance.organizations) for (const x of o.people) delete x.heldVote;
    if (rebuilt.prioritized) delete rebuilt.prioritized.ruleRan;
  }
  // Nor the setup's other saves after the official round's close (adv28).
  if (layout < 8 && rebuilt.basis) delete rebuilt.basis.setupChanges;
  // Builds before adv29 counted the convocation's late invitations to the earliest saved venue
  // date, not to the day people first met: over a venue date saved off its check-ins, that
  // count is what such a build signed, not an edit (`minka check` names the venue's date).
  // Any layout: layout 8 was sealed by both builds. Only the exact older count is taken.
  const sealedLate = payload.convocation.late;
  if (
    rebuilt.convocation.late !== sealedLate &&
    sealedLate === lateToSavedDates(snapshot.setup, snapshot.invitations)
  )
    rebuilt.convocation = { ...rebuilt.convocation, late: sealedLate };
  return rebuilt;
}

/** The count builds before adv29 signed: late to the earliest saved venue date. */
function lateToSavedDates(
  setup: Pick<StoredWorkshopSetup, 'venues' | 'minNoticeDays'>,
  invitations: readonly { sentOn: string }[],
): number {
  const first = setup.venues.map((v) => v.date).sort()[0] ?? null;
  return invitations.filter((i) => isLate(i.sentOn, first, setup.minNoticeDays)).length;
}

/**
 * What this build's layout would print from the record as it is and the sealed Acta's older
 * layout does not (adv28 F1): each kind that holds something, with its count. A layout older
 * than the build that sealed it can only be a downgrade when such content exists: the key's
 * holder may seal as layout 6 over proposal changes that layout does not print, and the pages
 * redraw byte for byte. An Acta genuinely sealed by an older build over such content is named
 * too: the finding says what its pages leave out, not who sealed it.
 */
export function omittedByLayout(db: Db, payload: MinutesPayload): SealProblem[] {
  const layout = payload.render?.layout ?? 0;
  if (layout >= MINUTES_LAYOUT) return [];
  const now = buildMinutes(
    { ...collectSnapshot(db), chain: payload.chain },
    { sealedAt: payload.sealedAt, signer: payload.signer },
  );
  const out: SealProblem[] = [];
  const title = now.basis?.title ?? '';
  const o = (what: string, count: number) => {
    if (count > 0)
      out.push({
        key: `minutes.checkDb.omits.${what}`,
        params: { layout, current: MINUTES_LAYOUT, count, title },
      });
  };
  if (layout < 6) {
    o('basis', now.basis ? 1 : 0);
    o('lateRulings', now.lateRulings?.length ?? 0);
  }
  if (layout < 7) {
    o('proposalChanges', now.basis?.proposalChanges?.length ?? 0);
    o('unreturnedKits', now.unreturnedKits?.length ?? 0);
    o('reapplied', (now.conflicts ?? []).filter((c) => c.reapplied).length);
    // Before 7 the official list printed each CUI as at the seal, not as at the close.
    const sealedCui = new Map((payload.prioritized?.items ?? []).map((x) => [x.proposalId, x.cui]));
    o(
      'cuiAtClose',
      (now.prioritized?.items ?? []).filter(
        (x) => sealedCui.has(x.proposalId) && sealedCui.get(x.proposalId) !== x.cui,
      ).length,
    );
  }
  if (layout < 8) {
    o('setupChanges', now.basis?.setupChanges?.length ?? 0);
    o('cofinancing', now.proposals.filter((x) => x.cofinancingCents > 0).length);
    // Before 8 every member with voice and vote printed "Voz y voto" and the official list did
    // not name the MES steps beyond plain MES (adv29: a MES workshop sealed as 7 hid both).
    o(
      'voteHolders',
      now.attendance.organizations
        .flatMap((x) => x.people)
        .filter((x) => x.heldVote !== undefined && (x.voice === 'voiceAndVote') !== x.heldVote)
        .length,
    );
    o('ruleRan', (now.prioritized?.ruleRan?.steps ?? []).filter((x) => x !== 'mes').length);
    // (A rejected proposal's CUI, drawn in its table from 8, is in the proposals table before.)
  }
  return out;
}
