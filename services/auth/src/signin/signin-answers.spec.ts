import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture } from '@herald/testing';
import { signinAnswer } from './signin-answers.js';

describe('signinAnswer (sign-in not configured yet)', () => {
  it('answers a token exchange 412 with its id and connection, so Teams shows the sign-in button', () => {
    const activity = fixture<InboundActivity>('invoke-signin-tokenExchange.json');
    const value = activity.value as { id: string; connectionName: string };
    expect(signinAnswer(activity)).toEqual({
      status: 412,
      body: { id: value.id, connectionName: value.connectionName, failureDetail: expect.stringContaining('not set up') },
    });
  });

  it('finds no pending sign-in for a state to verify (404), acknowledges a failure, and 501s the rest', () => {
    expect(signinAnswer(fixture<InboundActivity>('invoke-signin-verifyState.json'))).toEqual({ status: 404 });
    expect(signinAnswer({ ...fixture<InboundActivity>('invoke-signin-verifyState.json'), name: 'signin/failure' })).toEqual({ status: 200 });
    expect(signinAnswer({ ...fixture<InboundActivity>('invoke-signin-verifyState.json'), name: 'signin/unknown' })).toEqual({ status: 501 });
  });
});
