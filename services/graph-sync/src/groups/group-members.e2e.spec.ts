import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupMembersAnswerSchema, groupSearchAnswerSchema, metadataFor, SUBJECTS, type GraphMember, type GroupMembersRequest } from '@herald/contracts';
import { startGraphSync, type GraphSyncHarness } from '../graph-sync-app.spec-helpers.js';

const CACHE_SECONDS = 3;
let graphSync: GraphSyncHarness;

const members = async (request: GroupMembersRequest) => groupMembersAnswerSchema.parse(await graphSync.ask(SUBJECTS.groupMembersRequest, 'GroupMembersRequested', request));

/** Every page of the group's members, 1,000 at a time; and how many pages that took. */
async function allMembers(tenantId: string, groupId: string): Promise<{ members: GraphMember[]; pages: number; fetchedAt: string[] }> {
  const all: GraphMember[] = [];
  const fetchedAt: string[] = [];
  let after: string | undefined;
  let pages = 0;
  do {
    const answer = await members({ tenantId, groupId, ...(after ? { after } : {}), limit: 1_000 });
    if (answer.status !== 'ok') throw new Error(`page ${pages}: ${JSON.stringify(answer)}`);
    pages += 1;
    all.push(...answer.members);
    fetchedAt.push(answer.fetchedAt);
    after = answer.next;
  } while (after);
  return { members: all, pages, fetchedAt };
}

beforeAll(async () => {
  graphSync = await startGraphSync('graph_groups', { GRAPH_GROUP_CACHE_SECONDS: String(CACHE_SECONDS) });
});

afterAll(async () => {
  await graphSync?.close();
});

