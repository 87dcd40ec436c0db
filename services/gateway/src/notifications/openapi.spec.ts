import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.js';

type Operation = { security?: unknown; responses: Record<string, unknown>; requestBody?: unknown };
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every `$ref` in the document, wherever it is. */
function refsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === '$ref' && typeof inner === 'string' ? [inner] : refsOf(inner)));
}

function operationsUnder(prefix: string): [string, Operation][] {
  const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
  return Object.entries(paths)
    .filter(([path]) => path.startsWith(prefix))
    .flatMap(([path, item]) => METHODS.filter((method) => item[method]).map((method): [string, Operation] => [`${method.toUpperCase()} ${path}`, item[method] as Operation]));
}

describe("the gateway's OpenAPI document", () => {
  it('lists every call of the messages console (services/gateway/src/console/README.md)', () => {
    expect(operationsUnder('/api/v1/console/').map(([name]) => name)).toEqual([
      'GET /api/v1/console/me',
      'GET /api/v1/console/messages',
      'POST /api/v1/console/messages',
      'GET /api/v1/console/messages/{id}',
      'PUT /api/v1/console/messages/{id}',
      'DELETE /api/v1/console/messages/{id}',
      'POST /api/v1/console/messages/{id}/duplicate',
      'POST /api/v1/console/messages/{id}/send',
      'POST /api/v1/console/messages/{id}/approve',
      'POST /api/v1/console/messages/{id}/cancel',
      'GET /api/v1/console/messages/{id}/events',
      'GET /api/v1/console/messages/{id}/recipients',
      'GET /api/v1/console/messages/{id}/recipients.csv',
      'POST /api/v1/console/messages/{id}/exports',
      'GET /api/v1/console/exports/{exportId}',
      'POST /api/v1/console/reach',
      'GET /api/v1/console/teams',
      'GET /api/v1/console/groups',
    ]);
  });

  it("each console call takes a person's bearer token and answers 401 without one and 403 to someone who is not an author", () => {
    const document = openApiDocument();
    expect(document.components.securitySchemes.consoleBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [name, operation] of operationsUnder('/api/v1/console/')) {
      expect(operation.security, name).toEqual([{ consoleBearer: [] }]);
      expect(Object.keys(operation.responses), name).toEqual(expect.arrayContaining(['400', '401', '403', '404']));
    }
  });

  it('answers the main outcomes: 201 for a saved draft, 202 with the new state for send, 409 for a stale version, 422 for a draft that cannot be sent', () => {
    const responses = (name: string) => Object.fromEntries(operationsUnder('/api/v1/console/'))[name]!.responses;
    expect(Object.keys(responses('POST /api/v1/console/messages'))).toContain('201');
    expect(Object.keys(responses('PUT /api/v1/console/messages/{id}'))).toContain('409');
    expect(Object.keys(responses('POST /api/v1/console/messages/{id}/send'))).toEqual(expect.arrayContaining(['202', '409', '422']));
    expect(responses('GET /api/v1/console/messages/{id}/events')['200']).toMatchObject({ content: { 'text/event-stream': {} } });
  });

  it('every $ref names a schema the document has; the draft schema rejects fields it does not know', () => {
    const document = openApiDocument();
    const schemas = document.components.schemas as Record<string, { additionalProperties?: unknown }>;
    for (const ref of refsOf(document)) expect(Object.keys(schemas), ref).toContain(ref.replace('#/components/schemas/', ''));
    expect(schemas['ConsoleDraft']!.additionalProperties).toBe(false);
  });
});
