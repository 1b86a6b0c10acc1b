// Paper ballots typed by hand: the blank ballot the kiosk offers ("Voto en blanco", key 0)
// must be typeable too, or a blank paper ballot could only be voided or miscounted.
import { describe, expect, it } from 'vitest';
import { formatContent, parsePaperText } from './ballotText';
import type { Item } from './useVoting';

const round = { itemIds: ['p1', 'p2', 'p3'], ballotType: 'approval' as const };
const items = new Map<string, Item>(
  round.itemIds.map((id, i) => [id, { id, code: `P-00${i + 1}`, title: `T${i}`, costCents: null }]),
);

describe('parsePaperText', () => {
  it('"0" alone is a blank ballot, as at the kiosk', () => {
    expect(parsePaperText('0', round, items)).toEqual({
      ok: true,
      content: { choices: [], points: null, blank: true },
    });
    expect(parsePaperText(' 0 ', { ...round, ballotType: 'cumulative' }, items)).toEqual({
      ok: true,
      content: { choices: [], points: null, blank: true },
    });
  });

  it('blank together with a marked option is refused with the kiosk message', () => {
    expect(parsePaperText('0 2', round, items)).toEqual({
      ok: false,
      key: 'voting.error.blankWithChoices',
      params: {},
    });
  });

  it('numbers and codes still read as before', () => {
    expect(parsePaperText('1 P-003', round, items)).toEqual({
      ok: true,
      content: { choices: ['p1', 'p3'], points: null },
    });
    expect(parsePaperText('4', round, items)).toMatchObject({
      ok: false,
      key: 'voting.paper.unknownRef',
    });
  });
});

describe('formatContent', () => {
  it('a ballot with no choices (a stored blank entry) reads as the blank label', () => {
    expect(formatContent({ choices: [], points: null }, round, items, 'Voto en blanco')).toBe(
      'Voto en blanco',
    );
    expect(formatContent({ choices: ['p2'], points: null }, round, items, 'x')).toBe('P-002');
  });
});