describe('group members', () => {
  it('answers a 5,000-member group (nested groups flattened, the groups themselves left out) in pages of 1,000, from the cache until its TTL', async () => {
    const { sim } = graphSync;
    const tenantId = sim.tenantId;
    const users = sim.seedDirectory({ tenantId, users: 4_900, guests: 100 });
    const nested = sim.createGroup({ tenantId, displayName: 'Nested', memberIds: users.slice(3_000).map((user) => user.id) });
    const group = sim.createGroup({ tenantId, displayName: 'Everyone', memberIds: users.slice(0, 3_500).map((user) => user.id), nested: [nested.id] });

    const started = performance.now();
    const first = await allMembers(tenantId, group.id);
    const seconds = (performance.now() - started) / 1_000;
    console.info(`5,000 members read from Graph and paged in ${seconds.toFixed(2)} s`);
    expect(first.pages).toBe(5);
    expect(first.members.map((member) => member.userId)).toEqual(users.map((user) => user.id).sort());
    expect(first.members.find((member) => member.userId === users[4_950]!.id)).toEqual({
      userId: users[4_950]!.id, displayName: users[4_950]!.displayName, userPrincipalName: users[4_950]!.userPrincipalName, accountEnabled: users[4_950]!.accountEnabled, userType: 'Guest',
    });
    expect(new Set(first.fetchedAt).size).toBe(1);
    expect(seconds).toBeLessThan(10);

    const callsBefore = sim.graphCalls;
    const cached = await allMembers(tenantId, group.id);
    expect(sim.graphCalls).toBe(callsBefore);
    expect(cached.members).toEqual(first.members);

    const { removed } = sim.changeDirectory({ tenantId, removed: 10 });
    await new Promise((resolve) => setTimeout(resolve, CACHE_SECONDS * 1_000 + 100));
    const refreshed = await allMembers(tenantId, group.id);
    expect(sim.graphCalls).toBeGreaterThan(callsBefore);
    expect(refreshed.fetchedAt[0]! > first.fetchedAt[0]!).toBe(true);
    const gone = new Set(removed.map((user) => user.id));
    expect(refreshed.members.map((member) => member.userId)).toEqual(first.members.map((member) => member.userId).filter((id) => !gone.has(id)));
  }, 60_000);

  it('fetches a group once for concurrent first pages', async () => {
    const { sim } = graphSync;
    const tenantId = '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
    const users = sim.seedDirectory({ tenantId, users: 2_500 });
    const group = sim.createGroup({ tenantId, displayName: 'Big', memberIds: users.map((user) => user.id) });
    const pagesBefore = sim.graphPagesServed;
    const answers = await Promise.all(Array.from({ length: 6 }, () => members({ tenantId, groupId: group.id, limit: 10 })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill('ok'));
    // 2,500 users at 999 a page: three pages, read once.
    expect(sim.graphPagesServed - pagesBefore).toBe(3);
  }, 30_000);

  it('answers notFound for a group Graph does not know, and unavailable while Graph throttles', async () => {
    const { sim } = graphSync;
    expect(await members({ tenantId: sim.tenantId, groupId: '00000000-0000-4000-8000-00000000dead' })).toEqual({ status: 'notFound' });
    const group = sim.createGroup({ displayName: 'Throttled', memberIds: sim.directoryUserIds().slice(0, 5) });
    sim.failGraph({ status: 429, retryAfterSeconds: 30, path: `/v1.0/groups/${group.id}/transitiveMembers/microsoft.graph.user`, times: 1 });
    expect(await members({ tenantId: sim.tenantId, groupId: group.id })).toEqual({ status: 'unavailable', retryInMs: 30_000, code: 'TooManyRequests' });
    const answer = await members({ tenantId: sim.tenantId, groupId: group.id });
    expect(answer).toMatchObject({ status: 'ok', members: expect.any(Array) });
  });

  it('answers refused for a tenant Entra will not give a token for (no retry changes that), for members and search alike', async () => {
    const groupId = '00000000-0000-4000-8000-00000000beef';
    expect(await members({ tenantId: 'contoso.invalid', groupId })).toEqual({ status: 'refused', code: 'TokenRefused' });
    const search = groupSearchAnswerSchema.parse(await graphSync.ask(SUBJECTS.groupSearchRequest, 'GroupSearchRequested', { tenantId: 'contoso.invalid', query: 'x' }));
    expect(search).toEqual({ status: 'refused', code: 'TokenRefused' });
  });

  it('refuses a malformed request with an error reply, asking Graph nothing', async () => {
    const { sim, bus } = graphSync;
    const calls = sim.graphCalls;
    const request = { type: 'GroupMembersRequested', data: { groupId: 'no tenant' }, metadata: metadataFor({ occurredAt: new Date() }) };
    await expect(bus.request(SUBJECTS.groupMembersRequest, request, 30_000)).rejects.toThrow(/handler of .* failed/);
    expect(sim.graphCalls).toBe(calls);
  });
});

describe('group search', () => {
  it('finds groups by display name with ConsistencyLevel eventual, at most `top`, and keeps a quoted query one term', async () => {
    const { sim } = graphSync;
    const tenantId = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';
    sim.createGroup({ tenantId, displayName: 'Sales Team', memberIds: [], description: 'sellers' });
    sim.createGroup({ tenantId, displayName: 'Sales EMEA', memberIds: [] });
    sim.createGroup({ tenantId, displayName: 'Engineering', memberIds: [] });
    const search = async (query: string, top?: number) => groupSearchAnswerSchema.parse(await graphSync.ask(SUBJECTS.groupSearchRequest, 'GroupSearchRequested', { tenantId, query, ...(top ? { top } : {}) }));

    const sales = await search('sales');
    expect(sales.status === 'ok' && sales.groups.map((group) => group.displayName).sort()).toEqual(['Sales EMEA', 'Sales Team']);
    expect(sales.status === 'ok' && sales.groups.find((group) => group.displayName === 'Sales Team')).toMatchObject({ id: expect.any(String), mail: null, description: 'sellers' });
    const one = await search('sales', 1);
    expect(one.status === 'ok' && one.groups).toHaveLength(1);
    expect(await search('eng" OR "displayName:sales')).toEqual({ status: 'ok', groups: [] });
  });
});
