import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture } from '@herald/testing';
import { otherSigninAnswer } from './signin-answers.js';

describe('otherSigninAnswer', () => {
  it('acknowledges a failure Teams reports, and 501s invokes it does not know', () => {
    expect(otherSigninAnswer({ ...fixture<InboundActivity>('invoke-signin-verifyState.json'), name: 'signin/failure' })).toEqual({ status: 200 });
    expect(otherSigninAnswer({ ...fixture<InboundActivity>('invoke-signin-verifyState.json'), name: 'signin/unknown' })).toEqual({ status: 501 });
  });
});
