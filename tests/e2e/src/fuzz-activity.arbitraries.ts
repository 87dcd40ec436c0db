import fc from 'fast-check';
import { activityFixtureNames, fixture } from '@herald/testing';
import { Big, copy, nastyString, nastyValue } from './fuzz-values.arbitraries.js';

/**
 * Inputs of `POST /api/messages`: a shared fixture (a real Teams payload), made deliverable to the
 * test's teams-sim, then mutated — fields set to hostile values or wrong types, removed, invoke
 * names known and unknown — sent with a valid, missing or bad token; or a body that is no activity.
 */
export const INVOKE_NAMES = [
  'adaptiveCard/action', 'signin/tokenExchange', 'signin/verifyState', 'signin/failure', 'signin/other', 'task/fetch', 'task/submit',
  'composeExtension/query', 'composeExtension/fetchTask', 'composeExtension/submitAction', 'composeExtension/queryLink', 'fileConsent/invoke',
  'actionableMessage/executeAction', 'config/fetch', 'message/submitAction', 'handoff/action', 'healthCheck', '',
] as const;

export const TOKENS = ['valid', 'none', 'empty', 'garbage', 'basic', 'two', 'otherServiceUrl', 'expired', 'wrongAudience', 'wrongIssuer', 'unendorsedKey'] as const;
export type TokenKind = (typeof TOKENS)[number];

/** Fields worth aiming at (what Herald reads), besides any path the fixture has. */
const FIELDS: readonly (readonly string[])[] = [
  ['type'], ['id'], ['name'], ['value'], ['text'], ['channelId'], ['serviceUrl'], ['timestamp'], ['replyToId'], ['locale'], ['action'],
  ['from'], ['from', 'id'], ['from', 'name'], ['from', 'aadObjectId'], ['recipient'], ['recipient', 'id'],
  ['conversation'], ['conversation', 'id'], ['conversation', 'conversationType'], ['conversation', 'tenantId'], ['conversation', 'isGroup'],
  ['attachments'], ['entities'], ['membersAdded'], ['membersRemoved'], ['channelData'], ['channelData', 'eventType'],
  ['channelData', 'tenant', 'id'], ['channelData', 'team'], ['channelData', 'team', 'id'], ['channelData', 'channel', 'id'], ['channelData', 'settings'],
  ['value', 'action'], ['value', 'action', 'verb'], ['value', 'action', 'data'], ['value', 'action', 'data', 'topic'], ['value', 'action', 'data', 'notificationId'],
  ['value', 'verb'], ['value', 'topic'], ['value', 'id'], ['value', 'connectionName'], ['value', 'token'], ['value', 'state'], ['value', 'data'],
  ['value', 'commandId'], ['value', 'parameters'], ['value', 'uploadInfo'], ['value', 'action'], ['membersAdded', '0', 'id'], ['entities', '0', 'type'],
];
const VERBS = ['subscribe', 'unsubscribe', 'settings.save', 'acknowledge', 'app.verb', ''];
/** Where Herald keys things by id, and ids shaped to trip that keying (thread suffixes, subject tokens, sizes). */
const ID_FIELDS: readonly (readonly string[])[] = [['id'], ['conversation', 'id'], ['from', 'id'], ['from', 'aadObjectId'], ['recipient', 'id'], ['conversation', 'tenantId'], ['channelData', 'tenant', 'id'], ['channelData', 'team', 'id'], ['channelData', 'channel', 'id'], ['replyToId'], ['membersAdded', '0', 'id'], ['membersRemoved', '0', 'id']];
const ID_VALUES = [';messageid=1', ';MESSAGEID=1', 'a:1;messageid=', 'a:1;messageid=2;messageid=3', ' ', '29:', '19:x@thread.tacv2', '28:herald', '.', '..', '*', '>', 'a.b', 'a b', '%2F', 'a/b', 'ü', '💥', '1'.repeat(1_024)];

export type Mutation =
  | { op: 'set'; field: readonly string[] | number; value: unknown }
  | { op: 'delete'; field: readonly string[] | number }
  | { op: 'invoke'; name: string; value: unknown }
  | { op: 'verb'; verb: string; invoke: boolean };

const field = fc.oneof(fc.constantFrom(...FIELDS), fc.nat());
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('set' as const), field, value: nastyValue }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), field }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('invoke' as const), name: fc.oneof(fc.constantFrom(...INVOKE_NAMES), nastyString), value: fc.oneof(nastyValue, fc.constant(undefined)) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('verb' as const), verb: fc.oneof(fc.constantFrom(...VERBS), nastyString), invoke: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ op: fc.constant('set' as const), field: fc.constantFrom(...ID_FIELDS), value: fc.oneof(fc.constantFrom(...ID_VALUES), nastyString) }), weight: 2 },
);

