import { describe, expect, it } from 'vitest';
import type { SignInUser, SignOutUser, UserEvent } from '@herald/contracts';
import { decide, evolve, initialState } from './user-link.decider.js';

const metadata = (id: string) => ({ id, occurredAt: '2026-12-07T12:00:00.000Z', correlationId: id, causationId: null });
const person = { teamsUserId: '29:megan', tenantId: 'tenant-1' };
const signIn = (id: string, account: Partial<SignInUser['data']> = {}): SignInUser => ({
  type: 'SignInUser',
  data: { ...person, aadObjectId: 'aad-megan', upn: 'megan@contoso.example', displayName: 'Megan Bowen', method: 'sso', ...account },
  metadata: metadata(id),
});
const signOut = (id: string): SignOutUser => ({ type: 'SignOutUser', data: { teamsUserId: person.teamsUserId }, metadata: metadata(id) });
const fold = (events: UserEvent[]) => events.reduce(evolve, initialState());

describe('user link', () => {
  it('links the account a person signs in with, with an event id derived from the command', () => {
    const events = decide(signIn('exchange-1'), initialState());
    expect(events).toMatchObject([{ type: 'UserSignedIn', data: { teamsUserId: '29:megan', upn: 'megan@contoso.example', method: 'sso' } }]);
    expect(decide(signIn('exchange-1'), initialState())[0]?.metadata.id).toBe(events[0]?.metadata.id);
    expect(fold(events)).toEqual({ linked: { aadObjectId: 'aad-megan', upn: 'megan@contoso.example', displayName: 'Megan Bowen', tenantId: 'tenant-1' } });
  });

  it('signing in again as the same account changes nothing; another account or a new name replaces the link', () => {
    const linked = fold(decide(signIn('exchange-1'), initialState()));
    expect(decide(signIn('exchange-2'), linked)).toEqual([]);
    expect(decide(signIn('exchange-3', { displayName: 'Megan B.' }), linked)).toHaveLength(1);
    expect(decide(signIn('exchange-4', { aadObjectId: 'aad-other', upn: 'other@contoso.example' }), linked)).toMatchObject([{ data: { upn: 'other@contoso.example' } }]);
  });

  it('signing out ends the link, naming the account it ended; when not signed in it changes nothing', () => {
    const linked = fold(decide(signIn('exchange-1'), initialState()));
    const events = decide(signOut('out-1'), linked);
    expect(events).toMatchObject([{ type: 'UserSignedOut', data: { teamsUserId: '29:megan', tenantId: 'tenant-1', aadObjectId: 'aad-megan', upn: 'megan@contoso.example' } }]);
    expect(fold([...decide(signIn('exchange-1'), initialState()), ...events])).toEqual({});
    expect(decide(signOut('out-2'), initialState())).toEqual([]);
  });
});
