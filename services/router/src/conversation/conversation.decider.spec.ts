import { describe, expect, it } from 'vitest';
import { deriveId, type ConversationEvent, type InboundActivity } from '@herald/contracts';
import { conversationIdOf } from './conversation-facts.js';
import { decide } from './conversation.decider.js';
import { fixture, fold, given, record, recorded } from './conversation.spec-helpers.js';

const teamAdded = fixture('conversationUpdate-botAdded-team.json');
const teamRemoved = fixture('conversationUpdate-botRemoved-team.json'); // 2020-07-16T23:47:29Z
const at = (activity: InboundActivity, timestamp: string): InboundActivity => ({ ...activity, id: `f:${timestamp}`, timestamp });
const NEW_REGION = 'https://smba.trafficmanager.net/amer/f5ffd8cf-a1aa-4242-adad-86509faa3be5/';
const PERSONAL = conversationIdOf(fixture('conversationUpdate-botAdded-personal.json'));
/** The personal chat's installationUpdate `remove`, a week after the install. */
const personalRemoval: InboundActivity = {
  ...fixture('conversationUpdate-botAdded-personal.json'),
  type: 'installationUpdate',
  action: 'remove',
  membersAdded: undefined,
  timestamp: '2020-07-20T00:00:00Z',
};

describe('conversation decider: install and uninstall', () => {
  it('install → uninstall → re-install yields Installed, Uninstalled, Installed', () => {
    const history = recorded(teamAdded, teamRemoved, at(teamAdded, '2020-08-01T10:00:00Z'));
    expect(history.map((e) => e.type)).toEqual(['ConversationInstalled', 'ConversationUninstalled', 'ConversationInstalled']);
    expect(fold(history)).toMatchObject({ status: 'installed', conversationId: teamAdded.conversation.id, team: { name: 'testsentry' } });
  });

  it('a duplicate add while installed records nothing, whichever event Teams sends', () => {
    given(recorded(teamAdded)).when(record(at(teamAdded, '2020-07-13T19:55:00Z'))).thenNothingHappened();
    const installUpdate: InboundActivity = { ...teamAdded, type: 'installationUpdate', action: 'add', membersAdded: undefined };
    given(recorded(teamAdded)).when(record(installUpdate)).thenNothingHappened();
  });

  it('a second removal records nothing', () => {
    given(recorded(teamAdded, teamRemoved)).when(record(at(teamRemoved, '2020-07-16T23:47:30Z'))).thenNothingHappened();
  });

  it('installationUpdate add-upgrade installs and remove-upgrade uninstalls, flagged as upgrades', () => {
    const upgrade = (action: string, timestamp: string): InboundActivity => ({
      ...at(fixture('installationUpdate-add-team.json'), timestamp),
      action,
    });
    const [added] = given().when(record(upgrade('add-upgrade', '2024-03-21T18:41:30.088Z'))).thenTypes('ConversationInstalled');
    expect(added?.data).toMatchObject({ via: 'installationUpdate', upgrade: true });
    const [removed] = given([added!]).when(record(upgrade('remove-upgrade', '2024-03-22T00:00:00Z'))).thenTypes('ConversationUninstalled');
    expect(removed?.data).toMatchObject({ via: 'installationUpdate', upgrade: true });
  });

  it('the bot added to a personal chat with its user: Installed, then the user joins', () => {
    const personal = fixture('conversationUpdate-botAdded-personal.json');
    const withUser = { ...personal, membersAdded: [...(personal.membersAdded ?? []), personal.from] };
    const [, joined] = given().when(record(withUser)).thenTypes('ConversationInstalled', 'MembersJoined');
    expect(joined?.data).toEqual({ conversationId: PERSONAL, members: [{ id: personal.from.id, aadObjectId: personal.from.aadObjectId }] });
    given(recorded(withUser)).when(record(at(withUser, '2020-07-13T20:00:00Z'))).thenNothingHappened();
  });
});

describe('conversation decider: installs inferred from other activities', () => {
  it('a message in a conversation never seen installed proves the install (Teams delivers only to installed bots)', () => {
    const [installed] = given().when(record(fixture('message-personal-dm.json'))).thenTypes('ConversationInstalled');
    expect(installed?.data).toMatchObject({ via: 'inferred', kind: 'personal', user: { name: 'Test User' } });
  });

  it('a message after the uninstall re-installs: the add was missed', () => {
    const message = at(fixture('message-personal.json'), '2020-08-01T10:00:00Z');
    const history = recorded(fixture('conversationUpdate-botAdded-personal.json'), personalRemoval);
    expect(fold(history).status).toBe('uninstalled');
    given(history).when(record(message)).thenTypes('ConversationInstalled');
  });

  it('an activity no later than the recorded uninstall is a straggler: no re-install', () => {
    const history = recorded(teamAdded, teamRemoved);
    const straggler = at({ ...fixture('message-channel-mention.json'), conversation: teamAdded.conversation }, '2020-07-16T23:47:00Z');
    given(history).when(record(straggler)).thenNothingHappened();
  });
});

