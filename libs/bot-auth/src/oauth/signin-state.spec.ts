import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SigninStates } from './signin-state.js';

const states = new SigninStates('a secret of the deployment');
const starter = { teamsUserId: '29:megan', aadObjectId: 'aad-megan', conversationId: 'a:chat', tenantId: 'tenant-1' };
const now = new Date('2026-12-07T12:00:00Z');

describe('sign-in state', () => {
  it('comes back as the Teams user and conversation that started it, for 10 minutes', () => {
    const state = states.sign(starter, now);
    expect(states.verify(state, new Date(now.getTime() + 9 * 60_000))).toMatchObject(starter);
    expect(states.verify(state, new Date(now.getTime() + 10 * 60_000))).toBeUndefined();
  });

  it('is refused when forged, altered or signed with another secret', () => {
    const state = states.sign(starter, now);
    const [payload, mac] = state.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ u: '29:other', c: 'a:chat', t: 'tenant-1', x: now.getTime() + 60_000 })).toString('base64url');
    expect(states.verify(`${forged}.${mac}`, now)).toBeUndefined();
    expect(states.verify(`${payload}.${mac.slice(0, -1)}x`, now)).toBeUndefined();
    expect(new SigninStates('another secret').verify(state, now)).toBeUndefined();
    expect(states.verify('garbage', now)).toBeUndefined();
  });

  it('derives a PKCE verifier of 43 characters per state, which the S256 challenge hashes', () => {
    const state = states.sign(starter, now);
    const verifier = states.codeVerifier(state);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(states.codeVerifier(state)).toBe(verifier);
    expect(states.codeVerifier(states.sign({ ...starter, teamsUserId: '29:other' }, now))).not.toBe(verifier);
    expect(createHash('sha256').update(verifier).digest('base64url')).toHaveLength(43);
  });
});
