import { z } from 'zod';
import { notificationPatchSchema, notificationRequestSchema, notificationStatusSchema, recipientPageSchema } from '@herald/contracts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const problem = { description: 'RFC 9457 problem details', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const accepted = { description: 'Stored; the work goes on in the background', content: { 'application/json': { schema: { $ref: '#/components/schemas/Accepted' } } } };
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const errors = { 400: problem, 401: problem, 404: problem, 503: problem };

/** The notification API as OpenAPI 3.1, its schemas generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'Herald notification API', version: '1', description: 'Reach Teams users, chats, channels and teams; read exact delivery accounting.' },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'One of HERALD_API_KEYS' } },
      schemas: {
        NotificationRequest: json(notificationRequestSchema),
        NotificationPatch: json(notificationPatchSchema),
        NotificationStatus: json(notificationStatusSchema),
        RecipientPage: json(recipientPageSchema),
        Accepted: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        Problem: { type: 'object', properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, field: { type: 'string' } } },
      },
    },
    paths: {
      '/api/v1/notifications': {
        post: {
          summary: 'Send a notification',
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NotificationRequest' } } } },
          responses: { 202: { ...accepted, headers: { Location: { schema: { type: 'string' } } } }, 422: problem, ...errors },
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
          { name: 'bucket', in: 'query', schema: { enum: ['Delivered', 'Failed', 'Unknown', 'NotInstalled', 'Skipped'] } },
          { name: 'after', in: 'query', schema: { type: 'string' }, description: 'the `next` of the previous page' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } },
        ],
        get: { summary: 'Who ended in which bucket, and how (history)', responses: { 200: { description: 'A page', content: { 'application/json': { schema: { $ref: '#/components/schemas/RecipientPage' } } } }, ...errors } },
      },
      '/api/v1/notifications/{id}/cancel': { parameters: [id], post: { summary: 'Stop the deliveries not yet made', responses: { 202: accepted, ...errors } } },
    },
  };
}
