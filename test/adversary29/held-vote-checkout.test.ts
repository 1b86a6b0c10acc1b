// Adversary adv29 (item 3): the Acta's attendee table (layout 8, build.ts heldVotes) decides
// "held a vote" in one pass over every check-in of the day, ignoring check-outs: each person keyed
// by their first attendance row (ordered by the clock), then voteHolders once. Dionisio and Rosa
// are both presidents (titulars) of Ccollpa. Dionisio checks in, then Rosa; Dionisio leaves; the
// round is opened and closed while Rosa holds Ccollpa's vote (its close lists her among those
// entitled to vote, as the door and the kiosk did); Dionisio comes back. The sealed Acta prints
// "Habilitados para votar: … Ccollpa: QISPE CCORI, Rosa" for the round, and in the attendee
// table Rosa with "Voz" (no vote) and Dionisio "Voz y voto": the Acta contradicts itself about
// who held the organisation's vote. No forging needed. A fix: a person held a vote if the rule
// gave it to them at any moment of the day (or at any close), as the table's heading says.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundDetail } from '../../electron/voting/round-reads';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { seal } from '../helpers/minutes-fixture';
import { ok, useHoldersWorkshop } from '../helpers/holders-workshop';

describe('an organisation’s vote stays with the first in the log, whatever the clock says', () => {
  const h = useHoldersWorkshop();
  const { env, checkIn, doorHolder, closeARound } = h;

  it("Rosa held Ccollpa's vote at the close while Dionisio was out; the attendee table says she had voice only (adv29)", async () => {
    await checkIn('Dionisio');
    await checkIn('Teófilo');
    await checkIn('Rosa');
    const ccollpa = h.byName.get('Rosa')!.organizationId!;
    const reg = await ok<{ attendance: { id: string; participantId: string }[] }>(
      h.core.dispatch('registry:get', { workshopId: h.w.id }),
    );
    const his = reg.attendance.find((a) => a.participantId === h.byName.get('Dionisio')!.id)!;
    await ok(h.core.dispatch('attendance:checkOut', { workshopId: h.w.id, id: his.id }));
    expect(await doorHolder(ccollpa)).toBe(h.byName.get('Rosa')!.id);
    const round = closeARound();
    expect(
      roundDetail(h.w.db, round).round.snapshot?.holders.map((h) => h.participantId),
    ).toContain(h.byName.get('Rosa')!.id);
    await checkIn('Dionisio');
    chooseOfficialRound(h.w.db, env, {
      roundId: round,
      confirmed: officialWarnings(h.w.db, round),
    });
    const pdf = await seal(h.w.db, h.dir, '2026-05-14T18:00:00Z');
    const f = join(h.dir, 'acta.pdf');
    writeFileSync(f, pdf);
    const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    const line = /Habilitados para votar: (.*?Ccollpa: [^;]+)/.exec(text)?.[1] ?? '';
    console.log('[adv29] round holders:', line);
    console.log(
      '[adv29] table:',
      /QISPE CCORI, Rosa \d+ Titular Mujer \S+( y voto)?/.exec(text)?.[0],
    );
    console.log(
      '[adv29] table:',
      /CHAMBI MAMANI, Dionisio \d+ Titular Varón \S+( y voto)?/.exec(text)?.[0],
    );
    expect(line).toContain('QISPE CCORI, Rosa');
    // The attendee table must not say that the person the round counted had no vote.
    expect(text).toMatch(/QISPE CCORI, Rosa \d+ Titular Mujer Voz y voto /);
  });
});
