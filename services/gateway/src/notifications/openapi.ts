import { z } from 'zod';
import { consoleBearer, consolePaths, consoleSchemas } from './openapi-console.js';
import { groupSearchAnswerSchema, notificationPatchSchema, notificationRequestSchema, notificationStatusSchema, preferencesDocumentSchema, preferencesUpdateSchema, recipientPageSchema, statusBucketSchema } from '@herald/contracts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const problem = { description: 'RFC 9457 problem details', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const accepted = { description: 'Stored; the work goes on in the background', content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const preferences = { description: 'The preferences as they are', content: { 'application/json': { schema: { $ref: '#/components/schemas/Preferences' } } } };
const limited = { ...problem, description: "Over the caller's rate limit", headers: { 'Retry-After': { description: 'seconds until the window ends', schema: { type: 'integer' } } } };
const errors = { 400: problem, 401: problem, 403: { ...problem, description: "The caller lacks the scope, or may not reach a recipient's tenant" }, 404: problem, 429: limited, 503: problem };
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  schema: { type: 'string', minLength: 1, maxLength: 200 },
  description: "Same as the body's idempotencyKey (give either, or both equal): the same caller and key give the same id and send nothing twice; the same key with a different request is 422.",
};
const groupSearch = {
  summary: "Entra groups whose name matches, for an audience picker (notifications:send); a group's id is a groupId recipient",
  parameters: [
    { name: 'search', in: 'query', required: true, schema: { type: 'string', minLength: 1, maxLength: 256 }, description: 'text to look for in group display names' },
    { name: 'top', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
    { name: 'tenantId', in: 'query', schema: { type: 'string' }, description: "the tenant whose groups to search; a key restricted to one tenant defaults to it" },
  ],
  responses: {
    200: { description: 'The groups found', content: { 'application/json': { schema: { $ref: '#/components/schemas/GroupPage' } } } },
    422: { ...problem, description: 'A caller restricted to several tenants named none; Microsoft Graph refused the tenant for good (it never granted Herald its permissions)' },
    ...errors,
    503: { ...problem, description: 'Directory search (graph-sync, or Graph behind it) is unavailable', headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } },
  },
};
const bearer = [
  "An API key of HERALD_API_KEYS, or an Entra access token of an app of the organisation for Herald's app id.",
  "Scopes: notifications:send (POST, PATCH, DELETE, cancel), notifications:read (GET), preferences:read and preferences:write (a person's preferences), admin (everything, on any caller's notification).",
  'A plain key sends and reads notifications, in every tenant. Entra app roles: Notifications.Send (send and read), Notifications.Read, Notifications.Admin, Preferences.Read, Preferences.ReadWrite.',
  "A key restricted to tenants: each recipient's tenantId must be one of them (a single tenant is the default); allUsers without tenantId is 422.",
].join(' ');

/** The notification API and the messages console's API as OpenAPI 3.1, their schemas generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Herald notification API', version: '1', description: "Reach Teams users, chats, channels and teams; read exact delivery accounting. Under /api/v1/console: the messages console's API, for people who are authors." },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: bearer }, consoleBearer },
      schemas: {
        NotificationRequest: json(notificationRequestSchema),
        NotificationPatch: json(notificationPatchSchema),
        NotificationStatus: json(notificationStatusSchema),
        RecipientPage: json(recipientPageSchema),
        Preferences: json(preferencesDocumentSchema),
        PreferencesUpdate: json(preferencesUpdateSchema),
        GroupPage: json(z.object({ value: groupSearchAnswerSchema.options[0].shape.groups })),
        Accepted: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        ...consoleSchemas,
        Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, field: { type: 'string' } } },
      },
    },
    paths: {
      '/api/v1/notifications': {
        post: {
          summary: 'Send a notification',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationRequest' } } } },
          responses: { 202: { ...accepted, headers: { Location: { schema: { type: 'string' } } } }, 422: { ...problem, description: "A tenant-restricted caller's recipient without tenantId; an Idempotency-Key reused for another request" }, ...errors },
        },
      },
      '/api/v1/notifications/{id}': {
        parameters: [id],
        get: { summary: 'Live status and counts', responses: { 200: { description: 'Status', content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationStatus' } } } }, ...errors } },
        patch: {
          summary: 'Replace the content everywhere it was delivered',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationPatch' } } } },
          responses: { 202: accepted, ...errors },
        },
        delete: { summary: 'Delete it everywhere', responses: { 202: accepted, ...errors } },
      },
      '/api/v1/notifications/{id}/recipients': {
        parameters: [
          id,
          { name: 'bucket', in: 'query', schema: { enum: statusBucketSchema.options } },
          { name: 'after', in: 'query', schema: { type: 'string' }, description: 'the `next` of the previous page' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        get: { summary: 'Who ended in which bucket, and how (history)', responses: { 200: { description: 'A page', content: { 'application/json': { schema: { $ref: '#/components/schemas/RecipientPage' } } } }, ...errors } },
      },
      '/api/v1/notifications/{id}/cancel': { parameters: [id], post: { summary: 'Stop the deliveries not yet made', responses: { 202: accepted, ...errors } } },
      '/api/v1/groups': { get: groupSearch },
      '/api/v1/users/{aadObjectId}/preferences': {
        parameters: [{ name: 'aadObjectId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' }, description: "the person's Entra object id" }],
        get: { summary: "A person's notification preferences (preferences:read)", responses: { 200: preferences, ...errors } },
        put: {
          summary: 'Set the preferences given (preferences:write); the others are kept, quietHours null removes them',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PreferencesUpdate' } } } },
          responses: { 200: preferences, ...errors },
        },
      },
      ...consolePaths,
    },
  };
}
