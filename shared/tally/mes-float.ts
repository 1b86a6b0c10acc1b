// A fast MES pass in floating point that only answers when every decision it makes is
// clear by a wide margin. Its decisions are which projects are unaffordable and which
// project has the smallest rho each round; prices feed the next rounds only continuously,
// so rounding (far below MARGIN after any number of rounds) cannot flip a decision that
// clears MARGIN. Anything closer, an exact tie included, returns null and the caller
// reruns the pass exactly. The outcome is therefore always the exact one.
//
// One kind of near-tie is decided here exactly: when every supporter with money can pay
// the full share (with margin), the exact price is cost / (sum of weights x units), a
// ratio of known exact numbers. Round one of every pass is like that (all voters hold
// the same money), and it is where most genuine ties occur.
import type { CompiledProfile } from './profile';
import type { Satisfaction } from './satisfaction';
import { Rational } from './rational';
import { type TieBreak, breakTie } from './tiebreak';

/** Relative gap below which a float comparison is not trusted. */
export const MARGIN = 1e-9;

export interface FloatPass {
  order: number[];
  /** Display values of rho and price per supporter, per round (not used to decide). */
  rho: number[];
  tau: number[];
  /** Per round: projects found unaffordable while looking for that round's choice. */
  drops: number[][];
}

export interface FloatModel {
  cost: Float64Array;
  scale: Float64Array;
  supporters: readonly Int32Array[];
  /** Per supporter entry: voter weight and satisfaction unit. */
  weights: readonly Float64Array[];
  units: readonly Float64Array[];
  nClasses: number;
  prof: CompiledProfile;
  sat: Satisfaction;
}

