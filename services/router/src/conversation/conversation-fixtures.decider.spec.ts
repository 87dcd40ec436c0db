import { describe, expect, it } from 'vitest';
import { conversationEventSchema, inboundActivitySchema } from '@herald/contracts';
import { activityFixtureNames } from '@herald/testing';
import { fixture, given, record, recorded, removeMinimalIn } from './conversation.spec-helpers.js';

/** Recording a fixture in a conversation Herald has never seen. */
const fresh = (name: string) => given().when(record(fixture(name)));

const PERSONAL =
  'a:1rLdrbRhx8Pc7Y6HNUmkI6QHZ4vUe1dECseFMsjCLUs61NUCtDKvf_iXhzX96AJlIFs7WgQUzTrjV3iMjbON0UfMV_gNh2tUNgHj_iY5hQoYdFu_t-hTt-uDl7m6_X4-Z';
const SENTRY = {
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  tenantId: 'f5ffd8cf-a1aa-4242-adad-86509faa3be5',
  botId: '28:5710acff-f313-453f-8b75-44fff54bab14',
};
const SENTRY_USER = {
  id: '29:1Q2o9Y0pyxOhK7QU6o7DatYWMy4MFapyiHoA1r_xB2s5XsGTSxIrKOH_JGmxDXpex30trbSo3Oyh3pkXF8RnlVQ',
  aadObjectId: 'a6de2a64-9501-4e16-9e50-74df223570a3',
};
const SENTRY_PERSONAL = { conversationId: PERSONAL, kind: 'personal', ...SENTRY, user: SENTRY_USER } as const;
const SENTRY_TEAM = '19:8d46058cda57449380517cc374727f2a@thread.tacv2';
const DOCS_TEAM = '19:efa9296d959346209fea44151c742e73@thread.skype';
const DOCS = {
  serviceUrl: 'https://smba.trafficmanager.net/amer-client-ss.msg/',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  botId: '28:f5d48856-5b42-41a0-8c3a-c5f944b679b0',
};
const CHAT_SDK_CHANNEL = '19:d441d38c655c47a085215b2726e76927@thread.tacv2';
const CHAT_SDK = {
  serviceUrl: 'https://smba.trafficmanager.net/amer/a1b2c3d4-e5f6-7890-abcd-ef1234567890/',
  tenantId: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
  botId: '28:11111111-2222-3333-4444-555555555555',
};
const ADD_TEAM_CONVERSATION = '19:7c8cd8b4b4ad4e73a2957e6daad706ef@thread.tacv2';
const TIMESTAMP_2020 = '2020-07-13T19:54:30.8044041Z';

