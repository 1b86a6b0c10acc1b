import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../tally/rational';
import { PbParseError } from './errors';
import { parsePb } from './parse';
import type { PbElection, PbVote } from './types';
import { writePb } from './write';

const SAMPLE = [
  'meta',
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

function codeOf(text: string): { code: string; line: number } {
  try {
    parsePb(text);
  } catch (e) {
    if (e instanceof PbParseError) return { code: e.code, line: e.line };
    throw e;
  }
  throw new Error('parsed without error');
}

describe('parsePb', () => {
  it('reads sections in any case, CSV quoting with newlines and "", CRLF, decimal commas, none', () => {
    const e = parsePb(SAMPLE);
    expect(e.meta['description']).toBe('Barrio "Norte"; taller');
    expect(e.budget.eq(Rational.of(2001, 2))).toBe(true);
    expect(e.voteType).toBe('cumulative');
    expect(e.projects.map((p) => p.id)).toEqual(['L010', 'M/31/VIII', '9']);
    expect(e.projects[0]?.fields['name']).toBe('Parque\ncon "juegos"');
    expect(e.projects[0]?.cost.eq(Rational.of(1001, 2))).toBe(true);
    expect(e.projects[1]?.fields).toEqual({});
    expect(e.votes[0]).toEqual({ voterId: 'v1', vote: ['L010', '9'], points: [2, 1], fields: {} });
  });

  const broken: Array<[string, string, string, number]> = [
    ['missing VOTES', SAMPLE.split('\r\nVOTES')[0] as string, 'pb.missingSection', 0],
    ['wrong count', SAMPLE.replace('num_votes;2', 'num_votes;3'), 'pb.countMismatch', 5],
    [
      'unknown vote type',
      SAMPLE.replace('vote_type;cumulative', 'vote_type;quadratic'),
      'pb.unknownVoteType',
      7,
    ],
    ['negative cost', SAMPLE.replace('9;200;Agua', '9;-200;Agua'), 'pb.badCost', 14],
    ['non-numeric cost', SAMPLE.replace('9;200;Agua', '9;doscientos;Agua'), 'pb.badCost', 14],
    ['duplicate project', SAMPLE.replace('9;200;Agua', 'L010;200;Agua'), 'pb.duplicateProject', 14],
    [
      'vote for an unknown project',
      SAMPLE.replace('v2;M/31/VIII;3', 'v2;X;3'),
      'pb.unknownProject',
      18,
    ],
    [
      'project twice in a ballot',
      SAMPLE.replace('v2;M/31/VIII;3', 'v2;9,9;1,1'),
      'pb.duplicateVote',
      18,
    ],
    ['points misaligned', SAMPLE.replace('v2;M/31/VIII;3', 'v2;M/31/VIII;3,1'), 'pb.badPoints', 18],
    [
      'missing cost column',
      SAMPLE.replace('project_id;cost;name', 'project_id;price;name'),
      'pb.badHeader',
      10,
    ],
    ['short row', SAMPLE.replace('9;200;Agua', '9;200'), 'pb.badRow', 14],
    ['unterminated quote', SAMPLE.replace('9;200;Agua', '9;200;"Agua'), 'pb.unterminatedQuote', 14],
    ['no budget', SAMPLE.replace('budget;1000,5', 'presupuesto;1000'), 'pb.missingMeta', 1],
    ['bad budget', SAMPLE.replace('budget;1000,5', 'budget;mil'), 'pb.badBudget', 6],
    ['text before any section', 'hola\r\n' + SAMPLE, 'pb.contentOutsideSection', 1],
    ['two VOTES sections', SAMPLE + '\r\nVOTES', 'pb.duplicateSection', 19],
  ];
  it.each(broken)('refuses %s with a stable code and the line', (_name, text, code, line) => {
    expect(codeOf(text)).toEqual({ code, line });
  });

  it('refuses oversized input before looking at it, and a huge ballot list in linear time', () => {
    expect(() => parsePb('x'.repeat(101), 100)).toThrow(PbParseError);
    const many =
      SAMPLE.replace('num_votes;2', 'num_votes;200002') +
      '\r\n' +
      Array.from({ length: 200_000 }, (_, i) => `w${i};9;1`).join('\n');
    const t0 = performance.now();
    expect(parsePb(many).votes).toHaveLength(200_002);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});

const id = fc.stringMatching(/^[A-Za-z0-9/_-]{1,6}$/);
const text = fc.string({ unit: fc.constantFrom('a', 'Ñ', ';', '"', '\n', ' ', 'x', ',', 'ü') });
const cell = text.filter((s) => s !== '' && s.trim().toLowerCase() !== 'none');
const electionArb: fc.Arbitrary<PbElection> = fc
  .record({
    ids: fc.uniqueArray(id, { minLength: 1, maxLength: 6 }),
    costs: fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.nat(3)), {
      minLength: 6,
      maxLength: 6,
    }),
    names: fc.array(fc.option(cell, { nil: undefined }), { minLength: 6, maxLength: 6 }),
    type: fc.constantFrom<PbElection['voteType']>('approval', 'choose-1', 'cumulative', 'ordinal'),
    votes: fc.array(
      fc.tuple(fc.subarray([0, 1, 2, 3, 4, 5]), fc.option(cell, { nil: undefined })),
      { maxLength: 8 },
    ),
    description: cell,
  })
  .map(({ ids, costs, names, type, votes, description }): PbElection => {
    const projects = ids.map((pid, i) => {
      const [n, k] = costs[i] as [bigint, number];
      const name = names[i];
      const fields: Record<string, string> = name === undefined ? {} : { name };
      return { id: pid, cost: Rational.of(n, 10n ** BigInt(k)), fields };
    });
    return {
      meta: {
        description,
        budget: '1000',
        vote_type: type,
        num_projects: String(ids.length),
        num_votes: String(votes.length),
      },
      budget: Rational.of(1000),
      voteType: type,
      projectColumns: ['project_id', 'cost', 'name'],
      voteColumns:
        type === 'cumulative'
          ? ['voter_id', 'vote', 'points', 'district']
          : ['voter_id', 'vote', 'district'],
      projects,
      votes: votes.map(([sel, district], v) => {
        const vote = sel.filter((i) => i < ids.length).map((i) => ids[i] as string);
        const vote2: PbVote = {
          voterId: `v${v}`,
          vote,
          ...(type === 'cumulative' ? { points: vote.map((_, k) => k + 1) } : {}),
          fields: {},
        };
        if (district !== undefined) vote2.fields['district'] = district;
        return vote2;
      }),
    };
  });

describe('writePb', () => {
  it('round-trips: parse(write(x)) equals x', () => {
    fc.assert(
      fc.property(electionArb, (e) => {
        expect(parsePb(writePb(e))).toEqual(e);
        return true;
      }),
    );
  });
  it('round-trips a parsed file', () => {
    const e = parsePb(SAMPLE);
    expect(parsePb(writePb(e))).toEqual(e);
  });
});
