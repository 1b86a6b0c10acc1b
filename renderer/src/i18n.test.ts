// The app's error line for a seal refused for findings (test/unit/seal-refusal-lang.test.ts
// makes the refusal): the findings the core sends by key are said in the screen's language.
import { describe, expect, it } from 'vitest';
import { wordingOf } from './i18n';
import { ApiError } from './transport';

const refusal = new ApiError({
  code: 'CONFLICT',
  key: 'minutes.error.inconsistent',
  message: '',
  params: {
    count: 1,
    first: 'attendance a-1: day differs from the event log',
    findings: JSON.stringify([
      { where: 'attendance a-1', key: 'check.consistency.fieldDiffers', params: { field: 'day' } },
    ]),
    zone: 'America/Lima',
  },
});

describe('errorText', () => {
  it('says a refusal’s findings in the screen’s language, not the core’s English', () => {
    expect(wordingOf('es').errorText(refusal)).toContain(
      'los primeros: attendance a-1: day difiere del registro de eventos)',
    );
    expect(wordingOf('quz').errorText(refusal)).toContain(
      'attendance a-1: day columnaqa ruwasqakunap registronmanta hukniraqmi',
    );
    expect(wordingOf('en').errorText(refusal)).toContain(
      'the first: attendance a-1: day differs from the event log',
    );
    expect(wordingOf('es').errorText(refusal)).not.toContain('differs from');
  });
});
