// Adversary adv29 (item 2/3): a registry edit after the official round's close moves the Acta's
// "who held the vote" marks, unnamed. The attendee table (layout 8, build.ts heldVotes) applies
// the holder rule to the registry *as at the seal*, while the round's "Habilitados para votar"
// comes from its close. Dionisio (first in the log) held Ccollpa's vote when the round closed;
// afterwards the facilitator saves Dionisio as 'suplente' (one ordinary registry save: no
// reopening, no seal warning — setupAfterClose covers the setup only). The sealed Acta marks
// Rosa "Voz y voto" and Dionisio "Suplente … Voz", and its total "Con voto" counts her, while the round
// lists Dionisio; `minka check` is green. A fix: the table's holders come from what the record
// had when the votes were held (the closes' holders, or the registry before the close), or a
// registry change after the close is a seal warning and a line in the Acta, as setup saves are.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecord } from '../../electron/check/check';
import { roundDetail } from '../../electron/voting/round-reads';
import { chooseOfficialRound, officialWarnings } from '../../electron/results/official';
import { seal } from '../helpers/minutes-fixture';
import { ok, useHoldersWorkshop } from '../helpers/holders-workshop';

describe('an organisation’s vote stays with the first in the log, whatever the clock says', () => {
  const h = useHoldersWorkshop();
  const { env, checkIn, closeARound } = h;

  it("Dionisio saved as suplente after the close: the Acta gives Ccollpa's vote to Rosa in its table (adv29)", async () => {
    await checkIn('Dionisio');
    await checkIn('Teófilo');
    await checkIn('Rosa');
    const round = closeARound();
    const dionisio = h.byName.get('Dionisio')!.id;
    expect(
      roundDetail(h.w.db, round).round.snapshot?.holders.map((h) => h.participantId),
    ).toContain(dionisio);
    // After the close: an ordinary registry save.
    const reg = await ok<{ participants: Record<string, unknown>[] }>(
      h.core.dispatch('registry:get', { workshopId: h.w.id }),
    );
    const d = reg.participants.find((p) => p['id'] === dionisio)!;
    await ok(
      h.core.dispatch('registry:saveParticipant', {
        workshopId: h.w.id,
        participant: { ...d, role: 'suplente' },
      }),
    );
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
    const line = /Habilitados para votar: .*?Ccollpa: (.{0,40})/.exec(text)?.[1] ?? '';
    const rosa = /QISPE CCORI, Rosa \d+ Titular Mujer Voz( y voto)?/.exec(text)?.[0];
    const dio = /CHAMBI MAMANI, Dionisio \d+ \S+ Varón Voz( y voto)?/.exec(text)?.[0];
    console.log('[adv29] round:', line, '| table:', rosa, '|', dio);
    const check = checkRecord(h.w.db);
    console.log('[adv29] check ok:', check.ok);
    expect(line).toContain('CHAMBI MAMANI, Dionisio');
    // The table must agree with the round: Dionisio held the vote, Rosa did not.
    expect(dio).toMatch(/Voz y voto$/);
    expect(rosa).toMatch(/Voz$/);
  });
});
