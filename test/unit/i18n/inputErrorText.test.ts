import { fieldErrorText, inputErrorLine } from '../../../src/i18n/inputErrorText';

describe('fieldErrorText()', () => {
  it('localises our own errors by code, with their parameters', () => {
    const tooLong = { field: 'comment' as const, code: 'tooLong' as const, params: { max: '4000' } };
    expect(fieldErrorText('en', tooLong)).toBe('At most 4000 characters.');
    expect(fieldErrorText('nl', tooLong)).toBe('Maximaal 4000 tekens.');
  });

  it('names the transition that needs assignees', () => {
    const missing = { field: 'assignees' as const, code: 'required' as const, params: { transition: 'Forward for review' } };
    expect(fieldErrorText('nl', missing)).toBe('Kies minstens één persoon, groep of rol voor "Forward for review".');
    expect(fieldErrorText('en', { field: 'reason', code: 'required' })).toBe('This is required.');
  });

  it('shows an error only DigiOffice worded after a sentence in the viewer’s language', () => {
    expect(fieldErrorText('nl', { field: 'reason', message: "'Reason' is too vague." })).toBe(
      "DigiOffice heeft dit niet geaccepteerd en meldt: 'Reason' is too vague.",
    );
    expect(fieldErrorText('en', { field: null, message: 'Workflow task 42 is locked.' })).toBe(
      'DigiOffice did not accept this and says: Workflow task 42 is locked.',
    );
  });
});

describe('inputErrorLine()', () => {
  it('names the input in the viewer’s language, so the line stands on its own', () => {
    expect(inputErrorLine('en', { field: 'deferToDate', code: 'inPast' })).toBe('Defer until: Choose a moment in the future.');
    expect(inputErrorLine('nl', { field: 'reason', code: 'required' })).toBe('Reden: Dit is verplicht.');
  });

  it('leaves errors about the task, the transition or the whole action as they are', () => {
    expect(inputErrorLine('en', { field: 'transition', code: 'transitionMissing' })).toBe('Choose one of the steps this task offers.');
    expect(inputErrorLine('en', { field: null, code: 'invalidTimeZone', params: { zone: 'Mars/Olympus' } })).toBe(
      'Your time zone (Mars/Olympus) is unknown, so the date cannot be read.',
    );
  });
});
