import { describe, expect, it } from 'vitest';
import type { InboundActivity } from '@herald/contracts';
import { fixture } from '@herald/testing';
import { activityReceived } from './activity-received.js';
import { withoutSecrets } from './without-secrets.js';

describe('withoutSecrets (what the gateway stores of an activity)', () => {
  it('drops the single sign-on token of a token exchange and keeps the rest', () => {
    const exchange = fixture<InboundActivity>('invoke-signin-tokenExchange.json');
    const stored = withoutSecrets(activityReceived({ ...exchange, value: { id: 'x-1', connectionName: 'herald', token: 'eyJ.secret.sig' } }, new Date()));
    expect(stored.data.activity.value).toEqual({ id: 'x-1', connectionName: 'herald', token: '[redacted]' });
    expect(JSON.stringify(stored)).not.toContain('eyJ.secret.sig');
  });

  it('drops the sign-in code of a state to verify', () => {
    const verify = fixture<InboundActivity>('invoke-signin-verifyState.json');
    const stored = withoutSecrets(activityReceived({ ...verify, value: { state: '123456' } }, new Date()));
    expect(stored.data.activity.value).toEqual({ state: '[redacted]' });
  });

  it('leaves every other activity as it came', () => {
    const message = activityReceived(fixture<InboundActivity>('message-personal.json'), new Date());
    expect(withoutSecrets(message)).toBe(message);
  });
});
