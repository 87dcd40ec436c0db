import { describe, expect, it } from 'vitest';
import { displayNameSearch } from './group-search.js';

describe('displayNameSearch', () => {
  it('quotes the query as one displayName term', () => {
    expect(displayNameSearch('Sales team')).toBe('"displayName:Sales team"');
  });

  it('escapes quotes and backslashes so the query cannot end the term or add clauses', () => {
    expect(displayNameSearch('a" OR "displayName:b')).toBe('"displayName:a\\" OR \\"displayName:b"');
    expect(displayNameSearch('x\\')).toBe('"displayName:x\\\\"');
  });
});
