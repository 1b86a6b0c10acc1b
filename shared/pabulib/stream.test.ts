// The streaming parser reads exactly what a whole-text read gives (same election, same
// first error and line) whatever the chunk boundaries; repeated projects in a ballot are
// read as the reference library reads them when asked, with a warning naming the line.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PbParseError } from './errors';
import { compileProfile } from '../tally/profile';
import { parsePb, PbParser, type PbParseOptions } from './parse';
import { BallotCollector, electionToProfile } from './profile';
import type { PbElection, PbVote } from './types';

const corpus = fileURLToPath(new URL('../../test/fixtures/pabulib/', import.meta.url));
const shapes = fileURLToPath(new URL('../../test/fixtures/pabulib-shapes/', import.meta.url));

/** Parse `text` pushed in pieces cut at `cuts`. */
function chunked(text: string, cuts: number[], opts: PbParseOptions = {}): PbElection {
  const votes: PbVote[] = [];
  const p = new PbParser((v) => votes.push(v), opts);
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    p.push(text.slice(at, c));
    at = c;
  }
  p.push(text.slice(at));
  const { voteCount, warnings, ...head } = p.end();
  expect(voteCount).toBe(votes.length);
  return { ...head, votes, ...(warnings.length > 0 ? { warnings } : {}) };
}

function outcome(f: () => PbElection): PbElection | { code: string; line: number } {
  try {
    return f();
  } catch (e) {
    if (e instanceof PbParseError) return { code: e.code, line: e.line };
    throw e;
  }
}

const SAMPLE = [
  '\ufeffmeta',
  'key;value',
  'description;"Barrio ""Norte""; taller"',
  'num_projects;3',
  'num_votes;2',
  'budget;1000,5',
  'vote_type;cumulative',
  '',
  'Projects',
  'project_id;cost;name',
  'L010;500.5;"Parque',
  'con ""juegos"""',
  'M/31/VIII;300;none',
  '9;200;Agua',
  'VOTES',
  'voter_id;vote;points',
  'v1;L010,9;2,1',
  'v2;M/31/VIII;3',
].join('\r\n');

// Each variant breaks the file in one or two places; the first error must not depend on
// how the text arrives.
const variants = [
  SAMPLE,
  SAMPLE.replace('v2;M/31/VIII;3', 'v2;X;3'),
  SAMPLE.replace('v2;M/31/VIII;3', 'v2;X;3') + '\r\nVOTES',
  SAMPLE.replace('budget;1000,5', 'budget;mil').replace('v1;L010,9;2,1', 'v1;Z;1'),
  SAMPLE.replace('9;200;Agua', '9;-200;Agua').replace('v2;M/31/VIII;3', 'v2;M/31/VIII;3,3'),
  SAMPLE.replace('voter_id;vote;points', 'voter;vote;points'),
  SAMPLE.replace('num_votes;2', 'num_votes;3'),
  SAMPLE.replace('9;200;Agua', '9;200;"Agua'),
  SAMPLE.replace('v2;M/31/VIII;3', 'v2;9,9;1,4'),
  SAMPLE.replace('v2;M/31/VIII;3', 'v1;9;1'),
  // Numeric voter ids are checked for repeats at the end: the first error in file order still wins.
  SAMPLE.replace('v1;L010,9;2,1', '7;L010,9;2,1').replace('v2;M/31/VIII;3', '7;X;3'),
  SAMPLE.replace('num_votes;2', 'num_votes;3')
    .replace('v1;L010,9;2,1', '7;L010,9;2,1')
    .replace('v2;M/31/VIII;3', '8;X;3\r\n7;9;1'),
  SAMPLE.replace('num_votes;2', 'num_votes;3')
    .replace('v1;L010,9;2,1', '7;L010,9;2,1')
    .replace('v2;M/31/VIII;3', '7;9;1\r\n8;X;3'),
  SAMPLE.replace('v1;L010,9;2,1', '07;L010,9;2,1').replace('v2;M/31/VIII;3', '7;9;1'),
  // VOTES before PROJECTS: votes wait for the projects.
  SAMPLE.split('\r\nProjects')[0] +
    '\r\nVOTES\r\nvoter_id;vote;points\r\nv1;L010,9;2,1\r\nv2;M/31/VIII;3\r\nProjects\r\nproject_id;cost;name\r\nL010;500.5;x\r\nM/31/VIII;300;none\r\n9;200;Agua',
  // ... and an error among those waiting votes is still reported.
  SAMPLE.split('\r\nProjects')[0] +
    '\r\nVOTES\r\nvoter_id;vote;points\r\n1;L010,9;2,1\r\n1;Q;3\r\nProjects\r\nproject_id;cost;name\r\nL010;500.5;x\r\nM/31/VIII;300;none\r\n9;200;Agua',
];

