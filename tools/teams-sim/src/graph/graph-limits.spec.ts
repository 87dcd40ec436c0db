import { describe, expect, it } from 'vitest';
import { GraphLimits } from './graph-limits.js';

describe('GraphLimits', () => {
  it('admits nothing beyond the limits by default', () => {
    const limits = new GraphLimits();
    for (let i = 0; i < 1_000; i++) expect(limits.admit('t1', true, 0)).toBe(0);
  });

  it('admits perTenantPerSecond calls in any one-second window, per tenant, and says how long to wait', () => {
    const limits = new GraphLimits();
    limits.configure({ perTenantPerSecond: 3 });
    expect([0, 100, 200].map((at) => limits.admit('t1', false, at))).toEqual([0, 0, 0]);
    expect(limits.admit('t1', false, 300)).toBe(700);
    expect(limits.admit('t2', false, 300)).toBe(0);
    expect(limits.admit('t1', false, 1_000)).toBe(0);
  });

  it('limits installs separately, and counts them as calls too', () => {
    const limits = new GraphLimits();
    limits.configure({ perTenantPerSecond: 4, installsPerTenantPerSecond: 2 });
    expect(limits.admit('t1', true, 0)).toBe(0);
    expect(limits.admit('t1', true, 10)).toBe(0);
    expect(limits.admit('t1', true, 20)).toBe(980);
    expect(limits.admit('t1', false, 30)).toBe(0);
    expect(limits.admit('t1', false, 40)).toBe(0);
    expect(limits.admit('t1', false, 50)).toBe(950);
  });
});