export type ActivityInput =
  | { kind: 'activity'; fixture: string; mutations: Mutation[]; token: TokenKind; contentType: string }
  | { kind: 'raw'; body: { text: string } | { json: unknown }; contentType: string | undefined; token: TokenKind };

const RAW_BODIES = ['', 'not json', '{', '{"type":', '[]', '[{}]', 'null', '1', '"message"', 'true', '{}', '{"type":"message"}', '\uFEFF{}', '{"a":1}{"b":2}', '<activity/>', 'type=message&text=hi'];

export function activityInput(): fc.Arbitrary<ActivityInput> {
  const token = fc.oneof({ arbitrary: fc.constant<TokenKind>('valid'), weight: 12 }, { arbitrary: fc.constantFrom(...TOKENS), weight: 2 });
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant('activity' as const),
        fixture: fc.constantFrom(...activityFixtureNames()),
        mutations: fc.oneof({ arbitrary: fc.constant<Mutation[]>([]), weight: 1 }, { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 1 }), weight: 2 }, { arbitrary: fc.array(mutation, { minLength: 2, maxLength: 4 }), weight: 2 }),
        token,
        contentType: fc.oneof({ arbitrary: fc.constant('application/json'), weight: 10 }, { arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/xml'), weight: 1 }),
      }),
      weight: 9,
    },
    {
      arbitrary: fc.record({
        kind: fc.constant('raw' as const),
        body: fc.oneof(fc.oneof(fc.constantFrom(...RAW_BODIES), nastyString).map((text) => ({ text })), nastyValue.map((json) => ({ json }))),
        contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', undefined),
        token,
      }),
      weight: 1,
    },
  );
}

/**
 * The fixture as Teams would send it to this bot, in a conversation and tenant of its own
 * (`tag` is in the conversation id, so any Bot Connector call about it can be traced back).
 */
export function deliverable(name: string, tag: string, serviceUrl: string): Record<string, unknown> {
  const activity = fixture<Record<string, unknown>>(name);
  const conversation = (activity['conversation'] ?? { conversationType: 'personal' }) as Record<string, unknown>;
  const tenantId = `fuzz-tenant-${tag}`;
  const channelData = (activity['channelData'] ?? {}) as Record<string, unknown>;
  return {
    ...activity,
    type: activity['type'] ?? 'invoke',
    id: `fuzz-${tag}`,
    serviceUrl,
    from: activity['from'] ?? { id: `29:fuzz-${tag}` },
    conversation: { ...conversation, id: `${typeof conversation['id'] === 'string' ? conversation['id'].slice(0, 3) : 'a:'}${tag}`, tenantId },
    channelData: { ...channelData, tenant: { id: tenantId } },
  };
}

/** Applies the mutations in order (a field given as a number picks one of the paths the activity has). */
export function mutate(activity: Record<string, unknown>, mutations: readonly Mutation[]): Record<string, unknown> {
  for (const change of mutations) {
    if (change.op === 'invoke') Object.assign(activity, { type: 'invoke', name: change.name, ...(change.value === undefined ? {} : { value: copy(change.value) }) });
    else if (change.op === 'verb') Object.assign(activity, change.invoke ? { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: change.verb, data: { topic: 'news' } } } } : { type: 'message', value: { verb: change.verb, topic: 'news' } });
    else {
      const path = typeof change.field === 'number' ? pathsOf(activity)[change.field % pathsOf(activity).length]! : change.field;
      at(activity, path, change.op === 'set' ? { value: change.value } : undefined);
    }
  }
  return activity;
}

function pathsOf(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (value === null || typeof value !== 'object' || value instanceof Big || depth > 4) return [prefix];
  const keys = Object.keys(value).slice(0, 50);
  return [prefix, ...keys.flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...prefix, key], depth + 1))];
}

/** Sets (or with no `set`, deletes) the value at `path`, creating objects on the way where needed. */
function at(root: Record<string, unknown>, path: readonly string[], set: { value: unknown } | undefined): void {
  if (path.length === 0) return;
  let node: Record<string, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object' || next instanceof Big) {
      if (!set) return;
      node[key] = {};
    }
    node = node[key] as Record<string, unknown>;
  }
  const last = path.at(-1)!;
  if (set) Object.defineProperty(node, last, { value: copy(set.value), enumerable: true, writable: true, configurable: true });
  else delete node[last];
}
