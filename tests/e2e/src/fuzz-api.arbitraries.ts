import fc from 'fast-check';
import { pathSegment } from './fuzz-http.js';
import { Big, copy, nastyString, nastyValue } from './fuzz-values.arbitraries.js';

/**
 * Inputs of the notification API (`/api/v1/*`): requests to send with every recipient form, card,
 * data, topic, idempotency key, sendAt and callbackUrl — valid, or wrong in one or more places —,
 * and reads, changes and cancels of notifications that exist or do not, with the keys of
 * `FUZZ_API_KEYS`. Every key that may send reaches only `FUZZ_TENANT`, where nobody is installed:
 * an accepted notification is resolved and settles, but never sends to a conversation of the fuzz.
 */
export const FUZZ_TENANT = 'fuzz-api-tenant';
export const API_KEYS = { send: 'fuzz-send-key', read: 'fuzz-read-key', admin: 'fuzz-admin-key' } as const;
export const FUZZ_API_KEYS = [
  `${API_KEYS.send};tenants=${FUZZ_TENANT};rate=unlimited`,
  `${API_KEYS.read};scopes=notifications:read;rate=unlimited`,
  `${API_KEYS.admin};scopes=admin;rate=unlimited`,
].join(', ');

export type Caller = 'send' | 'read' | 'admin' | 'none' | 'unknown' | 'basic' | 'empty';
/** An id of a notification this run created (`created` picks one of them), or any string. */
export type IdChoice = { created: number } | { literal: string; raw: boolean };

export type ApiInput =
  | { op: 'create'; caller: Caller; body: Record<string, unknown>; changes: BodyChange[]; idempotencyHeader: string | undefined; raw: string | undefined }
  | { op: 'status' | 'delete' | 'cancel'; caller: Caller; id: IdChoice }
  | { op: 'recipients'; caller: Caller; id: IdChoice; query: [string, string][] }
  | { op: 'patch'; caller: Caller; id: IdChoice; body: unknown }
  | { op: 'stray'; method: string; path: string; caller: Caller };

const TEMPLATES = ['${title}', '${', '${(}', '${if(}', '${$root.a.b.c}', '${join(a,}', '${json(}', '${string(1/0)}', '${substring("a", 5, 10)}', '${$index}', '${formatDateTime("x")}', '${[}', '${title', '$${x}', '${createArray(1,2)[5]}', '${sum(1,"a")}', '${div(1,0)}'];
const template = fc.oneof({ arbitrary: fc.constantFrom('Hello ${title}', '${a}', 'plain text', '${x} of ${items}'), weight: 4 }, { arbitrary: fc.constantFrom(...TEMPLATES), weight: 2 }, { arbitrary: nastyString, weight: 1 });
const element = fc.oneof(
  { arbitrary: fc.record({ type: fc.constantFrom('TextBlock', 'Container', 'x'), text: template }), weight: 8 },
  // A list bound to data, repeated once per item: it can outgrow any message. (Lists within lists
  // grow it by the product of their lengths, blocking the gateway while it binds: not fuzzed, see the report.)
  { arbitrary: fc.constant({ type: 'TextBlock', $data: '${items}', text: 'item ${$data}' }), weight: 1 },
);
/** Mostly an Adaptive Card that binds; sometimes one with expressions, `$data` or `$when` that do not. */
const card = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('AdaptiveCard'), version: fc.constantFrom('1.5', '1.4'), body: fc.array(element, { maxLength: 4 }) }), weight: 6 },
  {
    arbitrary: fc.record(
      {
        type: fc.constant('AdaptiveCard'),
        version: fc.oneof(fc.constant('1.5'), nastyString),
        body: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('TextBlock', 'Container', 'x'), text: template, $when: template, $data: fc.oneof(template, nastyValue) }, { requiredKeys: ['type'] }), { maxLength: 4 }), nastyValue),
        $data: fc.oneof(template, nastyValue),
        $when: template,
        actions: fc.array(fc.record({ type: fc.constantFrom('Action.Execute', 'Action.Submit'), verb: nastyString, data: nastyValue }), { maxLength: 2 }),
      },
      { requiredKeys: ['type'] },
    ),
    weight: 2,
  },
  { arbitrary: nastyValue, weight: 1 },
);

