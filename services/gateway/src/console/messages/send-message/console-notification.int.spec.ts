import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDraftSchema, type ConsoleDraftInput } from '@herald/contracts';
import { createLogger } from '@herald/telemetry';
import { CapturedLogs } from '@herald/testing';
import { Problem } from '../../../problem-details.filter.js';
import { CardBinder } from '../../../notifications/card-binding/card-binder.js';
import { consoleNotificationRequest, NOT_SENDABLE } from './console-notification.js';

// Real binder processes, as the gateway runs them: an advanced card is bound to its data there.
let cards: CardBinder;
beforeAll(async () => {
  cards = new CardBinder(createLogger({ service: 'test', destination: new CapturedLogs() }));
  await cards.onModuleInit();
});
afterAll(() => cards?.onApplicationShutdown());

const NOW = new Date('2026-12-08T12:00:00Z');
const TEAM = '19:team@thread.tacv2';
const GROUP = '6f1e0b7a-1111-4222-8333-944444444444';
const M365 = '7a2f1c8b-2222-4333-8444-a55555555555';
const context = { notificationId: 'console-m-1', tenantId: 'tenant-1', now: NOW };
const request = (input: ConsoleDraftInput, send: { sendAt?: string } = {}) => consoleNotificationRequest(consoleDraftSchema.parse(input), send, context, cards);

async function problemsOf(input: ConsoleDraftInput, send: { sendAt?: string } = {}): Promise<unknown> {
  try {
    await request(input, send);
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    expect(error.getStatus()).toBe(422);
    const body = error.getResponse() as { type: string; extensions: { problems: unknown } };
    expect(body.type).toBe(NOT_SENDABLE);
    return body.extensions.problems;
  }
  throw new Error('the draft was not refused');
}

describe('a console message as a notification', () => {
  it('addresses each part of the audience in the author tenant, each recipient once', async () => {
    const audience = {
      teams: [{ teamId: TEAM }, { teamId: TEAM, channelId: '19:news@thread.tacv2' }, { teamId: TEAM }],
      teamMembers: [{ teamId: TEAM, aadGroupId: M365 }],
      groups: [{ groupId: GROUP }],
      everyone: true,
    };
    const { request: asked } = await request({ title: 'Hello', audience });
    expect(asked.recipients).toEqual([
      { teamId: TEAM, tenantId: 'tenant-1' },
      { channelId: '19:news@thread.tacv2', teamId: TEAM, tenantId: 'tenant-1' },
      { groupId: M365, tenantId: 'tenant-1' },
      { groupId: GROUP, tenantId: 'tenant-1' },
      { allUsers: true, tenantId: 'tenant-1' },
    ]);
  });

  it('shows the composed card, its Acknowledge button carrying the notification id, at its sendAt', async () => {
    const { request: asked, content } = await request({ title: 'Hello', acknowledge: true, audience: { everyone: true } }, { sendAt: '2026-12-09T09:00:00+01:00' });
    expect(asked.sendAt).toBe('2026-12-09T09:00:00+01:00');
    expect(content.card).toMatchObject({ type: 'AdaptiveCard', actions: [{ type: 'Action.Execute', verb: 'acknowledge', data: { notificationId: 'console-m-1' } }] });
  });

  it('binds an advanced card to its data in the binders', async () => {
    const advanced = { card: { type: 'AdaptiveCard' as const, body: [{ type: 'TextBlock', text: 'Hello ${name}' }] }, data: { name: 'Megan' } };
    const { content } = await request({ advanced, audience: { everyone: true } });
    expect(content.card).toMatchObject({ body: [{ type: 'TextBlock', text: 'Hello Megan' }] });
  });

  it('names every problem field by field (422): nothing to show, nobody to reach, a time that passed', async () => {
    expect(await problemsOf({ title: ' ' }, { sendAt: '2026-12-08T11:00:00Z' })).toEqual([
      { field: 'title', message: expect.any(String) },
      { field: 'audience', message: expect.any(String) },
      { field: 'sendAt', message: expect.stringContaining('passed') },
    ]);
  });

  it('refuses a sendAt further ahead than the notification API allows, naming sendAt', async () => {
    const problems = await problemsOf({ title: 'Hi', audience: { everyone: true } }, { sendAt: new Date(Date.now() + 100 * 86_400_000).toISOString() });
    expect(problems).toEqual([{ field: 'sendAt', message: expect.stringContaining('60 days') }]);
  });

  it('an advanced card that cannot be bound to its data is a problem of advanced.card', async () => {
    const advanced = { card: { type: 'AdaptiveCard' as const, $data: '${items}', body: [{ type: 'TextBlock', text: '${title}' }] }, data: { items: [{ title: 'a' }, { title: 'b' }] } };
    expect(await problemsOf({ advanced, audience: { everyone: true } })).toEqual([{ field: 'advanced.card', message: expect.any(String) }]);
  });
});
