// Every file and rule key of the pabutools 1.2.3 reference outcomes must match exactly.
// The corpus is vendored in test/fixtures/pabulib (sources and licence in its README).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electionToProfile, parsePb } from '../pabulib';
import { compileProfile } from './profile';
import { tally } from './tally';

const corpus = fileURLToPath(new URL('../../test/fixtures/pabulib/', import.meta.url));

interface ExpectedRule {
  selected: string[];
  selectionOrder: string[];
  totalCost: string;
  mesPasses?: number;
}
interface ExpectedFile {
  sha256: string;
  voteType: string;
  projects: number;
  voters: number;
  budget: string;
  rules: Record<string, ExpectedRule>;
}

const expected = JSON.parse(readFileSync(`${corpus}expected.json`, 'utf8')) as {
  files: Record<string, ExpectedFile>;
};

describe.each(Object.entries(expected.files))('%s', (file, exp) => {
  const bytes = readFileSync(corpus + file);
  const election = parsePb(bytes.toString('utf8'));
  const profile = compileProfile(electionToProfile(election));

  it('is the file the reference ran on, read as the reference read it', () => {
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(exp.sha256);
    expect(election.voteType).toBe(exp.voteType);
    expect(election.projects).toHaveLength(exp.projects);
    expect(election.votes).toHaveLength(exp.voters);
    expect(election.budget.toString()).toBe(exp.budget);
  });

  it.each(Object.entries(exp.rules))('%s', (key, want) => {
    const got = tally(profile, { rule: key });
    expect(got.selected).toEqual(want.selected);
    expect(got.totalCost.toString()).toBe(want.totalCost);
    if (key === 'phragmen') {
      // The reference reports Phragmén's outcome sorted by id, not in selection order;
      // ours is the real order, which must be a permutation of it.
      expect([...got.selectionOrder].sort()).toEqual(want.selectionOrder);
    } else {
      expect(got.selectionOrder).toEqual(want.selectionOrder);
    }
    if (key.includes('add1')) expect(got.passes).toBe(want.mesPasses);
  });
});

it('finds the corpus', () => {
  expect(existsSync(`${corpus}expected.json`)).toBe(true);
});
