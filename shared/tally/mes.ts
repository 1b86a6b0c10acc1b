// Method of Equal Shares, exact. Voters are weighted classes; a class's money is a
// "level" id into a table of exact values, because voters that paid for the same projects
// hold the same amount: charging a project then costs one subtraction per distinct
// level, not per voter, and evaluating a project sorts its distinct levels only.
import type { CompiledProfile } from './profile';
import { Rational } from './rational';
import type { Round, Skipped } from './explain';
import { notInMes, type Satisfaction } from './satisfaction';
import { type TieBreak, breakTie } from './tiebreak';
import { type FloatModel, floatModel, mesFloat } from './mes-float';

export interface MesOutcome {
  order: number[];
  spent: Rational;
  rounds: Round[];
}

/** The exact pass also reports what each class has left, so tests can audit the charges. */
export interface ExactMesOutcome extends MesOutcome {
  moneyLeft: Rational[];
}

interface Price {
  /** Price per unit of satisfaction: what MES minimises. */
  rho: Rational;
  /** Payment per unit of the supporter's own weight u (u = 1 unless points). */
  tau: Rational;
}

export function mesExact(
  prof: CompiledProfile,
  sat: Satisfaction,
  tieBreak: TieBreak,
  perVoter: Rational,
): ExactMesOutcome {
  const levels: Rational[] = [Rational.ZERO, perVoter];
  const classLevel = new Int32Array(prof.weight.length).fill(perVoter.isZero() ? 0 : 1);
  const nProj = prof.projects.length;
  const lowerBound: Rational[] = Array.from({ length: nProj }, () => Rational.ZERO);
  const unitOf = (points: number): number => (sat === 'points' ? points : 1);
  // For cost satisfaction a supporter's satisfaction is the cost itself, so rho = tau / cost.
  const scale = (p: number): Rational =>
    sat === 'cost' ? (prof.projects[p]?.cost ?? Rational.ONE) : Rational.ONE;

  const remaining: number[] = [];
  const firstSkips: Skipped[] = [];
  for (let p = 0; p < nProj; p++) {
    const why = notInMes(prof, sat, p);
    if (why) firstSkips.push({ project: prof.projects[p]?.id ?? '', reason: why });
    else remaining.push(p);
  }

  function price(p: number): Price | null {
    const cost = prof.projects[p]?.cost ?? Rational.ZERO;
    const cls = prof.supporters[p] as Int32Array;
    const pts = prof.supporterPoints[p] as Int32Array;
    const acc = new Map<number, number>();
    let stride = 1;
    if (sat === 'points') for (const x of pts) stride = Math.max(stride, x + 1);
    for (let k = 0; k < cls.length; k++) {
      const c = cls[k] as number;
      const lv = classLevel[c] as number;
      const u = unitOf(pts[k] as number);
      if (lv === 0 || u === 0) continue;
      const key = lv * stride + (sat === 'points' ? u : 0);
      acc.set(key, (acc.get(key) ?? 0) + (prof.weight[c] as number));
    }
    if (cost.isZero()) return acc.size > 0 ? { rho: Rational.ZERO, tau: Rational.ZERO } : null;
    const groups: Array<{ m: Rational; u: number; w: number; cap: Rational }> = [];
    let total = Rational.ZERO;
    let units = 0n;
    for (const [key, w] of acc) {
      const lv = Math.floor(key / stride);
      const u = sat === 'points' ? key % stride : 1;
      const m = levels[lv] as Rational;
      groups.push({ m, u, w, cap: u === 1 ? m : m.divInt(u) });
      total = total.add(m.mulInt(w));
      units += BigInt(w) * BigInt(u);
    }
    if (total.lt(cost)) return null;
    // Smallest tau with sum of min(m, tau*u) >= cost: walk up the supporters in order of
    // m/u; those below tau pay everything they have, the rest pay tau*u.
    groups.sort((a, b) => a.cap.cmp(b.cap));
    let paid = Rational.ZERO;
    for (const g of groups) {
      const tau = cost.sub(paid).divInt(units);
      if (tau.le(g.cap)) return { tau, rho: tau.div(scale(p)) };
      paid = paid.add(g.m.mulInt(g.w));
      units -= BigInt(g.w) * BigInt(g.u);
    }
    // Unreachable when total >= cost; kept as a guard against a logic slip.
    throw new Error('mes: price scan ran past its supporters');
  }

  function charge(p: number, tau: Rational): void {
    const cls = prof.supporters[p] as Int32Array;
    const pts = prof.supporterPoints[p] as Int32Array;
    const memo = new Map<number, number>();
    for (let k = 0; k < cls.length; k++) {
      const c = cls[k] as number;
      const lv = classLevel[c] as number;
      const u = unitOf(pts[k] as number);
      if (lv === 0 || u === 0) continue;
      const key = lv * 65536 + Math.min(u, 65535);
      let next = memo.get(key);
      if (next === undefined) {
        const m = levels[lv] as Rational;
        const pay = u === 1 ? tau : tau.mulInt(u);
        if (m.le(pay)) next = 0;
        else {
          next = levels.length;
          levels.push(m.sub(pay));
        }
        memo.set(key, next);
      }
      classLevel[c] = next;
    }
  }

  const order: number[] = [];
  let spent = Rational.ZERO;
  const rounds: Round[] = [];
  let skips = firstSkips;
  while (remaining.length > 0) {
    remaining.sort((a, b) => (lowerBound[a] as Rational).cmp(lowerBound[b] as Rational));
    let best: Rational | null = null;
    const evaluated: Array<{ p: number; price: Price }> = [];
    const dropped = new Set<number>();
    for (const p of remaining) {
      // Money only shrinks, so a project's rho never falls: an old rho above the best
      // rho found so far means that project cannot win (nor tie) this round.
      if (best && best.lt(lowerBound[p] as Rational)) break;
      const pr = price(p);
      if (!pr) {
        dropped.add(p);
        skips.push({ project: prof.projects[p]?.id ?? '', reason: 'unaffordable' });
        continue;
      }
      lowerBound[p] = pr.rho;
      evaluated.push({ p, price: pr });
      if (!best || pr.rho.lt(best)) best = pr.rho;
    }
    const keep = remaining.filter((p) => !dropped.has(p));
    remaining.length = 0;
    remaining.push(...keep);
    if (!best) break;
    const bestRho = best;
    const tied = evaluated.filter((e) => e.price.rho.eq(bestRho));
    const winner = breakTie(
      prof,
      tieBreak,
      tied.map((e) => e.p),
    );
    const price0 = (tied.find((e) => e.p === winner) as { price: Price }).price;
    charge(winner, price0.tau);
    const proj = prof.projects[winner];
    const cost = proj?.cost ?? Rational.ZERO;
    spent = spent.add(cost);
    order.push(winner);
    remaining.splice(remaining.indexOf(winner), 1);
    const tiedWith = tied.filter((e) => e.p !== winner).map((e) => prof.projects[e.p]?.id ?? '');
    rounds.push({
      phase: 'mes',
      chosen: {
        project: proj?.id ?? '',
        cost: cost.toString(),
        supporters: prof.supportCount[winner] ?? 0,
        rho: price0.rho.toNumber(),
        ...(sat === 'points' ? {} : { pricePerSupporter: price0.tau.toNumber() }),
        ...(tiedWith.length > 0 ? { tiedWith } : {}),
        remaining: prof.budget.sub(spent).toString(),
      },
      skipped: skips,
    });
    skips = [];
  }
  if (skips.length > 0) rounds.push({ phase: 'mes', skipped: skips });
  return {
    order,
    spent,
    rounds,
    moneyLeft: Array.from(classLevel, (lv) => levels[lv] as Rational),
  };
}

