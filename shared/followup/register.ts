// The multi-year follow-up register (issue 7 §4): earlier years' sealed minutes, the final
// plans recorded against them, and what people noted since (executed, suspended, revived),
// folded into one history per project. A pure function of what the workshop file holds, so
// the screen and `minka followup` give the same answer.
//
// A project is a group of agreements from different years: the same CUI, or names alike
// enough (≥ LINK_THRESHOLD, shown with their confidence) — unless a person said they are
// two projects. Everything stored refers to one agreement ("ref": minutes + proposal id),
// never to a group, so importing another year regroups without losing a note.
//
// The shapes are in register-model.ts, the grouping into projects in register-group.ts.
import type { RejectedItem } from '../plan/reconcile';
import { localDay } from '../format';
import { group, type Node } from './register-group';
import {
  STATE_OF,
  type EntryKind,
  type Project,
  type ProjectLink,
  type Register,
  type RegisterCarry,
  type RegisterData,
  type RegisterNote,
  type RegisterPlan,
  type TimelineEntry,
} from './register-model';

/** One collator for the sort (localeCompare with a locale builds one per call: slow). */
const SPANISH = new Intl.Collator('es');

export const refOf = (minutesId: string, key: string): string => `${minutesId.slice(0, 16)}/${key}`;

const KIND_ORDER: Record<EntryKind, number> = {
  rejected: 0,
  agreed: 1,
  revived: 1,
  unfunded: 1,
  inPlan: 2,
  amountChanged: 2,
  notInPlan: 2,
  fundedAfterRejection: 2,
  // 2: the plan's own word on a project (also read by the state below).
  executed: 3,
  suspended: 4,
  carried: 5,
};

/** The last recorded plan per minutes (`plans` in the order recorded: a later PIM replaces the PIA as the plan's word). */
function latestPlans(plans: readonly RegisterPlan[]): Map<string, RegisterPlan> {
  const out = new Map<string, RegisterPlan>();
  for (const p of plans) out.set(p.minutesId, p);
  return out;
}

function planEntries(n: Node, plan: RegisterPlan | undefined): TimelineEntry[] {
  if (!plan || n.unfunded) return [];
  const base = {
    fiscalYear: n.year,
    ref: n.ref,
    code: n.item.code,
    title: n.item.title,
    source: 'plan' as const,
    fingerprint: plan.fingerprint,
    date: localDay(plan.recordedAt),
    note: '',
  };
  const key = n.item.key;
  const r = plan.report;
  const executed = (pim: number | null, dev: number | null): TimelineEntry[] =>
    dev !== null && dev > 0
      ? [{ ...base, kind: 'executed', amountCents: dev, baseCents: pim }]
      : [];
  if (n.rejected) {
    const f = r.rejectedButFunded.find((x) => x.key === key);
    return f
      ? [
          {
            ...base,
            kind: 'fundedAfterRejection',
            amountCents: f.plan.amountCents,
            baseCents: f.proposedCents,
          },
          ...executed(f.plan.pimCents, f.plan.devengadoCents),
        ]
      : [];
  }
  const m = r.matched.find((x) => x.key === key);
  const c = m ? undefined : r.amountChanged.find((x) => x.key === key);
  const hit = m ?? c;
  if (hit)
    return [
      {
        ...base,
        kind: m ? 'inPlan' : 'amountChanged',
        amountCents: hit.planCents,
        baseCents: hit.agreedCents,
      },
      ...executed(hit.plan.pimCents, hit.plan.devengadoCents),
    ];
  const miss = r.missingFromPlan.find((x) => x.key === key);
  return miss
    ? [{ ...base, kind: 'notInPlan', amountCents: null, baseCents: miss.agreedCents }]
    : [];
}

