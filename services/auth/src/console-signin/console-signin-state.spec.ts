import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONSOLE_SIGNIN_LIFETIME_MS, ConsoleSigninStates } from './console-signin-state.js';

const states = new ConsoleSigninStates('a-secret-of-at-least-thirty-two-characters');
const RETURN_TO = 'https://herald.example/console/';
const now = new Date('2026-12-07T10:00:00Z');

describe('the state of a console sign-in', () => {
  it('comes back with where to return, the nonce and the locale, in the browser that started it', () => {
    const started = states.start(RETURN_TO, 'de-DE', now);
    expect(states.verify(started.state, started.binding, now)).toEqual({ returnTo: RETURN_TO, nonce: started.nonce, locale: 'de-DE', expiresAt: now.getTime() + CONSOLE_SIGNIN_LIFETIME_MS });
  });

  it('is refused from another browser, once expired, or changed in any way', () => {
    const started = states.start(RETURN_TO, undefined, now);
    expect(states.verify(started.state, undefined, now)).toBeUndefined();
    expect(states.verify(started.state, states.start(RETURN_TO, undefined, now).binding, now)).toBeUndefined();
    expect(states.verify(started.state, started.binding, new Date(now.getTime() + CONSOLE_SIGNIN_LIFETIME_MS))).toBeUndefined();
    const [payload, mac] = started.state.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), r: 'https://evil.example/' })).toString('base64url');
    expect(states.verify(`${forged}.${mac}`, started.binding, now)).toBeUndefined();
    expect(states.verify(`${payload}.${mac}x`, started.binding, now)).toBeUndefined();
    expect(states.verify('not-a-state', started.binding, now)).toBeUndefined();
  });

  it('derives an S256 PKCE challenge from a verifier only the secret can compute', () => {
    const started = states.start(RETURN_TO, undefined, now);
    const verifier = states.codeVerifier(started.state);
    expect(verifier).toMatch(/^[\w-]{43}$/);
    expect(started.codeChallenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
    expect(new ConsoleSigninStates('another-secret-of-at-least-thirty-two-chars').codeVerifier(started.state)).not.toBe(verifier);
  });
});
