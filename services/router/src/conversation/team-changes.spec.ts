import { describe, expect, it } from 'vitest';
import { fixture, fold, given, record, recorded, teamsEvent } from './conversation.spec-helpers.js';

const TEAM = '19:efa9296d959346209fea44151c742e73@thread.skype';
const CHANNEL = { id: '19:6d97d816470f481dbcda38244b98689a@thread.skype', name: 'FunDiscussions' };
/** The docs' team, installed (inferred) and with the FunDiscussions channel created. */
const withChannel = recorded(fixture('conversationUpdate-channelCreated.json'));

describe('team channels', () => {
  it('channelCreated for a known channel records nothing', () => {
    given(withChannel).when(record(teamsEvent('channelCreated', { channel: CHANNEL }))).thenNothingHappened();
  });

  it('create → rename → delete → restore, each once', () => {
    const renamed = teamsEvent('channelRenamed', { channel: { ...CHANNEL, name: 'PhotographyUpdates' } });
    given(withChannel)
      .when(record(renamed))
      .then({ type: 'ChannelRenamed', data: { conversationId: TEAM, teamId: TEAM, channel: { ...CHANNEL, name: 'PhotographyUpdates' } } });
    const afterRename = recorded(fixture('conversationUpdate-channelCreated.json'), renamed);
    given(afterRename).when(record(renamed)).thenNothingHappened();

    const deleted = teamsEvent('channelDeleted', { channel: { ...CHANNEL, name: 'PhotographyUpdates' } });
    const afterDelete = [...afterRename, ...given(afterRename).when(record(deleted)).thenTypes('ChannelDeleted')];
    expect(fold(afterDelete).channels[CHANNEL.id]).toEqual({ name: 'PhotographyUpdates', deleted: true });
    given(afterDelete).when(record(deleted)).thenNothingHappened();

    const restored = teamsEvent('channelRestored', { channel: CHANNEL });
    const afterRestore = [...afterDelete, ...given(afterDelete).when(record(restored)).thenTypes('ChannelRestored')];
    expect(fold(afterRestore).channels[CHANNEL.id]).toEqual({ name: 'FunDiscussions', deleted: false });
    given(afterRestore).when(record(restored)).thenNothingHappened();
  });

  it('a channel event for a channel never seen is still recorded', () => {
    const other = { id: '19:other@thread.skype', name: 'Other' };
    given(withChannel)
      .when(record(teamsEvent('channelDeleted', { channel: other })))
      .then({ type: 'ChannelDeleted', data: { conversationId: TEAM, teamId: TEAM, channel: other } });
  });

  it('a channel event without channelData.channel records nothing', () => {
    given(withChannel).when(record(teamsEvent('channelCreated'))).thenNothingHappened();
  });
});

describe('team lifecycle', () => {
  const team = (name = 'Team Name') => ({ team: { id: TEAM, name } });

  it('rename, archive, unarchive, delete, restore, hard delete — each recorded once', () => {
    let history = withChannel;
    const step = (eventType: string, expected: string, name?: string) => {
      const activity = record(teamsEvent(eventType, team(name)));
      const [event] = given(history).when(activity).thenTypes(expected as never);
      history = [...history, event!];
      given(history).when(activity).thenNothingHappened();
      return event!;
    };
    const renamed = step('teamRenamed', 'TeamRenamed', 'New Team Name');
    expect(renamed.data).toEqual({ conversationId: TEAM, team: { id: TEAM, name: 'New Team Name' } });
    step('teamArchived', 'TeamArchived');
    expect(fold(history).team).toMatchObject({ archived: true, name: 'Team Name' });
    step('teamUnarchived', 'TeamUnarchived');
    step('teamDeleted', 'TeamDeleted');
    expect(fold(history).team).toMatchObject({ archived: false, deleted: true, hardDeleted: false });
    step('teamrestored', 'TeamRestored'); // lower-case, as the docs' own sample sends it
    expect(fold(history).team).toMatchObject({ deleted: false });
    step('teamHardDeleted', 'TeamHardDeleted');
    expect(fold(history).team).toMatchObject({ deleted: true, hardDeleted: true });
  });

  it('unarchive and restore of a team not known archived or deleted record nothing', () => {
    given(withChannel).when(record(teamsEvent('teamUnarchived', team()))).thenNothingHappened();
    given(withChannel).when(record(teamsEvent('teamRestored', team()))).thenNothingHappened();
  });

  it('a team event without channelData.team, or an unknown eventType, records nothing', () => {
    given(withChannel).when(record(teamsEvent('teamArchived', { team: undefined }))).thenNothingHappened();
    given(withChannel).when(record(teamsEvent('channelShared', team()))).thenNothingHappened();
  });

  it('a team event in a conversation never seen infers the install first', () => {
    const archived = teamsEvent('teamArchived', team());
    given().when(record(archived)).thenTypes('ConversationInstalled', 'TeamArchived');
  });

  it('a re-install starts afresh: channels, members and team flags from before are stale', () => {
    const added = fixture('conversationUpdate-botAdded-team.json');
    const user = { id: '29:user', name: 'Someone' };
    const history = recorded(added, { ...added, id: 'f:join', membersAdded: [user] }, fixture('conversationUpdate-botRemoved-team.json'));
    expect(fold(history).members).toEqual({ '29:user': user });
    const reinstall = given(history).when(record({ ...added, timestamp: '2020-08-01T00:00:00Z' })).thenTypes('ConversationInstalled');
    const reinstalled = [...history, ...reinstall];
    expect(fold(reinstalled)).toMatchObject({ status: 'installed', members: {}, channels: {}, team: { archived: false, deleted: false } });
  });
});