export function buildRegister(d: RegisterData): Register {
  const minutes = [...d.minutes].sort(
    (a, b) => a.fiscalYear - b.fiscalYear || a.sealedAt.localeCompare(b.sealedAt),
  );
  const nodes: Node[] = [];
  for (const m of minutes) {
    for (const item of m.agreed)
      nodes.push({
        ref: refOf(m.id, item.key),
        year: m.fiscalYear,
        minutes: m,
        item,
        rejected: false,
        unfunded: false,
      });
    for (const item of m.unfunded)
      nodes.push({
        ref: refOf(m.id, item.key),
        year: m.fiscalYear,
        minutes: m,
        item,
        rejected: false,
        unfunded: true,
      });
    for (const item of m.rejected)
      nodes.push({
        ref: refOf(m.id, item.key),
        year: m.fiscalYear,
        minutes: m,
        item,
        rejected: true,
        unfunded: false,
      });
  }
  const plans = latestPlans(d.plans);
  const labels = new Map(nodes.map((n) => [n.ref, `${n.year} ${n.item.code}`]));
  const labelOf = (ref: string) => labels.get(ref) ?? ref;
  const years = new Map(nodes.map((n) => [n.ref, n.year]));
  const { groups, links } = group(nodes, d.unlinks);
  const notesByRef = new Map<string, RegisterNote[]>();
  for (const n of d.notes) notesByRef.set(n.ref, [...(notesByRef.get(n.ref) ?? []), n]);
  const carriesByRef = new Map<string, RegisterCarry[]>();
  for (const c of d.carries) carriesByRef.set(c.ref, [...(carriesByRef.get(c.ref) ?? []), c]);

  // Each link to its project once (a project holds both ends), in the order they were made.
  const groupOf = new Map<string, number>();
  groups.forEach((g, gi) => g.forEach((n) => groupOf.set(n.ref, gi)));
  const linksOf: ProjectLink[][] = groups.map(() => []);
  for (const l of links) {
    const gi = groupOf.get(l.a);
    if (gi !== undefined && gi === groupOf.get(l.b)) linksOf[gi]?.push(l);
  }
  const projects: Project[] = [];
  for (const [gi, g] of groups.entries()) {
    g.sort((a, b) => a.year - b.year || a.ref.localeCompare(b.ref));
    const refs = new Set(g.map((n) => n.ref));
    const timeline: TimelineEntry[] = [];
    let wasDropped = false;
    for (const n of g) {
      const kind: EntryKind = n.rejected
        ? 'rejected'
        : n.unfunded
          ? 'unfunded'
          : wasDropped
            ? 'revived'
            : 'agreed';
      timeline.push({
        fiscalYear: n.year,
        kind,
        ref: n.ref,
        code: n.item.code,
        title: n.item.title,
        amountCents: n.item.amountCents,
        baseCents: null,
        source: 'minutes',
        fingerprint: n.minutes.fingerprint,
        date: localDay(n.minutes.sealedAt),
        note: n.rejected ? (n.item as RejectedItem).explanation : '',
      });
      const fromPlan = planEntries(n, plans.get(n.minutes.id));
      timeline.push(...fromPlan);
      const notes = (notesByRef.get(n.ref) ?? []).sort(
        (a, b) => a.date.localeCompare(b.date) || a.createdAt.localeCompare(b.createdAt),
      );
      for (const x of notes)
        timeline.push({
          fiscalYear: x.fiscalYear,
          kind: x.status,
          ref: n.ref,
          code: n.item.code,
          title: n.item.title,
          amountCents: null,
          baseCents: null,
          source: 'note',
          fingerprint: '',
          date: x.date,
          note: x.note,
        });
      for (const c of carriesByRef.get(n.ref) ?? [])
        timeline.push({
          fiscalYear: c.fiscalYear,
          kind: 'carried',
          ref: n.ref,
          code: c.code,
          title: n.item.title,
          amountCents: null,
          baseCents: null,
          source: 'carry',
          fingerprint: '',
          date: localDay(c.carriedAt),
          note: '',
        });
      const last = [...fromPlan, ...notes.map((x) => ({ kind: x.status }))].at(-1);
      if (n.unfunded) wasDropped = true;
      else if (!n.rejected && last)
        wasDropped = last.kind === 'notInPlan' || last.kind === 'suspended';
      if (!n.rejected && notes.some((x) => x.status === 'revived')) wasDropped = false;
    }
    timeline.sort(
      (a, b) =>
        a.fiscalYear - b.fiscalYear ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.date.localeCompare(b.date),
    );
    const lastEntry = timeline.at(-1) as TimelineEntry;
    // Executed after the plan funded what the room rejected stays told apart from an agreed
    // project's execution: the plan's latest word on it is what the room did not agree.
    const lastPlan = timeline.filter((e) => KIND_ORDER[e.kind] === 2).at(-1);
    const state =
      STATE_OF[lastEntry.kind] === 'executed' && lastPlan?.kind === 'fundedAfterRejection'
        ? 'fundedAfterRejection'
        : STATE_OF[lastEntry.kind];
    const agreedNodes = g.filter((n) => !n.rejected);
    const latest = (agreedNodes.at(-1) ?? g.at(-1)) as Node;
    projects.push({
      key: (g[0] as Node).ref,
      title: latest.item.title,
      cui: [...g].reverse().find((n) => n.item.cui)?.item.cui ?? '',
      sector: 'sector' in latest.item ? latest.item.sector : '',
      years: [...new Set(g.map((n) => n.year))],
      refs: [...refs],
      links: linksOf[gi] ?? [],
      timeline,
      state,
      carryable:
        agreedNodes.length > 0 &&
        (state === 'notInPlan' || state === 'suspended' || state === 'unfunded'),
      lastAgreedCents: agreedNodes.at(-1)?.item.amountCents ?? 0,
    });
  }
  projects.sort(
    (a, b) =>
      Number(b.carryable) - Number(a.carryable) ||
      (a.years[0] ?? 0) - (b.years[0] ?? 0) ||
      SPANISH.compare(a.title, b.title),
  );
  const counts = {
    agreed: 0,
    unfunded: 0,
    inPlan: 0,
    fundedAfterRejection: 0,
    executed: 0,
    notInPlan: 0,
    suspended: 0,
    rejected: 0,
    carried: 0,
  };
  for (const p of projects) counts[p.state]++;
  return {
    minutes: minutes.map(({ agreed, unfunded, rejected, ...m }) => ({
      ...m,
      agreedCount: agreed.length,
      unfundedCount: unfunded.length,
      rejectedCount: rejected.length,
      plans: d.plans.filter((p) => p.minutesId === m.id).map(({ report: _r, ...p }) => p),
    })),
    projects,
    counts,
    // The earlier agreement first ("2026 P-001 y 2027 P-001"), whatever order the pair is stored in.
    separated: d.unlinks.map((u) => {
      const [a, b] = (years.get(u.a) ?? 0) <= (years.get(u.b) ?? 0) ? [u.a, u.b] : [u.b, u.a];
      return { a, b, labelA: labelOf(a), labelB: labelOf(b) };
    }),
  };
}
