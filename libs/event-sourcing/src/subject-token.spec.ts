import { describe, expect, it } from 'vitest';
import { fromSubjectToken, subjectToken } from './subject-token.js';

// Ids from ../shared/fixtures, plus the characters Teams ids may hold.
const ids = [
  '19:d441d38c655c47a085215b2726e76927@thread.tacv2;messageid=1771290107407',
  '19:zFLSDFWsesfzcmKArqKJ-65aOXJz@sgf462H2wz41@thread.tacv2',
  'a:1rLdrbRhx8Pc7Y6HNUmkI6QHZ4vUe1dECseFMsjCLUs61NUCtDKvf_iXhzX96AJlIFs7WgQUzTrjV3iMjbON0UfMV_gNh2tUNgHj_iY5hQoYdFu_t-hTt-uDl7m6_X4-Z',
  '29:1I9Is_Sx0O-Iy2rQ7Xz1lcaPKlO9eqmBRTBuW6XzkFtcjqxTjPaCMij8BVMdBcL9L_RwWNJyAHFQb0TRzXgyQvA',
  '28:0b6fe6d1-fece-44f7-9a48-56465e2d5ab8',
  'a team = with spaces; *wildcards* > and.dots',
  'Équipe 🚀',
  'x',
];

describe('subjectToken', () => {
  it.each(ids)('round-trips %s', (id) => {
    expect(fromSubjectToken(subjectToken(id))).toBe(id);
  });

  it.each(ids)('makes one NATS subject token of %s', (id) => {
    expect(subjectToken(id)).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('is base64url of the UTF-8 bytes, unpadded', () => {
    expect(subjectToken('19:abc@thread.tacv2')).toBe('MTk6YWJjQHRocmVhZC50YWN2Mg');
    expect(subjectToken('x')).toBe('eA');
  });

  it('gives different ids different tokens', () => {
    expect(new Set(ids.map(subjectToken)).size).toBe(ids.length);
  });

  it('refuses an empty id', () => {
    expect(() => subjectToken('')).toThrow(/empty/);
  });

  it.each(['', 'a.b', 'a*', '>', 'eA==', 'MTk6 YWJj', 'eB'])('refuses %j, which subjectToken cannot make', (token) => {
    expect(() => fromSubjectToken(token)).toThrow(/not a subject token/);
  });
});
