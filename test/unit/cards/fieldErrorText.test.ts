import { fieldErrorText } from '../../../src/cards/fieldErrorText';

describe('fieldErrorText()', () => {
  it('localises our own errors by code, with their parameters', () => {
    const tooLong = {
      field: 'comment' as const,
      code: 'tooLong' as const,
      params: { max: '4000' },
      message: 'Comment is 4001 characters long; at most 4000 are allowed.',
    };
    expect(fieldErrorText('en', tooLong)).toBe('At most 4000 characters.');
    expect(fieldErrorText('nl', tooLong)).toBe('Maximaal 4000 tekens.');
  });

  it('names the transition that needs assignees', () => {
    const missing = { field: 'assignees' as const, code: 'required' as const, params: { transition: 'Forward for review' }, message: 'x' };
    expect(fieldErrorText('nl', missing)).toBe('Kies minstens één persoon, groep of rol voor "Forward for review".');
    expect(fieldErrorText('en', { field: 'reason', code: 'required', message: 'x' })).toBe('This is required.');
  });

  it('shows DigiOffice’s own errors as DigiOffice worded them', () => {
    expect(fieldErrorText('nl', { field: 'reason', message: "'Reason' must not be empty." })).toBe("'Reason' must not be empty.");
  });
});
