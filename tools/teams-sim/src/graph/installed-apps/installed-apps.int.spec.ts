import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../../teams-sim.js';
import type { TeamsSim } from '../../teams-sim.types.js';
import { APP_ID, APP_PASSWORD, callConnector, connectorToken } from '../../sim-test-support.spec-helpers.js';
import { teamsUserId } from '../../conversations/teams-ids.js';
import type { DirectoryUser } from '../directory/directory-user.js';
import { callGraph, graphAppToken, type GraphPage } from '../graph-test-support.spec-helpers.js';

/** A bot endpoint that records what the channel posts to it. */
async function startBot(): Promise<{ server: Server; url: string; received: Record<string, unknown>[] }> {
  const received: Record<string, unknown>[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ ...(JSON.parse(body) as Record<string, unknown>), authorization: request.headers.authorization });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`, received };
}

const until = async (check: () => boolean, timeoutMs = 3_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe("Microsoft Graph: a user's installed apps, install, and the installation's chat", () => {
  let sim: TeamsSim;
  let bot: Awaited<ReturnType<typeof startBot>>;
  let token: string;
  let users: DirectoryUser[];
  const apps = (user: DirectoryUser) => `/v1.0/users/${user.id}/teamwork/installedApps`;
  const install = (user: DirectoryUser, appId = sim.teamsAppId) =>
    callGraph(sim, token, apps(user), { method: 'POST', body: { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${appId}` } });
  const lookUp = async (user: DirectoryUser) =>
    ((await (await callGraph(sim, token, `${apps(user)}?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${sim.teamsAppId}'`)}`)).json()) as GraphPage).value;

  beforeAll(async () => {
    bot = await startBot();
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botEndpoint: bot.url, installEvents: 'sometimes' });
    token = await graphAppToken(sim);
    users = sim.seedDirectory({ users: 10 });
  });
  afterAll(async () => {
    await sim.close();
    bot.server.close();
  });

  it('installs the app (201, no body, as documented), then lists it filtered and expanded; 409 when installed', async () => {
    expect(await lookUp(users[0]!)).toEqual([]);
    const created = await install(users[0]!);
    expect(created.status).toBe(201);
    expect(await created.text()).toBe('');
    const [found] = await lookUp(users[0]!);
    expect(found).toEqual({ id: expect.any(String), teamsApp: { id: sim.teamsAppId, externalId: APP_ID, displayName: 'Herald', distributionMethod: 'organization' } });
    expect(Buffer.from(String(found?.['id']), 'base64').toString()).toBe(`${users[0]!.id}##${sim.teamsAppId}`);
    const again = await install(users[0]!);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('Conflict');
    const filteredOut = await callGraph(sim, token, `${apps(users[0]!)}?$filter=${encodeURIComponent("teamsApp/id eq 'someone-else'")}`);
    expect(((await filteredOut.json()) as GraphPage).value).toEqual([]);
    expect(sim.installs.map(({ userId, status }) => ({ userId, status }))).toEqual([
      { userId: users[0]!.id, status: 201 },
      { userId: users[0]!.id, status: 409 },
    ]);
    expect(sim.installs[0]!.at).toBeLessThanOrEqual(Date.now());
  });

  it("answers the installation's one-on-one chat with a stable 19:…@unq.gbl.spaces id", async () => {
    const [found] = await lookUp(users[0]!);
    const chat = await callGraph(sim, token, `${apps(users[0]!)}/${String(found?.['id'])}/chat`);
    expect(chat.status).toBe(200);
    const body = (await chat.json()) as { id: string; chatType: string; '@odata.context': string };
    const ids = [users[0]!.id, APP_ID].sort();
    expect(body.id).toBe(`19:${ids[0]}_${ids[1]}@unq.gbl.spaces`);
    expect(body).toMatchObject({ chatType: 'oneOnOne', '@odata.context': `${sim.graphBaseUrl}/v1.0/$metadata#chats/$entity` });
    expect((await callGraph(sim, token, `${apps(users[1]!)}/bm9uZQ==/chat`)).status).toBe(404);
  });

  it('posts a conversationUpdate (bot added) for that chat after some installs and not after others', async () => {
    for (const user of users.slice(1, 4)) expect((await install(user)).status).toBe(201);
    await until(() => bot.received.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const announced = sim.installs.filter((entry) => entry.status === 201).map((entry) => entry.conversationUpdate);
    expect(announced).toEqual([true, false, true, false]);
    expect(bot.received.map((activity) => (activity['from'] as { aadObjectId: string }).aadObjectId)).toEqual([users[0]!.id, users[2]!.id]);
    const [first] = bot.received;
    expect(first).toMatchObject({
      type: 'conversationUpdate',
      channelId: 'msteams',
      serviceUrl: sim.serviceUrl,
      membersAdded: [{ id: `28:${APP_ID}` }],
      conversation: { conversationType: 'personal', tenantId: sim.tenantId, id: expect.stringMatching(/^19:.*@unq\.gbl\.spaces$/) },
      authorization: expect.stringMatching(/^Bearer /),
    });
  });

  it("lets the bot send to the chat; after an uninstall the Bot Connector answers 403 until it is reinstalled", async () => {
    const [found] = await lookUp(users[1]!);
    const { id: chatId } = (await (await callGraph(sim, token, `${apps(users[1]!)}/${String(found?.['id'])}/chat`)).json()) as { id: string };
    const connector = await connectorToken(sim);
    const send = () => callConnector(sim, 'POST', `v3/conversations/${encodeURIComponent(chatId)}/activities`, { token: connector, body: { type: 'message', text: 'hi' } });
    expect((await send()).status).toBe(201);
    sim.uninstallApp(users[1]!.id);
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('BotNotInConversationRoster');
    expect(await lookUp(users[1]!)).toEqual([]);
    expect((await install(users[1]!)).status).toBe(201);
    expect((await send()).status).toBe(201);
  });

  it("finds the bot's app in the organization's catalog by its manifest id", async () => {
    const found = await callGraph(sim, token, `/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent(`externalId eq '${APP_ID}'`)}`);
    expect(((await found.json()) as GraphPage).value).toEqual([{ id: sim.teamsAppId, externalId: APP_ID, displayName: 'Herald', distributionMethod: 'organization' }]);
    const none = await callGraph(sim, token, `/v1.0/appCatalogs/teamsApps?$filter=${encodeURIComponent("externalId eq 'other'")}`);
    expect(((await none.json()) as GraphPage).value).toEqual([]);
  });

  it('answers 404 for an unknown user or app, 400 without teamsApp@odata.bind', async () => {
    const stranger = { ...users[0]!, id: '00000000-0000-4000-8000-000000000001' };
    expect((await install(stranger)).status).toBe(404);
    expect((await install(users[5]!, '11111111-2222-4333-8444-555555555555')).status).toBe(404);
    const unbound = await callGraph(sim, token, apps(users[5]!), { method: 'POST', body: {} });
    expect(unbound.status).toBe(400);
  });

  it('finds the user by userPrincipalName too', async () => {
    const byUpn = await callGraph(sim, token, `/v1.0/users/${encodeURIComponent(users[0]!.userPrincipalName.toUpperCase())}/teamwork/installedApps`);
    expect(((await byUpn.json()) as GraphPage).value).toHaveLength(1);
  });
});