describe('conversation decider: serviceUrl', () => {
  const personal = recorded(fixture('conversationUpdate-botAdded-personal.json'));

  it('a token-verified serviceUrl other than the last known one is recorded first', () => {
    const events = given(personal)
      .when(record(fixture('message-personal.json'), { verifiedServiceUrl: NEW_REGION }))
      .then({
        type: 'ServiceUrlChanged',
        data: { conversationId: PERSONAL, previousServiceUrl: 'https://smba.trafficmanager.net/amer/', serviceUrl: NEW_REGION },
      });
    expect(fold([...personal, ...events]).serviceUrl).toBe(NEW_REGION);
  });

  it('comes before the other facts of the same activity', () => {
    given(personal)
      .when(record(personalRemoval, { verifiedServiceUrl: NEW_REGION }))
      .thenTypes('ServiceUrlChanged', 'ConversationUninstalled');
  });

  it('an install carries the serviceUrl itself: no ServiceUrlChanged on re-install', () => {
    const history = recorded(teamAdded, teamRemoved);
    const reinstall = record(at(teamAdded, '2020-08-01T10:00:00Z'), { verifiedServiceUrl: NEW_REGION });
    const [installed] = given(history).when(reinstall).thenTypes('ConversationInstalled');
    expect(installed?.data).toMatchObject({ serviceUrl: NEW_REGION });
  });
});

describe('conversation decider: channel threads', () => {
  it('the aggregate id drops `;messageid=`: a thread reply belongs to its channel’s conversation', () => {
    const reply = fixture('message-channel-mention-thread-reply.json');
    expect(reply.conversation.id).toContain(';messageid=');
    expect(conversationIdOf(reply)).toBe(reply.channelData?.channel?.id);
    expect(conversationIdOf({ conversation: { id: 'a:personal-chat' } })).toBe('a:personal-chat');
  });

  it('two threads of one channel are one conversation: the second records nothing', () => {
    const mention = fixture('message-channel-mention.json');
    const submit = fixture('message-action-submit-value.json');
    expect(conversationIdOf(mention)).toBe(conversationIdOf(submit));
    given(recorded(mention)).when(record(submit)).thenNothingHappened();
  });
});

describe('conversation decider: metadata', () => {
  const command = record(fixture('conversationUpdate-channelCreated.json'));

  it('re-deciding the same command yields identical events, ids included (JetStream msgID drops the repeat)', () => {
    const first = decide(command, fold([]));
    expect(first.length).toBe(2);
    expect(decide(structuredClone(command), fold([]))).toEqual(first);
  });

  it('ids derive from the command id and the event type; time, correlation and causation from the command', () => {
    for (const event of decide(command, fold([]))) {
      expect(event.metadata).toEqual({
        id: deriveId(command.metadata.id, event.type),
        occurredAt: command.metadata.occurredAt,
        correlationId: command.metadata.correlationId,
        causationId: command.metadata.id,
      });
    }
  });

  it('carries the trace context of the command', () => {
    const traced = { ...command, metadata: { ...command.metadata, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } };
    const traceparents = decide(traced, fold([])).map((e) => e.metadata.traceparent);
    expect(traceparents).toEqual([traced.metadata.traceparent, traced.metadata.traceparent]);
  });
});

describe('conversation decider: a personal chat graph-sync discovered', () => {
  const personal = fixture('conversationUpdate-botAdded-personal.json');
  const discovered: ConversationEvent = {
    type: 'ConversationDiscovered',
    data: {
      conversationId: PERSONAL,
      kind: 'personal',
      tenantId: personal.conversation.tenantId!,
      serviceUrl: personal.serviceUrl,
      botId: personal.recipient!.id,
      user: { aadObjectId: personal.from.aadObjectId! },
      via: 'graphInstall',
      discoveredAt: '2020-07-13T19:00:00Z',
    },
    metadata: { id: 'discovered', occurredAt: '2020-07-13T19:00:00Z', correlationId: 'discovered', causationId: null },
  };

  it('is installed, so the conversationUpdate Teams may send after the install merges into it: no second install, no welcome', () => {
    expect(fold([discovered])).toMatchObject({ status: 'installed', kind: 'personal', conversationId: PERSONAL, serviceUrl: personal.serviceUrl });
    given([discovered]).when(record(personal)).thenNothingHappened();
  });

  it('uninstalled later and installed again by Teams: Installed again, as after any removal', () => {
    const removal = { ...personalRemoval, timestamp: '2020-07-14T00:00:00Z' };
    const [uninstalled] = given([discovered]).when(record(removal)).thenTypes('ConversationUninstalled');
    given([discovered, uninstalled!]).when(record(at(personal, '2020-07-15T00:00:00Z'))).thenTypes('ConversationInstalled');
  });
});
