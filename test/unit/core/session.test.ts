import { SignInRequiredError } from '../../../src/core/session';

describe('SignInRequiredError', () => {
  it('carries its reason and a message without user data', () => {
    const error = new SignInRequiredError('expired');
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.reason, error.message]).toEqual([
      'SignInRequiredError',
      'expired',
      'The DigiOffice sign-in of this user has expired.',
    ]);
    expect(new SignInRequiredError('notLinked').message).toBe('No DigiOffice account is linked for this user.');
  });
});
