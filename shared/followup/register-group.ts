// Grouping the register's agreements into projects: the same CUI first (the national code
// names one investment whatever it is called), then names alike enough (≥ LINK_THRESHOLD),
// never two agreements of one year in one project, never a pair a person said are two
// projects. A union-find over every agreement and rejection of every imported year.
import type { AgreedItem, RejectedItem } from '../plan/reconcile';
import { nameWords, wordWeights } from '../plan/similarity';
import { nameCandidates } from './candidates';
import {
  LINK_THRESHOLD,
  type ProjectLink,
  type RegisterMinutes,
  type RegisterUnlink,
} from './register-model';

export interface Node {
  ref: string;
  year: number;
  minutes: RegisterMinutes;
  item: AgreedItem | RejectedItem;
  rejected: boolean;
  unfunded: boolean;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Group every agreement (and rejection) of every imported year into projects. */
export function group(
  nodes: Node[],
  unlinks: readonly RegisterUnlink[],
): { groups: Node[][]; links: ProjectLink[] } {
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] as number] as number;
    return i;
  };
  const refused = new Set(unlinks.map((u) => pairKey(u.a, u.b)));
  const links: ProjectLink[] = [];
  // The minutes each group holds (by root): one agreement per year in a project.
  const held = nodes.map((n) => new Set([n.minutes.id]));
  const join = (i: number, j: number, by: ProjectLink['by'], confidence: number | null) => {
    const a = nodes[i] as Node;
    const b = nodes[j] as Node;
    if (refused.has(pairKey(a.ref, b.ref))) return;
    const ri = find(i);
    const rj = find(j);
    if (ri === rj) return;
    const hi = held[ri] as Set<string>;
    const hj = held[rj] as Set<string>;
    for (const y of hj) if (hi.has(y)) return;
    parent[rj] = ri;
    for (const y of hj) hi.add(y);
    links.push({ a: a.ref, b: b.ref, by, confidence });
  };
  // CUI first: the national code names one investment whatever it is called.
  const byCui = new Map<string, number>();
  nodes.forEach((n, i) => {
    if (!n.item.cui) return;
    const first = byCui.get(n.item.cui);
    if (first === undefined) byCui.set(n.item.cui, i);
    else join(first, i, 'cui', null);
  });
  const words = nodes.map((n) => nameWords(n.item.title));
  const weights = wordWeights(words);
  const cands = nameCandidates(
    words,
    weights,
    nodes.map((n) => n.minutes.id),
    nodes.map((n) => n.item.cui),
    LINK_THRESHOLD,
  );
  for (const c of cands) join(c.i, c.j, 'name', c.s);
  const groups = new Map<number, Node[]>();
  nodes.forEach((n, i) => {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(n);
    groups.set(r, g);
  });
  return { groups: [...groups.values()], links };
}
