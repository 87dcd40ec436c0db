import { describe, expect, it } from 'vitest';
import { APP_ID, OTHER_APP_ID } from '../test-tokens.spec-helpers.js';
import { checkAllowedCaller } from './allowed-caller.check.js';

describe('allowed-caller check (Entra tokens: the app that obtained the token)', () => {
  it.each([
    ['a v2.0 token whose azp is allowed', { ver: '2.0', azp: APP_ID }],
    ['a v1.0 token whose appid is allowed', { ver: '1.0', appid: APP_ID }],
    ['an allowed app id in another case', { ver: '2.0', azp: APP_ID.toUpperCase() }],
  ])('accepts %s', (_name, claims) => {
    expect(() => checkAllowedCaller(claims, [APP_ID])).not.toThrow();
  });

  it.each([
    ['another app of the tenant (v2.0 azp)', { ver: '2.0', azp: OTHER_APP_ID }, [APP_ID]],
    ['another app of the tenant (v1.0 appid)', { ver: '1.0', appid: OTHER_APP_ID }, [APP_ID]],
    ['a v2.0 token carrying the allowed id only in appid', { ver: '2.0', appid: APP_ID, azp: OTHER_APP_ID }, [APP_ID]],
    ['a v1.0 token carrying the allowed id only in azp', { ver: '1.0', azp: APP_ID, appid: OTHER_APP_ID }, [APP_ID]],
    ['a v2.0 token without azp', { ver: '2.0' }, [APP_ID]],
    ['a token without ver', { azp: APP_ID, appid: APP_ID }, [APP_ID]],
    ['an unknown ver', { ver: '3.0', azp: APP_ID }, [APP_ID]],
    ['a non-string azp', { ver: '2.0', azp: [APP_ID] }, [APP_ID]],
    ['any caller when none is allowed', { ver: '2.0', azp: APP_ID }, []],
  ])('refuses %s with 401', (_name, claims, allowed) => {
    expect(() => checkAllowedCaller(claims, allowed)).toThrow(expect.objectContaining({ status: 401, check: 'allowed-caller' }));
  });
});
