// The role column of a registry import, value by value: what each value the file holds
// becomes (titular, suplente, delegate, a participant without the organisation's vote, voice
// only), on which lines, and whether the reader recognised it or the operator chose it.
// Community registries write offices ("Presidente", "Secretaria", "Vocal") where the law's
// roles belong; a quorum by organisations counts only titulars, suplentes and delegates, so
// an unrecognised value is never guessed: it waits for the operator's choice, made once for
// the whole file in the preview and recorded with the import (registry.imported's roleMapping).
import type { ParticipantRole } from '../schemas/attendance';
import { fold } from './registry-labels';
import { readRole } from './registry-values';

/** What the operator may make of a value: a role, or "no agent" with or without a vote. */
export const ROLE_CHOICES = ['titular', 'suplente', 'delegate', 'member', 'voiceOnly'] as const;
export type RoleChoice = (typeof ROLE_CHOICES)[number];
/** fold(value) → the operator's choice. */
export type RoleChoices = ReadonlyMap<string, RoleChoice>;

export const AGENT_ROLES: readonly ParticipantRole[] = ['titular', 'suplente', 'delegate'];

export interface RoleValue {
  /** fold(value): the key a choice is recorded under ("presidenta" for "PRESIDENTA"). */
  key: string;
  /** The value as first written in the file. */
  value: string;
  lines: number[];
  /** What the reader recognised; null when it did not (then `chosen` decides). */
  read: RoleChoice | null;
  chosen: RoleChoice | null;
}

/** A recorded choice: the value as written and the role it was given (the import's event). */
export interface RoleMappingEntry {
  value: string;
  role: RoleChoice;
  people: number;
}

const asChoice = (r: { role: ParticipantRole; voiceOnly: boolean }): RoleChoice =>
  r.voiceOnly ? 'voiceOnly' : r.role;

/** Collects the role values of one preview; `read` gives each row's role and voice. */
export class RoleColumn {
  private readonly values = new Map<string, RoleValue>();
  constructor(private readonly choices: RoleChoices) {}

  /**
   * The row's role: recognised, chosen, or (unrecognised and not yet chosen) a participant
   * without the organisation's vote, which the preview reports as pending a choice.
   */
  read(raw: string, line: number): { role: ParticipantRole; voiceOnly: boolean } | null {
    if (!raw) return null;
    const key = fold(raw);
    let v = this.values.get(key);
    if (!v) {
      const r = readRole(raw);
      v = { key, value: raw, lines: [], read: r ? asChoice(r) : null, chosen: null };
      if (!r) v.chosen = this.choices.get(key) ?? null;
      this.values.set(key, v);
    }
    v.lines.push(line);
    const c = v.read ?? v.chosen ?? 'member';
    return c === 'voiceOnly' ? { role: 'member', voiceOnly: true } : { role: c, voiceOnly: false };
  }

  /** Unrecognised values first (they need a choice), then by how many people hold them. */
  list(): RoleValue[] {
    return [...this.values.values()].sort(
      (a, b) =>
        Number(a.read !== null) - Number(b.read !== null) || b.lines.length - a.lines.length,
    );
  }
}

export interface AgentCounts {
  /** People who will be agents (titular, suplente or delegate with a vote, in an organisation). */
  agents: number;
  /** Organisations (new or already registered) that will have at least one such agent. */
  organizationsWithAgent: number;
  /** Organisations the file names. */
  organizations: number;
  /** The others, by why: their role, a voice without vote, or no organisation. */
  notAgents: { member: number; voiceOnly: number; noOrganization: number };
}

/** How many of the previewed people will count as agents, and why the others will not. */
export function agentCounts(
  participants: readonly {
    role: ParticipantRole;
    voice: 'voiceAndVote' | 'voiceOnly';
    organizationKey: string | null;
  }[],
): AgentCounts {
  const orgs = new Set<string>();
  const withAgent = new Set<string>();
  const notAgents = { member: 0, voiceOnly: 0, noOrganization: 0 };
  let agents = 0;
  for (const p of participants) {
    if (p.organizationKey !== null) orgs.add(p.organizationKey);
    if (p.organizationKey === null) notAgents.noOrganization++;
    else if (p.voice === 'voiceOnly') notAgents.voiceOnly++;
    else if (!AGENT_ROLES.includes(p.role)) notAgents.member++;
    else {
      agents++;
      withAgent.add(p.organizationKey);
    }
  }
  return {
    agents,
    organizationsWithAgent: withAgent.size,
    organizations: orgs.size,
    notAgents,
  };
}

/** The choices made in a preview, as the import records them. */
export function roleMapping(values: readonly RoleValue[]): RoleMappingEntry[] {
  return values.flatMap((v) =>
    v.read === null && v.chosen !== null
      ? [{ value: v.value, role: v.chosen, people: v.lines.length }]
      : [],
  );
}
