import { z } from 'zod';
import { consoleAudienceSchema, consoleAuthorSchema, consoleDraftSchema, consoleMessagesAnswerSchema, consoleMessageStateSchema, consoleReachAnswerSchema, consoleSendSchema, consoleTeamsAnswerSchema, statusBucketSchema } from '@herald/contracts';

/** The messages console's API (services/gateway/src/console/README.md) in the gateway's OpenAPI document. */

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const body = (description: string, schema: object, type = 'application/json') => ({ description, content: { [type]: { schema } } });
const problem = body('RFC 9457 problem details', ref('Problem'), 'application/problem+json');
const security = [{ consoleBearer: [] }];
const errors = {
  400: { ...problem, description: 'A parameter or body field is wrong (`field` names it)' },
  401: { ...problem, description: 'No token, or one that is tampered with, expired or not for Herald' },
  403: { ...problem, description: 'The person is not an author (`type` https://herald.dev/problems/not-an-author)' },
  404: { ...problem, description: "No such message in the author's tenant" },
};
const conflict = { ...problem, description: 'The message is not in a state that allows this, or the version is stale' };
const saved = { ...body('Saved', ref('ConsoleSaved')), headers: { Location: { schema: { type: 'string' } } } };
const sent = body('What the message is now', ref('ConsoleSendAnswer'));
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'the message id' };
const search = (maxLength: number, required = false) => ({ name: 'search', in: 'query', required, schema: { type: 'string', maxLength }, description: 'text to look for in names' });
const text = { type: 'string' };
const page = [{ name: 'after', in: 'query', schema: { type: 'string' }, description: 'the `next` of the previous page' }];

export const consoleBearer = {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description:
    "A person's Entra access token for Herald's app (inside Teams the tab's SSO token, in a browser the one the auth service's console sign-in hands over), with a delegated scope. The person must be an author: listed in HERALD_AUTHORS or a member of the group HERALD_AUTHORS_GROUP_ID.",
};

