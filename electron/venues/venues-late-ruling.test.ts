// fac26 field test: a titular checked in at two venues; the venue's show-of-hands round
// closed there with them present; after the merge the conflict is settled for the other
// venue. The closed result must not change, but the Acta must say that a settlement after
// the close ruled that voter absent from that venue, with the quorum recomputed without them,
// and sealing must ask for an explicit confirmation naming the round.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import {
  backAtMain,
  handOver,
  type MainFixture,
  venueLaptop,
} from '../../test/helpers/venues-fixture';
import { eachMainWorkshop } from '../../test/helpers/venues-each';
import { checkIn } from '../attendance/attendance';
import { saveMember, getSealed } from '../minutes/minutes';
import { sealWorkshop } from '../minutes/seal';
import { requireSealWarnings, sealWarnings } from '../minutes/seal-warnings';
import { chooseOfficialRound, officialWarnings } from '../results/official';
import { roundResults } from '../results/results';
import { openRound } from '../voting/voting';
import { enterCount } from '../voting/hands';
import { closeRound } from '../voting/close-round';
import { checkRecord } from '../check/check';
import { getSetup, saveSetup } from '../workshop/workshop';
import { listConflicts, mergeVenue, settleConflict } from './venues-merge';
import { MinutesPayload } from '../../shared/minutes/payload';

let dir: string;
let m: MainFixture;
eachMainWorkshop(
  'minka-late-',
  (d, f) => {
    dir = d;
    m = f;
  },
  6,
);

it('a settlement after a venue round closed: the result stands, the Acta and the seal say so', async () => {
  saveSetup(m.db, m.env, { ...getSetup(m.db), quorum: { kind: 'minimum', count: 3 } });
  const [, va, vb] = m.venues;
  const a = await venueLaptop(m, 1, 'a');
  const b = await venueLaptop(m, 2, 'b');
  const at = (v: typeof a, venue: typeof va, pid: string) =>
    checkIn(v.db, v.env, {
      participantId: pid,
      venueId: venue!.id,
      day: venue!.date,
      signMethod: 'signature',
      witness: '',
    });
  const [ccollpa] = m.people[0]!;
  at(a, va, ccollpa);
  // At venue B: three titulars, one of them (Ccollpa's) also checked in at venue A.
  for (const pid of [ccollpa, m.people[1]![0], m.people[2]![0]]) at(b, vb, pid);
  openRound(b.db, b.env, m.rounds[2]!);
  m.proposals.forEach((item, i) =>
    enterCount(b.db, b.env, { roundId: m.rounds[2]!, itemId: item, operator: 'A', count: 3 - i }),
  );
  closeRound(b.db, b.env, m.rounds[2]!);
  backAtMain(m);
  for (const v of [a, b]) {
    const f = handOver(v);
    v.db.close();
    mergeVenue(m.db, m.env, f);
  }
  const before = JSON.stringify(roundResults(m.db, m.rounds[2]!));
  const conflict = listConflicts(m.db).find((c) => c.kind === 'checkIn');
  expect(conflict).toBeDefined();
  settleConflict(m.db, m.env, {
    id: conflict!.id,
    choice: a.kitId,
    note: 'Firmó primero en la otra sede',
  });
  // The closed result does not move.
  expect(JSON.stringify(roundResults(m.db, m.rounds[2]!))).toBe(before);
  saveMember(m.db, m.env, {
    name: 'Rosa Huamán',
    dni: '01234567',
    organization: 'Ayllu 1',
    role: 'coordinator',
    participantId: null,
  });
  // The seal asks for a confirmation naming the round.
  const warnings = sealWarnings(m.db);
  expect(warnings.map((w) => w.id)).toEqual([`lateRuling:${m.rounds[2]}`]);
  expect(warnings[0]?.params).toMatchObject({
    title: `Priorización ${vb!.name}`,
    count: 1,
    actual: 2,
    required: 3,
    met: 'notMet',
  });
  expect(() => requireSealWarnings(m.db, [])).toThrow('minutes.error.sealUnconfirmed');
  chooseOfficialRound(m.db, m.env, {
    roundId: m.rounds[2]!,
    confirmed: officialWarnings(m.db, m.rounds[2]!),
  });
  const { pdf } = await sealWorkshop(
    m.db,
    join(dir, 'main-data'),
    new Date('2026-05-16T22:00:00Z'),
    {
      lang: 'es',
      bilingual: false,
      slips: false,
      passphrase: null,
      // As the app passes them: the late settlement confirmed (naming the round).
      acknowledged: [`lateRuling:${m.rounds[2]}`],
    },
    checkRecord,
  );
  const payload = MinutesPayload.parse(JSON.parse(getSealed(m.db)?.payload ?? '{}'));
  expect(payload.lateRulings).toEqual([
    expect.objectContaining({
      roundId: m.rounds[2],
      venue: vb!.name,
      quorum: { required: 3, actual: 2, met: false },
      absent: [
        expect.objectContaining({ keptAt: va!.name, note: 'Firmó primero en la otra sede' }),
      ],
    }),
  ]);
  const f = join(dir, 'acta.pdf');
  writeFileSync(f, pdf);
  if (process.env['ACTAFIX_OUT']) writeFileSync(`${process.env['ACTAFIX_OUT']}.late.pdf`, pdf);
  const s = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
  expect(s).toContain('Resoluciones posteriores al cierre de una ronda');
  expect(s).toMatch(/resuelto el \d\d\/\d\d\/\d{4} [\d:]+, después del cierre, dio por ausente/);
  expect(s).toContain(`dio por ausente de ${vb!.name} a QUISPE MAMANI, Rosa 1 (`);
  expect(s).toContain(`se mantuvo su registro en ${va!.name}`);
  expect(s).toContain(
    `el quórum de «Priorización ${vb!.name}» no se cumple: personas presentes: 2; mínimo: 3`,
  );
});