/**
 * MES with `perVoter` money each: the certified float pass when it can decide every
 * step, else the exact pass. Pass a prebuilt `model` when running many passes.
 */
export function mes(
  prof: CompiledProfile,
  sat: Satisfaction,
  tieBreak: TieBreak,
  perVoter: Rational,
  model: FloatModel = floatModel(prof, sat),
): MesOutcome & { exact: boolean } {
  const fast = mesFloat(model, perVoter.toNumber(), tieBreak);
  if (!fast) {
    const { order, spent, rounds } = mesExact(prof, sat, tieBreak, perVoter);
    return { order, spent, rounds, exact: true };
  }
  const id = (p: number) => prof.projects[p]?.id ?? '';
  let spent = Rational.ZERO;
  const rounds: Round[] = [];
  const unsupported: Skipped[] = [];
  for (let p = 0; p < prof.projects.length; p++) {
    const why = notInMes(prof, sat, p);
    if (why) unsupported.push({ project: id(p), reason: why });
  }
  fast.drops.forEach((drops, r) => {
    const skipped: Skipped[] = [
      ...(r === 0 ? unsupported : []),
      ...drops.map((p) => ({ project: id(p), reason: 'unaffordable' as const })),
    ];
    const p = fast.order[r];
    if (p === undefined) {
      if (skipped.length > 0) rounds.push({ phase: 'mes', skipped });
      return;
    }
    const cost = prof.projects[p]?.cost ?? Rational.ZERO;
    spent = spent.add(cost);
    rounds.push({
      phase: 'mes',
      chosen: {
        project: id(p),
        cost: cost.toString(),
        supporters: prof.supportCount[p] ?? 0,
        rho: fast.rho[r] as number,
        ...(sat === 'points' ? {} : { pricePerSupporter: fast.tau[r] as number }),
        remaining: prof.budget.sub(spent).toString(),
      },
      skipped,
    });
  });
  return { order: fast.order, spent, rounds, exact: false };
}
