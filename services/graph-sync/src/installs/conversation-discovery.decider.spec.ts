import { describe, expect, it } from 'vitest';
import { metadataFor } from '@herald/contracts';
import { conversationDiscoveryDecider as decider, type ConversationFact, type DiscoverConversation } from './conversation-discovery.decider.js';

const conversationId = '19:a_b@unq.gbl.spaces';
const conversation = { conversationId, kind: 'personal' as const, tenantId: 't1', serviceUrl: 'https://smba.example/teams/', botId: '28:bot', user: { aadObjectId: 'u1' } };
const at = (time: string) => metadataFor({ occurredAt: new Date(time) });

const fact = (type: string, data: Record<string, unknown>, time = '2026-12-01T10:00:00Z'): ConversationFact => ({ type, data: { conversationId, ...data }, metadata: at(time) });
const installedByTeams = (installedAt: string) => fact('ConversationInstalled', { installedAt });
const uninstalled = fact('ConversationUninstalled', { uninstalledAt: '2026-12-01T11:00:00Z' });

const discover = (time: string, installedAt?: string): DiscoverConversation => ({
  type: 'DiscoverConversation',
  data: { conversation, ...(installedAt ? { installedAt } : {}) },
  metadata: at(time),
});

const given = (...events: ConversationFact[]) => events.reduce((state, event) => decider.evolve(state, event), decider.initialState());

describe('conversationDiscoveryDecider', () => {
  it('records a chat Herald has no install of, found by a lookup', () => {
    const [event] = decider.decide(discover('2026-12-07T12:00:00Z'), given());
    expect(event).toMatchObject({ type: 'ConversationDiscovered', data: { ...conversation, via: 'graphLookup', discoveredAt: '2026-12-07T12:00:00.000Z' } });
  });

  it('records nothing for a lookup of a chat a conversationUpdate already recorded', () => {
    expect(decider.decide(discover('2026-12-07T12:00:00Z'), given(installedByTeams('2026-12-01T10:00:00Z')))).toEqual([]);
  });

  it('records a chat again after an uninstall', () => {
    const [event] = decider.decide(discover('2026-12-07T12:00:00Z'), given(installedByTeams('2026-12-01T10:00:00Z'), uninstalled));
    expect(event?.data['via']).toBe('graphLookup');
  });

  it('records a reinstall by this request even though the events still say installed (an uninstall Herald never heard of)', () => {
    const [event] = decider.decide(discover('2026-12-07T12:00:01Z', '2026-12-07T12:00:00Z'), given(installedByTeams('2026-12-01T10:00:00Z')));
    expect(event?.data['via']).toBe('graphInstall');
  });

  it("records nothing for this request's install when a record made since already has it", () => {
    const since = given(fact('ConversationDiscovered', { ...conversation, via: 'graphLookup', discoveredAt: '2026-12-07T12:00:00.500Z' }));
    expect(decider.decide(discover('2026-12-07T12:00:01Z', '2026-12-07T12:00:00Z'), since)).toEqual([]);
  });

  it('derives the same event id for every decision at the same position, so concurrent requests append once', () => {
    const [byInstall] = decider.decide(discover('2026-12-07T12:00:01Z', '2026-12-07T12:00:00Z'), given());
    const [byLookup] = decider.decide(discover('2026-12-07T12:00:02Z'), given());
    expect(byInstall?.metadata.id).toBe(byLookup?.metadata.id);
    const [later] = decider.decide(discover('2026-12-07T12:00:02Z'), given(installedByTeams('2026-12-01T10:00:00Z'), uninstalled));
    expect(later?.metadata.id).not.toBe(byLookup?.metadata.id);
  });
});
