// Layout 8 (field test fac28): under MES the prioritised list names the steps the rule ran
// (add1's raise of every share, the greedy completion), or says that none did and why.
import { formatSoles } from '../../../shared/format';
import type { MinutesPayload } from '../../../shared/minutes/payload';
import { say, type Doc, type Voice } from '../../platform/pdf/document';
import { para } from './minutes-blocks';

/** Layout 8: the MES steps that ran (add1's raise, the completion), or that none did and why. */
export function ruleRanLine(
  doc: Doc,
  v: Voice,
  ran: NonNullable<NonNullable<MinutesPayload['prioritized']>['ruleRan']>,
): void {
  if (ran.steps.length === 0) {
    para(
      doc,
      say(v, v.lang, 'minutes.pdf.ruleRan.none', {
        why: ran.problem ? say(v, v.lang, ran.problem) : '',
      }),
      8.5,
    );
    return;
  }
  const steps = ran.steps.map((s) =>
    s === 'add1'
      ? say(v, v.lang, 'minutes.pdf.ruleRan.add1', {
          raise: formatSoles(ran.add1RaiseCents ?? 0),
        })
      : say(v, v.lang, `minutes.pdf.ruleRan.${s}`),
  );
  para(doc, say(v, v.lang, 'minutes.pdf.ruleRan.steps', { steps: steps.join('; ') }), 8.5);
}