/** What each shared conversationUpdate, installationUpdate and message fixture yields in a conversation never seen. */
const EXPECTATIONS: Record<string, () => void> = {
  'conversationUpdate-botAdded-personal.json': () =>
    fresh('conversationUpdate-botAdded-personal.json').then({
      type: 'ConversationInstalled',
      data: { ...SENTRY_PERSONAL, via: 'membersAdded', upgrade: false, installedAt: TIMESTAMP_2020 },
    }),
  'conversationUpdate-botAdded-team.json': () =>
    fresh('conversationUpdate-botAdded-team.json').then({
      type: 'ConversationInstalled',
      data: {
        conversationId: SENTRY_TEAM,
        kind: 'channel',
        ...SENTRY,
        team: { id: SENTRY_TEAM, name: 'testsentry', aadGroupId: 'c2d5a19b-f3a9-48ed-ade3-fc41aa861a18' },
        channel: { id: SENTRY_TEAM },
        via: 'membersAdded',
        upgrade: false,
        installedAt: TIMESTAMP_2020,
      },
    }),
  // The bot's own removal proves no install: nothing to record for a conversation Herald is not in.
  'conversationUpdate-botRemoved-team.json': () => fresh('conversationUpdate-botRemoved-team.json').thenNothingHappened(),
  'conversationUpdate-channelCreated.json': () =>
    fresh('conversationUpdate-channelCreated.json').then(
      {
        type: 'ConversationInstalled',
        data: {
          conversationId: DOCS_TEAM,
          kind: 'channel',
          ...DOCS,
          team: { id: DOCS_TEAM },
          channel: { id: DOCS_TEAM },
          via: 'inferred',
          upgrade: false,
          installedAt: '2017-02-23T19:34:07.478Z',
        },
      },
      {
        type: 'ChannelCreated',
        data: {
          conversationId: DOCS_TEAM,
          teamId: DOCS_TEAM,
          channel: { id: '19:6d97d816470f481dbcda38244b98689a@thread.skype', name: 'FunDiscussions' },
        },
      },
    ),
  'conversationUpdate-teamMemberRemoved-user.json': () => {
    const [installed, left] = fresh('conversationUpdate-teamMemberRemoved-user.json').thenTypes('ConversationInstalled', 'MembersLeft');
    expect(installed?.data).toMatchObject({ conversationId: DOCS_TEAM, ...DOCS, via: 'inferred', team: { id: DOCS_TEAM } });
    const removed = '29:1_LCi5Up14pAy65yZuaJzG1uIT7ujYhjjSTsUNqjORsZHjLHKiQIBJa4cX2XsAsRoaY7va2w6ZymA9-1VtSY_g';
    expect(left?.data).toEqual({ conversationId: DOCS_TEAM, members: [{ id: removed }] });
  },
  'installationUpdate-add-docs.json': () =>
    fresh('installationUpdate-add-docs.json').then({
      type: 'ConversationInstalled',
      data: {
        conversationId: '19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2',
        kind: 'channel',
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        tenantId: 'b28fdbfd-2b78-4f93-b0f8-8881793f0f8f',
        botId: '28:608cacfd-1cea-40c9-b678-4b93e69bb72b',
        team: {
          id: '19:zFLSDFWsesfzcmKArqKJ-65aOXJz@sgf462H2wz41@thread.tacv2',
          name: 'TestTeam2022',
          aadGroupId: 'da849743-4259-475f-ae7a-4f4b0fb49943',
        },
        channel: { id: '19:0b7f32667e064dd9b25d7969801541f4@thread.tacv2', name: '2021 Test Channel' },
        via: 'installationUpdate',
        upgrade: false,
        installedAt: '2021-11-09T04:47:30.91Z',
      },
    }),
  'installationUpdate-add-team.json': () => {
    const [installed] = fresh('installationUpdate-add-team.json').thenTypes('ConversationInstalled');
    expect(installed?.data).toMatchObject({
      conversationId: ADD_TEAM_CONVERSATION,
      kind: 'channel',
      tenantId: 'ce067f64-338d-44a0-89fb-7fc8973e254f',
      team: { id: ADD_TEAM_CONVERSATION, name: 'Sales and Marketing', aadGroupId: '3d5d4c90-1ae9-41c7-9471-7ccd37ddb7d4' },
      via: 'installationUpdate',
      installedAt: '2024-03-21T18:41:30.088Z',
    });
  },
  // [minimal]: no conversation, from nor serviceUrl, so the gateway does not accept it. In the
  // envelope of a real install it uninstalls (below); in a conversation never seen, nothing.
  'installationUpdate-remove-minimal.json': () => {
    expect(inboundActivitySchema.safeParse(fixture('installationUpdate-remove-minimal.json')).success).toBe(false);
    given().when(record(removeMinimalIn('installationUpdate-add-team.json'))).thenNothingHappened();
  },
  'message-action-submit-value.json': () => {
    const [installed] = fresh('message-action-submit-value.json').thenTypes('ConversationInstalled');
    expect(installed?.data).toEqual({
      conversationId: CHAT_SDK_CHANNEL,
      kind: 'channel',
      ...CHAT_SDK,
      team: { id: '19:8j-Mnacwmq2QFDbzykeQH5v55m6cN1X3QJ5viHvGIIQ1@thread.tacv2' },
      channel: { id: CHAT_SDK_CHANNEL, name: 'Chat SDK' },
      via: 'inferred',
      upgrade: false,
      installedAt: '2026-03-01T12:00:00.000Z', // no timestamp in the recording: when the gateway received it
    });
  },
  'message-channel-mention-thread-reply.json': () => {
    const [installed] = fresh('message-channel-mention-thread-reply.json').thenTypes('ConversationInstalled');
    expect(installed?.data).toMatchObject({
      conversationId: '19:6848757105754c8981c67612732d9aa7@thread.tacv2',
      kind: 'channel',
      serviceUrl: 'https://smba.trafficmanager.net/amer/50612dbb-0237-4969-b378-8d42590f9c00/',
      team: { id: '19:66P469zibfbsGI-_a0aN_toLTZpyzS6u7CT3TsXdgPw1@thread.tacv2' },
      via: 'inferred',
      installedAt: '2025-10-08T17:33:01.4953744Z',
    });
  },
  'message-channel-mention.json': () => {
    const [installed] = fresh('message-channel-mention.json').thenTypes('ConversationInstalled');
    expect(installed?.data).toMatchObject({ conversationId: CHAT_SDK_CHANNEL, ...CHAT_SDK, channel: { id: CHAT_SDK_CHANNEL }, via: 'inferred' });
  },
  'message-personal-dm.json': () => {
    const [installed] = fresh('message-personal-dm.json').thenTypes('ConversationInstalled');
    const user = { id: fixture('message-personal-dm.json').from.id, name: 'Test User', aadObjectId: '00000000-1111-2222-3333-444444444444' };
    expect(installed?.data).toMatchObject({ kind: 'personal', ...CHAT_SDK, user, via: 'inferred', installedAt: '2026-01-02T18:28:24.3788393Z' });
    expect(installed?.data).not.toHaveProperty('team');
  },
  'message-personal.json': () =>
    fresh('message-personal.json').then({
      type: 'ConversationInstalled',
      data: { ...SENTRY_PERSONAL, via: 'inferred', upgrade: false, installedAt: TIMESTAMP_2020 },
    }),
};