describe("an install's conversationUpdate naming the chat by its Bot Framework id", () => {
  it("uses the a:1… id of the user's personal chat; both ids reach the chat, and both refuse after an uninstall", async () => {
    const bot = await startBot();
    const sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD, botEndpoint: bot.url, installEventConversationId: 'personal' });
    try {
      const [user] = sim.seedDirectory({ users: 1 });
      const token = await graphAppToken(sim);
      const bind = { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${sim.teamsAppId}` };
      expect((await callGraph(sim, token, `/v1.0/users/${user!.id}/teamwork/installedApps`, { method: 'POST', body: bind })).status).toBe(201);
      await until(() => bot.received.length >= 1);
      const personalId = (bot.received[0]!['conversation'] as { id: string }).id;
      expect(personalId).toMatch(/^a:1/);
      const connector = await connectorToken(sim);
      const send = (id: string) => callConnector(sim, 'POST', `v3/conversations/${encodeURIComponent(id)}/activities`, { token: connector, body: { type: 'message', text: 'hi' } });
      const [installation] = ((await (await callGraph(sim, token, `/v1.0/users/${user!.id}/teamwork/installedApps`)).json()) as GraphPage).value;
      const chat = await callGraph(sim, token, `/v1.0/users/${user!.id}/teamwork/installedApps/${String(installation?.['id'])}/chat`);
      const { id: chatId } = (await chat.json()) as { id: string };
      expect((await send(personalId)).status).toBe(201);
      expect((await send(chatId)).status).toBe(201);
      sim.uninstallApp(user!.id);
      expect((await send(personalId)).status).toBe(403);
      expect((await send(chatId)).status).toBe(403);
    } finally {
      await sim.close();
      bot.server.close();
    }
  });
});

describe('a generated user as the rest of the sim describes them', () => {
  it('is the same person in Entra, Graph /me and the Bot Connector member API (a guest with userRole guest)', async () => {
    const sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    try {
      const [member, guest] = [...sim.seedDirectory({ users: 1, guests: 1 })];
      expect(sim.getUser(member!.id)).toMatchObject({ displayName: member!.displayName, userPrincipalName: member!.userPrincipalName, userType: 'Member' });
      const connector = await connectorToken(sim);
      const memberOf = async (user: DirectoryUser) => {
        const chatId = sim.installApp(user.id)!.chatId;
        const teamsId = teamsUserId(user.id);
        return (await (await callConnector(sim, 'GET', `v3/conversations/${encodeURIComponent(chatId)}/members/${encodeURIComponent(teamsId)}`, { token: connector })).json()) as Record<string, unknown>;
      };
      expect(await memberOf(member!)).toMatchObject({ aadObjectId: member!.id, name: member!.displayName, userPrincipalName: member!.userPrincipalName, userRole: 'user' });
      expect(await memberOf(guest!)).toMatchObject({ aadObjectId: guest!.id, userPrincipalName: guest!.userPrincipalName, userRole: 'guest' });
    } finally {
      await sim.close();
    }
  });
});
