/** Why an inbound request was refused: 401 (who are you?), 403 (not allowed), 503 (cannot check now). */
export class AuthError extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