// What each variant gives (an election is summarised by its number of votes).
const EXPECTED: unknown[] = [
  { votes: 2 },
  { code: 'pb.unknownProject', line: 18 },
  { code: 'pb.duplicateSection', line: 19 },
  { code: 'pb.badBudget', line: 6 },
  { code: 'pb.badCost', line: 14 },
  { code: 'pb.badHeader', line: 16 },
  { code: 'pb.countMismatch', line: 5 },
  { code: 'pb.unterminatedQuote', line: 14 },
  { code: 'pb.duplicateVote', line: 18 },
  { code: 'pb.duplicateVoter', line: 18 },
  { code: 'pb.duplicateVoter', line: 18 },
  { code: 'pb.unknownProject', line: 18 },
  { code: 'pb.duplicateVoter', line: 18 },
  { votes: 2 },
  { votes: 2 },
  { code: 'pb.duplicateVoter', line: 12 },
];

describe('PbParser (streaming)', () => {
  it.each(variants.map((v, i) => [i, v] as const))(
    'variant %i: any chunking gives what the whole text gives',
    (i, text) => {
      const whole = outcome(() => parsePb(text));
      expect('code' in whole ? whole : { votes: whole.votes.length }).toEqual(EXPECTED[i]);
      fc.assert(
        fc.property(fc.array(fc.nat(text.length), { maxLength: 12 }), (cuts) => {
          expect(outcome(() => chunked(text, cuts))).toEqual(whole);
        }),
        { numRuns: 150 },
      );
      // One character at a time: every boundary at once.
      expect(
        outcome(() =>
          chunked(
            text,
            Array.from({ length: text.length }, (_, k) => k),
          ),
        ),
      ).toEqual(whole);
    },
  );

  it.each(readdirSync(corpus).filter((f) => f.endsWith('.pb')))(
    '%s read in 64 KiB pieces equals the whole read',
    (file) => {
      const text = readFileSync(corpus + file, 'utf8');
      const cuts = Array.from(
        { length: Math.floor(text.length / 65536) },
        (_, k) => (k + 1) * 65536 - 7,
      );
      expect(chunked(text, cuts)).toEqual(parsePb(text));
    },
  );
});

describe('BallotCollector (what minka tally keeps)', () => {
  it.each(readdirSync(corpus).filter((f) => f.endsWith('.pb')))(
    '%s compiles to the same profile as the whole read',
    (file) => {
      const text = readFileSync(corpus + file, 'utf8');
      const c = new BallotCollector();
      const p = new PbParser(c.add);
      p.push(text);
      const header = p.end();
      expect(c.compile(header)).toEqual(compileProfile(electionToProfile(parsePb(text))));
      expect(compileProfile(c.toProfile(header))).toEqual(c.compile(header));
    },
  );
});

describe('a project listed twice in one ballot', () => {
  it('is refused by default (the workshop import), naming the line', () => {
    const text = readFileSync(shapes + 'repeated-approval.pb', 'utf8');
    expect(outcome(() => parsePb(text))).toEqual({ code: 'pb.duplicateVote', line: 15 });
  });

  it('approval: read once, with a warning naming the line, as the reference reads it', () => {
    const text = readFileSync(shapes + 'repeated-approval.pb', 'utf8');
    const e = parsePb(text, undefined, { repeats: 'reference' });
    expect(e.votes.map((v) => v.vote)).toEqual([['1', '2'], ['3'], ['1', '3']]);
    expect(e.warnings).toEqual([
      { code: 'pb.repeatedVote', line: 15, params: { project: '1', voter: 'v1' } },
    ]);
  });

  it('cumulative: one entry at its first place, holding the last points given', () => {
    const text = readFileSync(shapes + 'repeated-cumulative.pb', 'utf8');
    const e = parsePb(text, undefined, { repeats: 'reference' });
    expect(e.votes[0]).toMatchObject({ vote: ['a', 'b'], points: [1, 2] });
    expect(e.warnings?.[0]).toMatchObject({ line: 15, params: { project: 'a', voter: 'v1' } });
  });

  it('ordinal: kept at its first (most preferred) place', () => {
    const text = readFileSync(shapes + 'repeated-approval.pb', 'utf8').replace(
      'vote_type;approval',
      'vote_type;ordinal',
    );
    const e = parsePb(text, undefined, { repeats: 'reference' });
    expect(e.votes[0]?.vote).toEqual(['1', '2']);
  });

  it('a clean file carries no warnings at all', () => {
    const e = parsePb(readFileSync(shapes + 'zero-cost.pb', 'utf8'), undefined, {
      repeats: 'reference',
    });
    expect(e.warnings).toBeUndefined();
  });
});
