import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Every error answer of the gateway is RFC 9457 `application/problem+json`. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = exception instanceof HttpException ? exception.getStatus() : HttpStatus.INTERNAL_SERVER_ERROR;
    const body = exception instanceof HttpException ? exception.getResponse() : undefined;
    const problem = {
      type: 'about:blank',
      title: titleOf(status),
      status,
      ...(typeof body === 'object' && body !== null ? pickProblemFields(body as Record<string, unknown>) : {}),
    };
    const headers = (exception as { headers?: Record<string, string> }).headers ?? {};
    void reply.status(status).headers(headers).header('content-type', 'application/problem+json').send(problem);
  }
}

/**
 * Errors Fastify answers before any route (or Nest's filter) runs — a path parameter over 100
 * characters (414), a URL that does not decode (400) — as problem+json too (`frameworkErrors`).
 */
export function frameworkErrorAsProblem(error: { statusCode?: number; code?: string }, _request: unknown, reply: FastifyReply): void {
  const status = error.statusCode ?? HttpStatus.BAD_REQUEST;
  const detail = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path segment is longer than 100 characters' : 'the URL is not valid';
  void reply.status(status).header('content-type', 'application/problem+json').send({ type: 'about:blank', title: titleOf(status), status, detail });
}

/**
 * Errors Node's HTTP parser meets before Fastify sees a request — headers over 16 KB (431), a
 * malformed request (400), a request timeout (408) — as problem+json (`clientErrorHandler`).
 */
export function clientErrorAsProblem(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status], status });
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n${body}`);
  socket.destroy(error);
}

function pickProblemFields(body: Record<string, unknown>) {
  const { detail, field, title, message, type, extensions } = body;
  return {
    ...(typeof type === 'string' ? { type } : {}),
    ...(typeof title === 'string' ? { title } : {}),
    ...(typeof detail === 'string' ? { detail } : typeof message === 'string' ? { detail: message } : {}),
    ...(typeof field === 'string' ? { field } : {}),
    ...(typeof extensions === 'object' && extensions !== null ? extensions : {}),
  };
}

function titleOf(status: number): string {
  return (HttpStatus[status] ?? 'Error').toLowerCase().replace(/(^|_)(\w)/g, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase());
}

/**
 * An HTTP error with a problem detail and optional response headers (e.g. Retry-After); `more`
 * gives a problem type URI (`type`) and extension members (e.g. `problems: [{ field, message }]`).
 */
export class Problem extends HttpException {
  constructor(
    status: number,
    detail: string,
    readonly headers: Record<string, string> = {},
    field?: string,
    more: { type?: string; extensions?: Record<string, unknown> } = {},
  ) {
    super({ detail, ...(field ? { field } : {}), ...more }, status);
  }
}

/**
 * How deep a body may nest. Activities and Adaptive Cards nest a few levels, a card's containers
 * a few dozen; anything deeper would overflow the stack wherever it is serialized or hashed.
 */
export const MAX_BODY_DEPTH = 64;

/** A request body, validated: 400 problem+json naming the first bad field — an unknown one by its name — (or where it nests too deep, or is no Unicode text). */
export function parseBody<T>(schema: { safeParse(body: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string; keys?: unknown }[] } } }, body: unknown): T {
  const unfit = unfitPart(body);
  if (unfit !== undefined) throw new Problem(400, `${unfit.field}: ${unfit.problem}`, {}, unfit.field);
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const unknownKey = Array.isArray(issue?.keys) ? (issue.keys as unknown[]).slice(0, 1) : [];
  const field = [...(issue?.path ?? []), ...unknownKey].map(String).join('.') || '(body)';
  throw new Problem(400, `${field}: ${issue?.message ?? 'invalid request'}`, {}, field);
}

/**
 * A part of a parsed JSON body no schema should have to see (without recursion: the body may be
 * deeper than the stack): nesting deeper than MAX_BODY_DEPTH, or a string or key that is no text
 * Postgres or any UTF-8 peer can hold — a lone surrogate (`"\\udc00"`) or a NUL (`"\\u0000"`).
 */
function unfitPart(body: unknown): { field: string; problem: string } | undefined {
  type Node = { value: unknown; key: string; depth: number; parent: Node | undefined };
  const pending: Node[] = [{ value: body, key: '', depth: 0, parent: undefined }];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const problem = typeof node.value === 'string' ? unfitText(node.value) : undefined;
    if (problem) return { field: pathOf(node), problem };
    if (node.value === null || typeof node.value !== 'object') continue;
    if (node.depth >= MAX_BODY_DEPTH) return { field: pathOf(node), problem: `nested deeper than ${MAX_BODY_DEPTH} levels` };
    for (const [key, value] of Object.entries(node.value as Record<string, unknown>)) {
      const child = { value, key, depth: node.depth + 1, parent: node };
      const keyProblem = unfitText(key);
      if (keyProblem) return { field: pathOf(child), problem: keyProblem };
      pending.push(child);
    }
  }
  return undefined;
}

function unfitText(text: string): string | undefined {
  if (/\p{Cs}/u.test(text)) return 'a lone surrogate: not Unicode text';
  if (text.includes('\u0000')) return 'a NUL character, which no stored text may hold';
  return undefined;
}

function pathOf(node: { key: string; parent: { key: string; parent: unknown } | undefined }): string {
  const keys: string[] = [];
  for (let at: typeof node | undefined = node; at?.parent; at = at.parent as typeof node) keys.unshift(at.key);
  return keys.join('.') || '(body)';
}
