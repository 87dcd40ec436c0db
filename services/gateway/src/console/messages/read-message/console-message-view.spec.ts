import { describe, expect, it } from 'vitest';
import { initialState, type ConsoleMessage } from '../console-message.js';
import { consoleMessageState } from './console-message-view.js';

const NOW = new Date('2026-12-08T12:00:00Z');
const sent = (sendAt?: string): ConsoleMessage => ({ ...initialState(), phase: 'sent', notificationId: 'console-m', send: sendAt ? { sendAt } : {} });

describe('where a console message stands', () => {
  it('before it is sent, as its events say', () => {
    for (const phase of ['draft', 'awaitingApproval', 'cancelled'] as const) expect(consoleMessageState({ ...initialState(), phase }, null, NOW)).toBe(phase);
  });

  it('once sent, as its notification says', () => {
    expect(consoleMessageState(sent(), { state: 'resolving' }, NOW)).toBe('sending');
    expect(consoleMessageState(sent(), { state: 'sending' }, NOW)).toBe('sending');
    expect(consoleMessageState(sent(), { state: 'completed' }, NOW)).toBe('sent');
    expect(consoleMessageState(sent(), { state: 'cancelled' }, NOW)).toBe('cancelled');
  });

  it('scheduled while its sendAt is ahead and nothing was sent yet', () => {
    expect(consoleMessageState(sent('2026-12-08T13:00:00Z'), { state: 'accepted' }, NOW)).toBe('scheduled');
    expect(consoleMessageState(sent('2026-12-08T13:00:00Z'), null, NOW)).toBe('scheduled');
    expect(consoleMessageState(sent('2026-12-08T11:00:00Z'), null, NOW)).toBe('sending');
    expect(consoleMessageState(sent(), null, NOW)).toBe('sending');
  });
});