const tenantId = fc.constantFrom(FUZZ_TENANT, undefined);
const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const recipient = fc.oneof(
  fc.record({ userId: name.map((s) => `29:${s}`), tenantId }, { requiredKeys: ['userId'] }),
  fc.record({ aadObjectId: fc.uuid(), tenantId }, { requiredKeys: ['aadObjectId'] }),
  fc.record({ upn: fc.emailAddress(), tenantId }, { requiredKeys: ['upn'] }),
  fc.record({ conversationId: name.map((s) => `a:${s}`), tenantId }, { requiredKeys: ['conversationId'] }),
  fc.record({ channelId: name.map((s) => `19:${s}@thread.tacv2`), teamId: name.map((s) => `19:${s}@thread.tacv2`), tenantId }, { requiredKeys: ['channelId', 'teamId'] }),
  fc.record({ teamId: name, tenantId }, { requiredKeys: ['teamId'] }),
  fc.record({ groupId: fc.uuid(), tenantId }, { requiredKeys: ['groupId'] }),
  fc.record({ allUsers: fc.constant(true), tenantId }, { requiredKeys: ['allUsers'] }),
);

/**
 * http on loopback (dev mode allows it): the test's own sink (`SINK`, replaced by its URL and the
 * input's number), or port 9 where nothing listens; never a host off this machine.
 */
export const SINK = 'http://sink.invalid';
const callbackUrl = fc.constantFrom(`${SINK}/hook`, `${SINK}/h?x=1`);
const badCallbackUrl = fc.oneof(
  fc.constantFrom('http://user:pw@127.0.0.1:9/', 'ftp://127.0.0.1/', 'http://example.com/hook', 'https://', 'not a url', 'javascript:alert(1)', 'http://127.0.0.1:99999/', 'http://0x7f000001:9/', 'file:///etc/passwd', 'http://[::1/', 'http://127.0.0.1:9/%'),
  nastyString.map((s) => `http://127.0.0.1:9/${s}`),
);
const sendAt = fc.oneof(
  fc.constantFrom('2020-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-01-01T00:00:00+14:00', '0001-01-01T00:00:00Z'),
  fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }).map((d) => d.toISOString()),
);
const badSendAt = fc.constantFrom('0000-01-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', 'tomorrow', '', '+275760-09-13T00:00:00.001Z');

/** A request the API should accept (or refuse only for its meaning: a reused idempotency key). */
const validBody = fc.record(
  {
    recipients: fc.array(recipient, { minLength: 1, maxLength: 3 }),
    text: fc.oneof(fc.constant('fuzz notification'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })),
    card,
    data: fc.record({ title: fc.string(), a: fc.jsonValue({ maxDepth: 2 }), items: fc.oneof(fc.array(fc.nat(), { maxLength: 5 }), fc.integer({ min: 100, max: 20_000 }).map((n) => new Big('array', n, 1))) }, { requiredKeys: [] }),
    topic: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
    idempotencyKey: fc.oneof({ arbitrary: fc.constantFrom('k1', 'k2', 'k3'), weight: 1 }, { arbitrary: fc.string({ minLength: 1, maxLength: 40 }), weight: 3 }),
    callbackUrl,
    sendAt,
  },
  { requiredKeys: ['recipients', 'text'] },
);

const BODY_FIELDS = ['recipients', 'text', 'card', 'data', 'topic', 'idempotencyKey', 'callbackUrl', 'sendAt', 'extra'] as const;
/** One change to a request: a field set to something wrong (or removed). */
export type BodyChange = { field: (typeof BODY_FIELDS)[number] | ['recipients', number]; value: unknown } | { field: (typeof BODY_FIELDS)[number]; remove: true };
const bodyChange: fc.Arbitrary<BodyChange> = fc.oneof(
  fc.record({ field: fc.constantFrom(...BODY_FIELDS), value: nastyValue }),
  fc.record({ field: fc.nat(3).map((i): ['recipients', number] => ['recipients', i]), value: fc.oneof(nastyValue, fc.record({ userId: nastyString, tenantId: nastyString }, { requiredKeys: [] }), fc.record({ allUsers: nastyValue, tenantId: fc.constantFrom('other-tenant', '') })) }),
  fc.record({ field: fc.constant('callbackUrl' as const), value: badCallbackUrl }),
  fc.record({ field: fc.constant('sendAt' as const), value: badSendAt }),
  fc.record({ field: fc.constant('recipients' as const), value: fc.constantFrom<unknown>([], new Array(1_001).fill({ allUsers: true })) }),
  fc.record({ field: fc.constantFrom(...BODY_FIELDS), remove: fc.constant(true as const) }),
);

