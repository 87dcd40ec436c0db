import { describe, expect, it } from 'vitest';
import { CallbackTargetPolicy } from './callback-targets.js';

const production = new CallbackTargetPolicy({ allowedHosts: [], allowedCidrs: [], allowLoopback: false });

describe('where a callback may connect', () => {
  it.each([
    ['10.0.0.7'], ['172.20.1.1'], ['192.168.1.10'], ['127.0.0.1'], ['127.9.9.9'], ['169.254.169.254'], ['0.0.0.0'], ['100.64.0.1'],
    ['224.0.0.1'], ['255.255.255.255'], ['::1'], ['::'], ['fd00::1'], ['fe80::1'], ['ff02::1'], ['::ffff:127.0.0.1'], ['::ffff:10.0.0.1'], ['64:ff9b::a00:1'],
  ])('refuses %s in production', (address) => {
    expect(production.refusal('app.example.com', address)).toMatch(/private, loopback, link-local or reserved/);
  });

  it.each([['20.190.151.7'], ['52.112.0.1'], ['2603:1036::1']])('lets a public address (%s) through', (address) => {
    expect(production.refusal('app.example.com', address)).toBeUndefined();
  });

  it('lets loopback through in dev mode only, and plain http only to loopback in dev mode', () => {
    const dev = new CallbackTargetPolicy({ allowedHosts: [], allowedCidrs: [], allowLoopback: true });
    expect(dev.refusal('localhost', '127.0.0.1')).toBeUndefined();
    expect(dev.refusal('localhost', '::1')).toBeUndefined();
    expect(dev.refusal('app', '10.0.0.1')).toBeDefined();
    expect(dev.allowsPlainHttp('127.0.0.1')).toBe(true);
    expect(dev.allowsPlainHttp('20.190.151.7')).toBe(false);
    expect(production.allowsPlainHttp('127.0.0.1')).toBe(false);
  });

  it('lets allowlisted CIDRs and hosts through, nothing else', () => {
    const policy = new CallbackTargetPolicy({ allowedHosts: ['hooks.internal', '*.apps.corp'], allowedCidrs: ['10.20.0.0/16', 'fd00:1::/64'], allowLoopback: false });
    expect(policy.refusal('x', '10.20.3.4')).toBeUndefined();
    expect(policy.refusal('x', 'fd00:1::5')).toBeUndefined();
    expect(policy.refusal('x', '10.21.0.1')).toBeDefined();
    expect(policy.refusal('hooks.internal', '10.99.0.1')).toBeUndefined();
    expect(policy.refusal('billing.apps.corp', '192.168.0.9')).toBeUndefined();
    expect(policy.refusal('apps.corp', '192.168.0.9')).toBeDefined();
    expect(policy.refusal('hooks.internal.evil.com', '10.99.0.1')).toBeDefined();
  });
});
