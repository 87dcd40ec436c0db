import fc from 'fast-check';

/**
 * JSON values a hostile or broken client may put anywhere: control characters, lone surrogates,
 * bidi overrides, very long strings, huge arrays and very deep nesting (all within the 256 KB body
 * limit, or just over it), prototype keys, numbers at the edges. The big ones are `Big` values,
 * expanded only when the body is written (`toJson`): a failing input then prints in a line, and
 * deep nesting never overflows our own stack.
 */
export class Big {
  constructor(
    readonly kind: 'string' | 'array' | 'nested-arrays' | 'nested-objects',
    readonly size: number,
    readonly item: unknown = 0,
  ) {}

  /** The placeholder JSON.stringify writes; `toJson` replaces it with the real text. */
  toJSON(): string {
    expanding.push(this);
    return `${PLACEHOLDER}${expanding.length - 1}`;
  }

  /** Where a string is expected (a template, a key): the text itself. */
  toString(): string {
    return this.kind === 'string' ? 'x'.repeat(this.size) : JSON.parse(this.text()) === null ? 'null' : this.text();
  }

  [fc.toStringMethod](): string {
    return `Big(${this.kind}, ${this.size}${this.kind === 'array' ? `, ${JSON.stringify(this.item)}` : ''})`;
  }

  text(): string {
    const n = this.size;
    switch (this.kind) {
      case 'string':
        return JSON.stringify('x'.repeat(n));
      case 'array':
        return `[${new Array<string>(n).fill(JSON.stringify(this.item)).join(',')}]`;
      case 'nested-arrays':
        return `${'['.repeat(n)}${']'.repeat(n)}`;
      case 'nested-objects':
        return `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    }
  }
}

const PLACEHOLDER = '@@fuzz-big@@';
let expanding: Big[] = [];

/** The JSON text of `value`, `Big` values expanded (e.g. `[[[…]]]` 100,000 levels down). */
export function toJson(value: unknown): string {
  expanding = [];
  const text = JSON.stringify(value) ?? 'null';
  const bigs = expanding;
  return text.replace(new RegExp(`"${PLACEHOLDER}(\\d+)"`, 'g'), (_match, index: string) => bigs[Number(index)]!.text());
}

/** A copy of a generated value that the fuzz may change without changing fast-check's (`Big` values are kept: they never change). */
export function copy<T>(value: T): T {
  if (value instanceof Big || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) Object.defineProperty(result, key, { value: copy(child), enumerable: true, writable: true, configurable: true });
  return result as T;
}

/** Mostly sizes that fit the 256 KB body limit, sometimes ones that do not. */
function size(min: number, max: number, hugeMin: number, hugeMax: number): fc.Arbitrary<number> {
  return fc.oneof({ arbitrary: fc.integer({ min, max }), weight: 4 }, { arbitrary: fc.integer({ min: hugeMin, max: hugeMax }), weight: 1 });
}

export const nastyString = fc.oneof(
  { arbitrary: fc.constantFrom(
    '', ' ', '\r\n', 'a\r\nX-Injected: 1', 'a\u0000b', '\u0000', '\u2028\u2029', '\uFEFF', '\uD800', '\uDFFF', 'a\uD83D',
    '💥', '👩‍👩‍👧‍👦', '\u202Eevil', 'ﷺ', 'İ', '%00', '%', '%ZZ', '../../etc/passwd', '${jndi:x}', '{{data}}', '${data.title}',
    '<at>Herald</at> help', 'help', 'subscribe news', 'settings', '<script>alert(1)</script>', "'; drop table x; --",
    '__proto__', 'constructor', 'prototype', 'null', 'true', '29:', '19:', 'a:', 'msteams', 'https://evil.example/', '*', '>', 'a.b.c', 'a b', ';messageid=1', 'a:1;messageid=2',
  ), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: size(1_000, 20_000, 200_000, 300_000).map((length) => new Big('string', length) as unknown as string), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom('\u0000', '\r', '\n', '\u0007', '\u009F', '\u2028'), fc.integer({ min: 1, max: 2_000 })).map(([c, n]) => `id${c.repeat(n)}`), weight: 1 },
);

export const nastyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 1.5, 429, 500),
);

const deep = fc.tuple(fc.constantFrom('nested-arrays' as const, 'nested-objects' as const), fc.integer({ min: 100, max: 120_000 })).map(([kind, depth]) => new Big(kind, depth));

const hugeArray = fc.tuple(size(1_000, 10_000, 30_000, 60_000), fc.constantFrom<unknown>(0, null, {}, 'a', [], { type: 'mention' }, { contentType: 'x' })).map(([length, item]) => new Big('array', length, item));

const prototypeKeys = fc.constantFrom<unknown>(JSON.parse('{"__proto__":{"polluted":true}}'), JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'));

export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyString, weight: 5 },
  { arbitrary: nastyNumber, weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { id: null }, { id: 1 }), weight: 2 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 3 },
  { arbitrary: fc.array(nastyString, { maxLength: 5 }), weight: 1 },
  { arbitrary: fc.dictionary(nastyString, nastyString, { maxKeys: 4 }), weight: 1 },
  { arbitrary: deep, weight: 1 },
  { arbitrary: hugeArray, weight: 1 },
  { arbitrary: prototypeKeys, weight: 1 },
);

