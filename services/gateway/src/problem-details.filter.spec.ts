import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MAX_BODY_DEPTH, parseBody, Problem } from './problem-details.filter.js';

const anything = z.looseObject({ value: z.unknown().optional() });
const nested = (depth: number) => JSON.parse(`{"value":${'['.repeat(depth)}${']'.repeat(depth)}}`) as unknown;
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof Problem ? { status: error.getStatus(), ...(error.getResponse() as object) } : error;
  }
  return undefined;
};

describe('parseBody', () => {
  // Found by the fuzz (tests/e2e/src/fuzz.e2e.spec.ts): an activity nested 60,000 levels deep passed
  // the schema, then overflowed the stack where it was serialized — 503 "the message bus is
  // unavailable" for a bad input (and 500 where the notification API hashed its request).
  it(`refuses a body nested deeper than ${MAX_BODY_DEPTH} levels with 400 naming where, without overflowing`, () => {
    const problem = problemOf(() => parseBody(anything, nested(100_000))) as { status: number; field: string; detail: string };
    expect(problem.status).toBe(400);
    expect(problem.field).toMatch(/^value(\.0)+$/);
    expect(problem.detail).toContain(`nested deeper than ${MAX_BODY_DEPTH} levels`);
  });

  it('accepts a body nested as deep as allowed, and wide ones', () => {
    expect(parseBody(anything, nested(MAX_BODY_DEPTH - 1))).toEqual(nested(MAX_BODY_DEPTH - 1));
    expect(problemOf(() => parseBody(anything, { value: new Array(100_000).fill({ a: [1] }) }))).toBeUndefined();
  });

  // Found by the fuzz: a lone surrogate (`"\\udc00"`, valid JSON but no Unicode text) was stored,
  // then Postgres refused it in a jsonb column and the notification's status projection gave up on it.
  it.each([
    ['a value', { value: { text: 'a\udc00b' } }, 'value.text'],
    ['a high surrogate at the end', { value: ['ok', 'x\ud83d'] }, 'value.1'],
    ['a key', { value: { 'k\ud800': 1 } }, 'value.k\ud800'],
  ])('refuses a lone surrogate in %s with 400 naming the field', (_name, body, field) => {
    expect(problemOf(() => parseBody(anything, body))).toMatchObject({ status: 400, field, detail: expect.stringContaining('lone surrogate') });
  });

  // Found by the fuzz: a NUL in a notification's text was stored, then Postgres refused it
  // ("\\u0000 cannot be converted to text") and the notification status projection gave up on it.
  it.each([
    ['a value', { value: { text: 'a\u0000b' } }, 'value.text'],
    ['a key', { value: { 'k\u0000': 1 } }, 'value.k\u0000'],
  ])('refuses a NUL character in %s with 400 naming the field', (_name, body, field) => {
    expect(problemOf(() => parseBody(anything, body))).toMatchObject({ status: 400, field, detail: expect.stringContaining('NUL') });
  });

  it('accepts every well-formed text, emoji and all', () => {
    expect(problemOf(() => parseBody(anything, { value: { text: '👩‍👩‍👧‍👦 ﷺ \u202e İ \ufeff' } }))).toBeUndefined();
  });

  it('names the first bad field of a schema', () => {
    expect(problemOf(() => parseBody(z.object({ a: z.string() }), { a: 1 }))).toMatchObject({ status: 400, field: 'a' });
  });

  it('names a field the schema does not know', () => {
    expect(problemOf(() => parseBody(z.strictObject({ a: z.object({ b: z.string() }).strict() }), { a: { b: 'x', colour: 'blue' } }))).toMatchObject({ status: 400, field: 'a.colour' });
  });
});
