import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSim } from '../../teams-sim.js';
import type { TeamsSim } from '../../teams-sim.types.js';
import { APP_ID, APP_PASSWORD } from '../../sim-test-support.spec-helpers.js';
import type { DirectoryUser } from '../directory/directory-user.js';
import { callGraph, graphAppToken, readAllPages, type GraphPage } from '../graph-test-support.spec-helpers.js';
import type { DirectoryGroup } from './group-store.js';

describe('Microsoft Graph: groups, transitive members and group search', () => {
  let sim: TeamsSim;
  let token: string;
  let users: DirectoryUser[];
  let sales: DirectoryGroup;
  let emea: DirectoryGroup;
  let all: DirectoryGroup;
  const eventual = { consistencylevel: 'eventual' };

  beforeAll(async () => {
    sim = await startTeamsSim({ appId: APP_ID, appPassword: APP_PASSWORD });
    token = await graphAppToken(sim);
    users = sim.seedDirectory({ users: 300, guests: 20 });
    emea = sim.createGroup({ displayName: 'Sales EMEA', memberIds: users.slice(100, 250).map((user) => user.id) });
    sales = sim.createGroup({ displayName: 'Sales Team', memberIds: users.slice(0, 150).map((user) => user.id), nested: [emea.id] });
    all = sim.createGroup({ displayName: 'Everyone', memberIds: users.slice(300).map((user) => user.id), nested: [sales.id] });
    sim.createGroup({ displayName: 'Engineering', memberIds: [] });
  });
  afterAll(() => sim.close());

  it('lists transitive members flattened, users once each and nested groups typed, 100 per page', async () => {
    const { items, pages } = await readAllPages(sim, token, `/v1.0/groups/${all.id}/transitiveMembers`);
    const userItems = items.filter((item) => item['@odata.type'] === '#microsoft.graph.user');
    const groupItems = items.filter((item) => item['@odata.type'] === '#microsoft.graph.group');
    expect(new Set(userItems.map((item) => item['id']))).toEqual(new Set([...users.slice(0, 250), ...users.slice(300)].map((user) => user.id)));
    expect(userItems).toHaveLength(270);
    expect(groupItems.map((item) => item['displayName'])).toEqual(['Sales Team', 'Sales EMEA']);
    expect(pages).toBe(3);
  });

  it('casts to users only, with $select and $top paging', async () => {
    const first = (await (await callGraph(sim, token, `/v1.0/groups/${sales.id}/transitiveMembers/microsoft.graph.user?$select=id,displayName,userType&$top=200`)).json()) as GraphPage;
    expect(first['@odata.context']).toBe(`${sim.graphBaseUrl}/v1.0/$metadata#users`);
    expect(first.value).toHaveLength(200);
    expect(first.value[0]).toEqual({ '@odata.type': '#microsoft.graph.user', displayName: users[0]!.displayName, userType: 'Member', id: users[0]!.id });
    const rest = await readAllPages(sim, token, first['@odata.nextLink']!);
    expect(rest.items).toHaveLength(50);
    expect(rest.pages).toBe(1);
  });

  it('leaves removed users out and answers 404 for an unknown group', async () => {
    const { removed } = sim.changeDirectory({ removed: 32 });
    const inEmea = users.slice(100, 250).filter((user) => removed.some((gone) => gone.id === user.id));
    expect(inEmea.length).toBeGreaterThan(0);
    const { items } = await readAllPages(sim, token, `/v1.0/groups/${emea.id}/transitiveMembers/microsoft.graph.user`);
    expect(items).toHaveLength(150 - inEmea.length);
    expect(items.filter((item) => removed.some((gone) => gone.id === item['id']))).toEqual([]);
    const missing = await callGraph(sim, token, '/v1.0/groups/00000000-0000-4000-8000-000000000000/transitiveMembers');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('Request_ResourceNotFound');
  });

  it('searches groups by display name words with ConsistencyLevel: eventual, and refuses without it', async () => {
    const search = (term: string, headers: Record<string, string> = eventual) =>
      callGraph(sim, token, `/v1.0/groups?$search=${encodeURIComponent(term)}&$count=true&$select=id,displayName`, { headers });
    const found = (await (await search('"displayName:sal"')).json()) as GraphPage & { '@odata.count': number };
    expect(found.value.map((group) => group['displayName']).sort()).toEqual(['Sales EMEA', 'Sales Team']);
    expect(found['@odata.count']).toBe(2);
    const both = (await (await search('"displayName:sales emea"')).json()) as GraphPage;
    expect(both.value.map((group) => group['displayName'])).toEqual(['Sales EMEA']);
    const either = (await (await search('"displayName:eng" OR "displayName:every"')).json()) as GraphPage;
    expect(either.value.map((group) => group['displayName']).sort()).toEqual(['Engineering', 'Everyone']);
    const refused = await search('"displayName:sal"', {});
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('Request_UnsupportedQuery');
    expect((await search('sal')).status).toBe(400);
  });

  it("keeps each tenant's groups apart", async () => {
    const otherToken = await graphAppToken(sim, '7f3a1c2d-0b4e-4c6a-8d9e-2f1a3b4c5d6e');
    expect((await callGraph(sim, otherToken, `/v1.0/groups/${sales.id}`)).status).toBe(404);
    const own = await callGraph(sim, token, `/v1.0/groups/${sales.id}?$select=displayName`);
    expect(await own.json()).toEqual({ '@odata.context': `${sim.graphBaseUrl}/v1.0/$metadata#groups/$entity`, displayName: 'Sales Team', id: sales.id });
  });
});