describe('conversation decider: every shared conversation fixture', () => {
  const names = activityFixtureNames().filter((name) => /^(conversationUpdate|installationUpdate|message)-/.test(name));

  it('has an expectation for each conversationUpdate, installationUpdate and message fixture', () => {
    expect(Object.keys(EXPECTATIONS).sort()).toEqual(names.sort());
  });

  it.each(Object.entries(EXPECTATIONS))('%s, in a conversation never seen', (_name, expectation) => expectation());

  it.each(names.filter((name) => inboundActivitySchema.safeParse(fixture(name)).success))('%s: every event fits its contract', (name) => {
    for (const event of recorded(fixture(name))) expect(conversationEventSchema.parse(event)).toEqual(event);
  });

  it('given the personal install, the same user’s message records nothing new', () => {
    given(recorded(fixture('conversationUpdate-botAdded-personal.json'))).when(record(fixture('message-personal.json'))).thenNothingHappened();
  });

  it('given the team install, the bot’s removal uninstalls, at Teams’ timestamp', () => {
    given(recorded(fixture('conversationUpdate-botAdded-team.json')))
      .when(record(fixture('conversationUpdate-botRemoved-team.json')))
      .then({
        type: 'ConversationUninstalled',
        data: { conversationId: SENTRY_TEAM, via: 'membersRemoved', upgrade: false, uninstalledAt: '2020-07-16T23:47:29.7965243Z' },
      });
  });

  it('given the installationUpdate install, the [minimal] remove uninstalls', () => {
    given(recorded(fixture('installationUpdate-add-team.json')))
      .when(record(removeMinimalIn('installationUpdate-add-team.json')))
      .then({
        type: 'ConversationUninstalled',
        data: { conversationId: ADD_TEAM_CONVERSATION, via: 'installationUpdate', upgrade: false, uninstalledAt: '2024-03-22T09:00:00.000Z' },
      });
  });
});