export const consoleSchemas = {
  ConsoleAuthor: json(consoleAuthorSchema),
  ConsoleDraft: json(consoleDraftSchema),
  ConsoleSend: json(consoleSendSchema),
  ConsoleAudience: json(consoleAudienceSchema),
  ConsoleMessages: json(consoleMessagesAnswerSchema),
  ConsoleReach: json(consoleReachAnswerSchema),
  ConsoleTeams: json(consoleTeamsAnswerSchema),
  ConsoleSaved: { type: 'object', required: ['id', 'version'], properties: { id: text, version: { type: 'integer' } } },
  ConsoleMessage: {
    type: 'object',
    required: ['id', 'version', 'state', 'draft', 'author', 'needsApproval'],
    properties: {
      id: text,
      version: { type: 'integer' },
      state: { enum: consoleMessageStateSchema.options },
      draft: ref('ConsoleDraft'),
      author: ref('ConsoleAuthor'),
      needsApproval: { type: 'boolean' },
      approvedBy: { anyOf: [ref('ConsoleAuthor'), { type: 'null' }] },
      notificationId: { type: ['string', 'null'] },
      send: { anyOf: [ref('ConsoleSend'), { type: 'null' }] },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
  },
  ConsoleSendAnswer: { type: 'object', required: ['id', 'state'], properties: { id: text, state: { enum: consoleMessageStateSchema.options }, notificationId: text } },
  ConsoleExport: {
    type: 'object',
    required: ['exportId', 'state', 'fileName'],
    properties: { exportId: text, state: { enum: ['requested', 'offered', 'uploaded', 'declined', 'expired', 'failed'] }, fileName: { type: 'string' }, reason: { type: 'string' } },
  },
};

const base = '/api/v1/console';
export const consolePaths = {
  [`${base}/me`]: { get: { summary: 'Who is signed in (an author)', security, responses: { 200: body('The author', ref('ConsoleAuthor')), ...errors } } },
  [`${base}/messages`]: {
    get: {
      summary: "The author's tenant's messages, newest first, with live counts",
      security,
      parameters: [{ name: 'state', in: 'query', schema: { enum: consoleMessageStateSchema.options } }, ...page, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }],
      responses: { 200: body('A page of messages', ref('ConsoleMessages')), ...errors },
    },
    post: { summary: 'Save a new draft', security, requestBody: { required: true, content: { 'application/json': { schema: ref('ConsoleDraft') } } }, responses: { 201: saved, ...errors } },
  },
  [`${base}/messages/{id}`]: {
    parameters: [id],
    get: { summary: 'A message: its draft, state, author, approval and notification', security, responses: { 200: body('The message', ref('ConsoleMessage')), ...errors } },
    put: {
      summary: 'Save a draft again (optimistic: the version read)',
      security,
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['draft', 'version'], properties: { draft: ref('ConsoleDraft'), version: { type: 'integer' } } } } } },
      responses: { 200: body('Saved', ref('ConsoleSaved')), 409: conflict, ...errors },
    },
    delete: { summary: 'Delete a draft', security, responses: { 204: { description: 'Deleted' }, 409: conflict, ...errors } },
  },
  [`${base}/messages/{id}/duplicate`]: { parameters: [id], post: { summary: 'A new draft with the same content', security, responses: { 201: saved, ...errors } } },
  [`${base}/messages/{id}/send`]: {
    parameters: [id],
    post: {
      summary: 'Send now or at a time; awaitingApproval when it needs a second author',
      security,
      requestBody: { required: true, content: { 'application/json': { schema: ref('ConsoleSend') } } },
      responses: { 202: sent, 409: conflict, 422: { ...problem, description: 'The draft cannot be sent (`problems` names each field)' }, ...errors },
    },
  },
  [`${base}/messages/{id}/approve`]: {
    parameters: [id],
    post: { summary: "Approve another author's message (it is sent)", security, responses: { 202: sent, 409: conflict, ...errors, 403: { ...problem, description: 'Not an author, or the message is their own' } } },
  },
  [`${base}/messages/{id}/cancel`]: { parameters: [id], post: { summary: 'Cancel while awaiting approval, scheduled or sending', security, responses: { 202: sent, 409: conflict, ...errors } } },
  [`${base}/messages/{id}/events`]: {
    parameters: [id],
    get: {
      summary: 'Live status: `event: status` with { state, status, engagement } on connect and on each change (at most 4 a second), `: keep-alive` every 15 s',
      security,
      responses: { 200: body('Server-sent events', { type: 'string' }, 'text/event-stream'), ...errors },
    },
  },
  [`${base}/messages/{id}/recipients`]: {
    parameters: [id, { name: 'bucket', in: 'query', schema: { enum: statusBucketSchema.options } }, ...page, { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } }],
    get: { summary: "Who ended in which bucket (the message's notification)", security, responses: { 200: body('A page', ref('RecipientPage')), ...errors } },
  },
  [`${base}/messages/{id}/recipients.csv`]: {
    parameters: [id],
    get: { summary: 'Every recipient, outcome and reason, as a CSV download', security, responses: { 200: body('CSV (Content-Disposition: attachment)', { type: 'string' }, 'text/csv'), ...errors } },
  },
  [`${base}/messages/{id}/exports`]: {
    parameters: [id],
    post: { summary: "Offer the CSV in the author's personal chat with Herald (a file consent card)", security, responses: { 202: body('Requested', { type: 'object', required: ['exportId'], properties: { exportId: text } }), ...errors } },
  },
  [`${base}/exports/{exportId}`]: {
    parameters: [{ name: 'exportId', in: 'path', required: true, schema: { type: 'string' } }],
    get: { summary: 'Where an export is', security, responses: { 200: body('The export', ref('ConsoleExport')), ...errors } },
  },
  [`${base}/reach`]: {
    post: {
      summary: 'How many people (and channel posts) an audience reaches',
      security,
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['audience'], properties: { audience: ref('ConsoleAudience') } } } } },
      responses: { 200: body('The estimate', ref('ConsoleReach')), ...errors },
    },
  },
  [`${base}/teams`]: { get: { summary: 'The teams Herald is installed in, with their channels', security, parameters: [search(100)], responses: { 200: body('Teams', ref('ConsoleTeams')), ...errors } } },
  [`${base}/groups`]: {
    get: {
      summary: "Entra groups of the author's tenant whose name matches",
      security,
      parameters: [search(256, true), { name: 'top', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } }],
      responses: { 200: body('Groups', ref('GroupPage')), ...errors },
    },
  },
};
