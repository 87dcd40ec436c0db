import { describe, expect, it } from 'vitest';
import { APP_ID, OTHER_APP_ID } from '../test-tokens.spec-helpers.js';
import { checkAudience } from './audience.check.js';

describe('audience check', () => {
  it.each([
    ['the app id as a string', APP_ID],
    ['a one-element array holding the app id', [APP_ID]],
  ])('accepts %s', (_name, aud) => {
    expect(() => checkAudience({ aud }, APP_ID)).not.toThrow();
  });

  it.each([
    ['another bot', OTHER_APP_ID],
    ['the app id in another case', APP_ID.toUpperCase()],
    ['an api:// form of the app id', `api://${APP_ID}`],
    ['an array naming another audience too', [APP_ID, OTHER_APP_ID]],
    ['an empty array', []],
    ['no audience', undefined],
  ])('refuses %s with 401', (_name, aud) => {
    expect(() => checkAudience(aud === undefined ? {} : { aud }, APP_ID)).toThrow(
      expect.objectContaining({ status: 401, check: 'audience' }),
    );
  });
});
