import { describe, expect, it } from 'vitest';
import { initialOfficialPick } from './official-pick';

describe('the official-result select', () => {
  it('starts on the only closed round', () => {
    expect(initialOfficialPick({ roundId: null, candidates: [{ id: 'r1' }] })).toBe('r1');
  });
  it('never preselects among several', () => {
    expect(initialOfficialPick({ roundId: null, candidates: [{ id: 'r1' }, { id: 'r2' }] })).toBe(
      '',
    );
    expect(initialOfficialPick({ roundId: null, candidates: [] })).toBe('');
  });
  it('keeps the round already chosen', () => {
    expect(initialOfficialPick({ roundId: 'r2', candidates: [{ id: 'r1' }, { id: 'r2' }] })).toBe(
      'r2',
    );
  });
});