export function floatModel(prof: CompiledProfile, sat: Satisfaction): FloatModel {
  const cost = Float64Array.from(prof.projects, (p) => p.cost.toNumber());
  return {
    cost,
    scale: sat === 'cost' ? cost : new Float64Array(cost.length).fill(1),
    supporters: prof.supporters,
    weights: prof.supporters.map((cls) => Float64Array.from(cls, (c) => prof.weight[c] as number)),
    units: prof.supporterPoints.map((pts) => Float64Array.from(pts, (x) => (sat === 'points' ? x : 1))),
    nClasses: prof.weight.length,
    prof,
    sat,
  };
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= MARGIN * Math.max(Math.abs(a), Math.abs(b));

interface Priced {
  p: number;
  rho: number;
  tau: number;
  /** Exact sum of weight x unit over the payers when everyone pays the full share, else -1. */
  simpleUnits: number;
}

export function mesFloat(m: FloatModel, perVoter: number, tieBreak: TieBreak): FloatPass | null {
  const money = new Float64Array(m.nClasses).fill(perVoter);
  // Classes whose money was set to zero by a comparison too close to call: their exact
  // money may be a sliver above zero, so they rule out the exact shortcut above.
  const fuzzyZero = new Uint8Array(m.nClasses);
  const nProj = m.cost.length;
  const lb = new Float64Array(nProj);
  let remaining: number[] = [];
  for (let p = 0; p < nProj; p++) if ((m.supporters[p] as Int32Array).length > 0) remaining.push(p);
  const out: FloatPass = { order: [], rho: [], tau: [], drops: [] };

  // Smallest tau with sum over supporters of w*min(money, tau*u) = cost, by fixed-point
  // iteration from below: each step moves the supporters who cannot pay tau*u to "pay all".
  function price(p: number): Priced | 'unaffordable' | 'unsure' {
    const cls = m.supporters[p] as Int32Array;
    const w = m.weights[p] as Float64Array;
    const u = m.units[p] as Float64Array;
    const cost = m.cost[p] as number;
    let total = 0;
    let units = 0;
    for (let k = 0; k < cls.length; k++) {
      const mk = money[cls[k] as number] as number;
      if (mk > 0 && (u[k] as number) > 0) {
        total += (w[k] as number) * mk;
        units += (w[k] as number) * (u[k] as number);
      }
    }
    // A free project hinges on whether anyone has money left at all: exact pass only.
    if (cost === 0 || close(total, cost)) return 'unsure';
    if (total < cost) return 'unaffordable';
    let tau = cost / units;
    let simple = true;
    for (let k = 0; k < cls.length && simple; k++) {
      const c = cls[k] as number;
      const mk = money[c] as number;
      if (fuzzyZero[c] === 1 || (mk > 0 && (u[k] as number) > 0 && mk < tau * (u[k] as number) * (1 + MARGIN))) simple = false;
    }
    const scale = m.scale[p] as number;
    if (simple) return { p, rho: tau / scale, tau, simpleUnits: units };
    for (;;) {
      let paid = 0;
      let rest = 0;
      for (let k = 0; k < cls.length; k++) {
        const mk = money[cls[k] as number] as number;
        const uk = u[k] as number;
        if (mk <= 0 || uk === 0) continue;
        if (mk < tau * uk) paid += (w[k] as number) * mk;
        else rest += (w[k] as number) * uk;
      }
      if (rest <= 0) return 'unsure';
      const next = (cost - paid) / rest;
      if (next <= tau) return { p, rho: tau / scale, tau, simpleUnits: -1 };
      tau = next;
    }
  }

  while (remaining.length > 0) {
    remaining.sort((a, b) => (lb[a] as number) - (lb[b] as number));
    let best = Infinity;
    const priced: Priced[] = [];
    const drop = new Set<number>();
    for (const p of remaining) {
      if ((lb[p] as number) > best * (1 + 4 * MARGIN)) break;
      const t = price(p);
      if (t === 'unsure') return null;
      if (t === 'unaffordable') {
        drop.add(p);
        continue;
      }
      lb[p] = t.rho;
      priced.push(t);
      if (t.rho < best) best = t.rho;
    }
    if (drop.size > 0) remaining = remaining.filter((p) => !drop.has(p));
    out.drops.push([...drop]);
    if (priced.length === 0) break;
    const near = priced.filter((x) => close(x.rho, best));
    const win = near.length === 1 ? near[0] : exactTie(near);
    // A near-tie the floats cannot settle is left to the exact pass.
    if (!win) return null;
    const bestP = win.p;
    const bestTau = win.tau;
    const cls = m.supporters[bestP] as Int32Array;
    const u = m.units[bestP] as Float64Array;
    for (let k = 0; k < cls.length; k++) {
      const c = cls[k] as number;
      const pay = bestTau * (u[k] as number);
      const mk = money[c] as number;
      if (mk <= pay) {
        money[c] = 0;
        if (close(mk, pay)) fuzzyZero[c] = 1;
      } else money[c] = mk - pay;
    }
    out.order.push(bestP);
    out.rho.push(win.rho);
    out.tau.push(bestTau);
    remaining.splice(remaining.indexOf(bestP), 1);
  }
  return out;

  /** Settle a near-tie exactly when every contender's price is a plain ratio. */
  function exactTie(near: Priced[]): Priced | null {
    if (tieBreak === 'refuse' || near.some((x) => x.simpleUnits < 0)) return null;
    const exact = near.map((x) => {
      const cost = m.prof.projects[x.p]?.cost ?? Rational.ZERO;
      // rho = tau / scale with tau = cost / units; scale is the cost under cost satisfaction.
      return { x, rho: m.sat === 'cost' ? Rational.of(1, x.simpleUnits) : cost.divInt(x.simpleUnits) };
    });
    let min = (exact[0] as (typeof exact)[number]).rho;
    for (const e of exact) if (e.rho.lt(min)) min = e.rho;
    const tied = exact.filter((e) => e.rho.eq(min)).map((e) => e.x);
    const chosen = breakTie(m.prof, tieBreak, tied.map((x) => x.p));
    return tied.find((x) => x.p === chosen) ?? null;
  }
}
