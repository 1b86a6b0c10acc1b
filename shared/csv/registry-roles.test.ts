import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { parseCsv } from './parse';
import {
  guessMapping,
  locateRegistryHeader,
  previewRegistryImport,
  type ExistingRegistry,
} from './registry-import';
import { roleMapping, type RoleChoice } from './registry-roles';

// A community registry as municipalities keep it: offices (Presidente, Secretaria, Tesorera)
// in the CARGO column, not the law's titular / suplente / delegate.
const FIXTURE = join(import.meta.dirname, '../../test/fixtures/registry/cargos-presidente.csv');
const none = (): ExistingRegistry => ({ dnis: new Set(), organizationNames: new Map() });

function preview(choices: Record<string, RoleChoice> = {}) {
  const located = locateRegistryHeader(parseCsv(decodeText(readFileSync(FIXTURE)).text));
  return previewRegistryImport(
    located,
    guessMapping(located.header),
    none(),
    new Map(Object.entries(choices)),
  );
}

describe('the role column of an import: counts and the operator’s mapping', () => {
  it('names every unrecognised office with its lines, and counts no agent from it', () => {
    const p = preview();
    expect(p.errors).toEqual([]);
    expect(p.participants).toHaveLength(12);
    // Unrecognised first; PRESIDENTE and Presidente are one value (folded), first spelling kept.
    expect(p.roles.map((v) => [v.value, v.lines, v.read, v.chosen])).toEqual([
      ['Presidente', [3, 11], null, null],
      ['Secretaria', [4], null, null],
      ['Presidenta', [7], null, null],
      ['Secretario', [8], null, null],
      ['Tesorera', [12], null, null],
      ['Socia', [6, 9, 10], 'member', null],
      ['Socio', [5], 'member', null],
      ['Delegada', [13], 'delegate', null],
      ['Equipo técnico', [14], 'voiceOnly', null],
    ]);
    expect(p.rolesUnchosen).toBe(5);
    // Only the APAFA's delegate would count: one organisation of four.
    expect(p.agents).toEqual({
      agents: 1,
      organizationsWithAgent: 1,
      organizations: 4,
      notAgents: { member: 10, voiceOnly: 1, noOrganization: 0 },
    });
    expect(roleMapping(p.roles)).toEqual([]);
  });

  it('a choice made once applies to every line of that value, and is recorded', () => {
    const p = preview({
      presidente: 'titular',
      presidenta: 'titular',
      secretaria: 'suplente',
      secretario: 'suplente',
      tesorera: 'member',
    });
    expect(p.rolesUnchosen).toBe(0);
    const role = (line: number) => p.participants.find((x) => x.line === line)?.role;
    expect([3, 4, 7, 8, 11, 12].map(role)).toEqual([
      'titular',
      'suplente',
      'titular',
      'suplente',
      'titular',
      'member',
    ]);
    expect(p.agents).toMatchObject({ agents: 6, organizationsWithAgent: 3, organizations: 4 });
    expect(p.agents.notAgents).toEqual({ member: 5, voiceOnly: 1, noOrganization: 0 });
    expect(roleMapping(p.roles)).toEqual([
      { value: 'Presidente', role: 'titular', people: 2 },
      { value: 'Secretaria', role: 'suplente', people: 1 },
      { value: 'Presidenta', role: 'titular', people: 1 },
      { value: 'Secretario', role: 'suplente', people: 1 },
      { value: 'Tesorera', role: 'member', people: 1 },
    ]);
  });

  it('"no agent, voice only" keeps the person without a vote; a recognised value ignores a choice', () => {
    const p = preview({ tesorera: 'voiceOnly', socia: 'titular' });
    const at12 = p.participants.find((x) => x.line === 12);
    expect([at12?.role, at12?.voice]).toEqual(['member', 'voiceOnly']);
    expect(p.participants.find((x) => x.line === 6)?.role).toBe('member');
    expect(p.rolesUnchosen).toBe(4);
  });
});
