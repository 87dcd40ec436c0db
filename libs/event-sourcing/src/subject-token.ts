/** base64url's alphabet: letters, digits, `-` and `_`, none of which NATS gives a meaning in a subject. */
const TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * A subject-safe, reversible token for an aggregate id: base64url of its UTF-8 bytes, unpadded.
 * Teams ids hold `:`, `;`, `.`, `@`, `=` (and may hold spaces); a NATS subject token must not hold
 * `.`, `*`, `>` or whitespace. `19:abc@thread.tacv2` becomes `MTk6YWJjQHRocmVhZC50YWN2Mg`.
 */
export function subjectToken(id: string): string {
  if (id.length === 0) throw new Error('an aggregate id must not be empty');
  return Buffer.from(id, 'utf8').toString('base64url');
}

/** The aggregate id `subjectToken` encoded; throws on anything `subjectToken` cannot have made. */
export function fromSubjectToken(token: string): string {
  const id = TOKEN.test(token) ? Buffer.from(token, 'base64url').toString('utf8') : '';
  if (id.length === 0 || subjectToken(id) !== token) throw new Error(`not a subject token: ${JSON.stringify(token)}`);
  return id;
}
