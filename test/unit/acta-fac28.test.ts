// Field test fac28, the Acta of layout 8 from a fresh workshop (one vote per organisation, MES,
// sealed in English): the attendee table says who held the vote (11 titulars), not every member
// with voice and vote (a suplente whose titular came held none); the prioritised list names the
// MES steps that ran (add1's raise, the completion); the seeded sector and criteria names print
// in English while a name the user typed stays as typed. `minka check` rebuilds a layout-7
// payload without what 8 added (acta-older-layouts.test.ts keeps 4-7 drawing byte for byte).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { checkRecord } from '../../electron/check/check';
import { getMatrix, saveMatrix } from '../../electron/criteria/criteria';
import { demoSetup } from '../../electron/demo/demo';
import { checkSealed, rebuildAsSealed } from '../../electron/minutes/check';
import { getSealed } from '../../electron/minutes/minutes';
import { sealWorkshop } from '../../electron/minutes/seal';
import { verifyMinutesPdf } from '../../electron/minutes/verify';
import { createWorkshopDb, type Db, openWorkshopDb } from '../../electron/platform/db';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { closeRound } from '../../electron/voting/close-round';
import { castKioskBallot } from '../../electron/voting/kiosk';
import { createRound, openRound } from '../../electron/voting/voting';
import { getSetup, initWorkshop, saveSetup } from '../../electron/workshop/workshop';
import { canonicalize } from '../../shared/canonical';
import { MinutesPayload } from '../../shared/minutes/payload';
import { fillVotingFixture } from '../helpers/voting-fixture';
import { fixedEnv, SEAL_OPTS, sealWarningIds } from '../helpers/minutes-fixture';
import { roundInput } from '../helpers/round-input';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'minka-acta-fac28-'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function sealedEnglish(): Promise<{ payload: MinutesPayload; text: string; pdf: Buffer }> {
  const e = fixedEnv();
  const file = join(dir, 'w.minka');
  createWorkshopDb(file, (d) =>
    initWorkshop(d, e, 'w-fac28', { ...demoSetup(), envelopeCents: 1_000_000_00 }),
  );
  db = openWorkshopDb(file);
  saveSetup(db, e, { ...getSetup(db), selectionRule: 'mes', sectorSplit: false });
  expect(getSetup(db).voteRule).toBe('perOrganization');
  const fx = db.transaction(() => fillVotingFixture(db, e, { orgs: 11 }))();
  // The user renames one seeded criterion: that name is theirs and prints as typed.
  const m = getMatrix(db);
  saveMatrix(db, e, {
    votesWeight: m.votesWeight,
    criteria: m.criteria.map((c) =>
      c.id === 'technical' ? { ...c, name: 'Evaluación técnica municipal' } : c,
    ),
  });
  const r = openRound(
    db,
    e,
    createRound(
      db,
      e,
      roundInput(fx, { title: 'Final', kind: 'ballot', ballotType: 'approval', maxChoices: 2 }),
    ).id,
  );
  // As in mes-ballots.test.ts: plain MES funds P-003; add1 adds P-002; the completion P-001.
  const ballots = [[2], [2], [3], [1], [1, 3], [2, 3], [1], [1, 2], [2], [3], [1]];
  fx.titulars.forEach((participantId, i) =>
    castKioskBallot(db, e, {
      roundId: r.id,
      participantId,
      ballot: { choices: (ballots[i] ?? []).map((k) => fx.proposals[k] ?? ''), points: null },
    }),
  );
  closeRound(db, e, r.id);
  chooseOfficialRound(db, e, { roundId: r.id, confirmed: officialWarnings(db, r.id) });
  const { pdf } = await sealWorkshop(
    db,
    dir,
    new Date('2026-05-14T20:00:00Z'),
    { ...SEAL_OPTS, lang: 'en', bilingual: false, acknowledged: sealWarningIds(db, 'en') },
    checkRecord,
  );
  writeFileSync(join(dir, 'acta.pdf'), pdf);
  if (process.env['MINKA_SHOTS'])
    writeFileSync(join(process.env['MINKA_SHOTS'], 'acta-fac28-en.pdf'), pdf);
  const text = execFileSync('pdftotext', [join(dir, 'acta.pdf'), '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');
  const payload = MinutesPayload.parse(JSON.parse(getSealed(db)?.payload ?? '{}'));
  return { payload, text, pdf };
}

it('layout 8 in English: who held the vote, the MES steps that ran, seeded names in English', async () => {
  const { payload, text, pdf } = await sealedEnglish();
  const a = payload.attendance;
  // 11 titulars, the suplente of the first organisation, a technical-team member.
  expect(a.totals).toMatchObject({ people: 13, voiceAndVote: 12, voteHolders: 11 });
  const people = a.organizations.flatMap((o) => o.people);
  expect(people.filter((x) => x.heldVote).every((x) => x.role === 'titular')).toBe(true);
  expect(people.find((x) => x.role === 'suplente')).toMatchObject({
    voice: 'voiceAndVote',
    heldVote: false,
  });
  expect(text).toContain('Held a vote');
  expect(text.match(/Voice and vote/g)?.length).toBe(11);
  expect(text).not.toContain('With voice and vote');

  expect(payload.prioritized?.ruleRan).toEqual({
    steps: ['mes', 'add1', 'completion'],
    add1RaiseCents: 9_091_00,
  });
  expect(text).toContain(
    "Steps of the rule that ran: equal shares of the envelope among the voters; as the envelope was not used up, each voter's share raised by S/ 9,091.00 (add1); completed with what still fitted, from most to fewest votes.",
  );

  expect(text).toContain('Agriculture and livestock');
  expect(text).not.toContain('Agricultura y ganadería');
  expect(text).toContain('Poverty gap');
  expect(text).toContain('Access to basic services');
  expect(text).toContain('Evaluación técnica municipal');

  expect((await verifyMinutesPdf(pdf)).verdict).toBe('authentic');
  expect(checkSealed(db)).toMatchObject({ ok: true, problems: [] });
  // An Acta of layout 7 did not carry what 8 added: rebuilt without it.
  const seven = rebuildAsSealed(db, { ...payload, render: { ...payload.render!, layout: 7 } });
  expect(seven.attendance.totals.voteHolders).toBeUndefined();
  expect(seven.attendance.organizations.flatMap((o) => o.people).some((x) => 'heldVote' in x)).toBe(
    false,
  );
  expect(seven.prioritized && 'ruleRan' in seven.prioritized).toBe(false);
  expect(canonicalize(rebuildAsSealed(db, payload))).toBe(getSealed(db)?.payload);
});