/** The request body with its changes applied. */
export function changed(body: Record<string, unknown>, changes: readonly BodyChange[]): Record<string, unknown> {
  const result: Record<string, unknown> = copy(body);
  for (const change of changes) {
    if ('remove' in change) delete result[change.field];
    else if (Array.isArray(change.field)) result['recipients'] = Object.assign([...((Array.isArray(result['recipients']) ? result['recipients'] : []) as unknown[])], { [change.field[1]]: copy(change.value) });
    else Object.defineProperty(result, change.field, { value: copy(change.value), enumerable: true, writable: true, configurable: true });
  }
  return result;
}

const existingOrAny: fc.Arbitrary<IdChoice> = fc.oneof(
  { arbitrary: fc.nat().map((created) => ({ created })), weight: 3 },
  { arbitrary: fc.record({ literal: fc.oneof(nastyString, fc.uuid()), raw: fc.boolean() }), weight: 2 },
);
const caller = (allowed: readonly Caller[]) => fc.oneof({ arbitrary: fc.constantFrom(...allowed.slice(0, 1)), weight: 6 }, { arbitrary: fc.constantFrom(...allowed), weight: 2 });
const readers: Caller[] = ['admin', 'send', 'read', 'none', 'unknown', 'basic', 'empty'];
/** Never `admin` on a POST: an admin key reaches every tenant, so it could send to the message fuzz's conversations. */
const changers: Caller[] = ['send', 'read', 'none', 'unknown', 'basic', 'empty'];

export function apiInput(): fc.Arbitrary<ApiInput> {
  const query = fc.array(fc.tuple(fc.constantFrom('bucket', 'after', 'limit', 'x', 'after[]', 'limit[a]'), fc.oneof(fc.constantFrom('Failed', 'Delivered', 'Skipped', 'failed', '1', '500', '501', '0', '-1', '1.5', '1e3', 'NaN', ''), nastyString)), { maxLength: 4 });
  return fc.oneof(
    { arbitrary: fc.record({ op: fc.constant('create' as const), caller: caller(changers), body: validBody, changes: fc.oneof({ arbitrary: fc.constant<BodyChange[]>([]), weight: 1 }, { arbitrary: fc.array(bodyChange, { minLength: 1, maxLength: 2 }), weight: 1 }), idempotencyHeader: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.oneof(fc.constantFrom('k1', '"k1"', '"k\\"2"', '"'), nastyString), weight: 1 }), raw: fc.oneof({ arbitrary: fc.constant(undefined), weight: 30 }, { arbitrary: fc.constantFrom('', '{', 'null', '[]', 'x', '{"recipients":[{"allUsers":true}],"text":"x","__proto__":{"a":1}}'), weight: 1 }) }), weight: 10 },
    { arbitrary: fc.record({ op: fc.constantFrom('status' as const, 'delete' as const, 'cancel' as const), caller: caller(changers), id: existingOrAny }), weight: 4 },
    { arbitrary: fc.record({ op: fc.constant('status' as const), caller: caller(readers), id: existingOrAny }), weight: 2 },
    { arbitrary: fc.record({ op: fc.constant('recipients' as const), caller: caller(readers), id: existingOrAny, query }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('patch' as const), caller: caller(changers), id: existingOrAny, body: fc.record({ text: nastyString, card, data: nastyValue, extra: nastyValue }, { requiredKeys: [] }) }), weight: 3 },
    { arbitrary: fc.record({ op: fc.constant('stray' as const), method: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), path: fc.oneof(fc.constantFrom('/api/v1', '/api/v1/', '/api/v1/notifications/', '/api/v1/notifications//recipients', '/api/v1/x', '/api/v1/notifications/a/b/c', '/api/v1/openapi.json', '/api/v1/notifications?x=%', '/api/v1/%2e%2e/readyz'), nastyString.map((s) => `/api/v1/${pathSegment(s)}`)), caller: caller(changers) }), weight: 1 },
  );
}
