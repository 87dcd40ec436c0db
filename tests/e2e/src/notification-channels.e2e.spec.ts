import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, fixture } from '@herald/testing';
import { startHerald, type Herald } from './herald-harness.js';

/**
 * A `{ teamId, channelId }` recipient reaches that channel only when Herald knows it is a channel
 * of that team: otherwise a caller (a key restricted to one tenant, say) could name its own team
 * and another tenant's channel, and Herald would post there with its own bot token.
 */
const API_KEY = 'channels-key';
const teamInstall = fixture<Record<string, unknown>>('conversationUpdate-botAdded-team.json');
const channelCreated = fixture<Record<string, unknown>>('conversationUpdate-channelCreated.json');
const TENANT = (teamInstall['conversation'] as { tenantId: string }).tenantId;
const TEAM = (teamInstall['conversation'] as { id: string }).id;
const NEW_CHANNEL = '19:0a1b2c3d4e5f40718293a4b5c6d7e8f9@thread.tacv2';
const FOREIGN_CHANNEL = '19:ffffeeeeddddccccbbbbaaaa99998888@thread.tacv2';
let herald: Herald;
let db: pg.Client;

const post = async (activity: Record<string, unknown>) => {
  const token = await herald.sim.mintChannelToken({ serviceUrl: herald.sim.serviceUrl });
  await request(herald.gatewayUrl).post('/api/messages').set('Authorization', `Bearer ${token}`).send({ ...activity, serviceUrl: herald.sim.serviceUrl }).expect(200);
};
const notify = (body: unknown) => request(herald.gatewayUrl).post('/api/v1/notifications').set('Authorization', `Bearer ${API_KEY}`).send(body as object);
const recipientsOf = async (id: string) =>
  eventually(async () => {
    const response = await request(herald.gatewayUrl).get(`/api/v1/notifications/${id}/recipients`).set('Authorization', `Bearer ${API_KEY}`);
    return response.body.recipients?.length ? (response.body.recipients as { recipientKey: string; bucket: string; code: string | null }[]) : undefined;
  }, 15_000, `notification ${id} settled`);
const postedTo = (channelId: string) => herald.sim.connectorCalls.filter((call) => call.operation === 'sendToConversation' && call.conversationId === channelId);

beforeAll(async () => {
  herald = await startHerald({ env: { HERALD_API_KEYS: API_KEY } });
  await herald.startRouter();
  db = new pg.Client({ connectionString: herald.databaseUrl });
  await db.connect();
  await post({ ...teamInstall, id: 'team-install' });
  await eventually(async () => Number((await db.query('select count(*) from notifier.known_conversations')).rows[0].count) === 1 || undefined, 15_000, 'team known');
});

afterAll(async () => {
  await db?.end();
  await herald?.close();
});

describe('a notification to a channel of a team', () => {
  it('never goes to a channel Herald does not know in that team: NotInstalled(ChannelUnknown), no call', async () => {
    const created = await notify({ recipients: [{ teamId: TEAM, channelId: FOREIGN_CHANNEL, tenantId: TENANT }], text: 'To a channel of someone else' });
    expect(created.status).toBe(202);
    expect(await recipientsOf(created.body.id as string)).toMatchObject([{ recipientKey: FOREIGN_CHANNEL, bucket: 'NotInstalled', code: 'ChannelUnknown' }]);
    expect(postedTo(FOREIGN_CHANNEL)).toHaveLength(0);
  });

  it('goes to the General channel, and to a channel Teams announced in that team', async () => {
    await post({
      ...channelCreated,
      id: 'channel-created',
      conversation: { ...(channelCreated['conversation'] as object), id: TEAM, tenantId: TENANT },
      channelData: { ...(channelCreated['channelData'] as object), channel: { id: NEW_CHANNEL, name: 'Announcements' }, team: { id: TEAM }, tenant: { id: TENANT } },
    });
    await eventually(async () => Number((await db.query('select count(*) from notifier.known_channels where channel_id = $1', [NEW_CHANNEL])).rows[0].count) === 1 || undefined, 15_000, 'channel known');
    const created = await notify({ recipients: [{ teamId: TEAM }, { teamId: TEAM, channelId: NEW_CHANNEL }], text: 'To the team' });
    const settled = await eventually(async () => ((await recipientsOf(created.body.id as string)).length === 2 ? recipientsOf(created.body.id as string) : undefined), 15_000, 'both settled');
    expect(settled.map(({ recipientKey, bucket }) => [recipientKey, bucket]).sort()).toEqual([[NEW_CHANNEL, 'Delivered'], [TEAM, 'Delivered']].sort());
    expect(postedTo(NEW_CHANNEL)).toHaveLength(1);
  });
});
