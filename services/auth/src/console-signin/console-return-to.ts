/**
 * Where a console sign-in may send the person back to: a page of the console itself (same origin as
 * the console's public URL, a path under it), never anywhere else, so the sign-in is no open redirect
 * that hands a token to a stranger's page.
 */
export function allowedReturnTo(returnTo: unknown, consoleUrl: string): string | undefined {
  if (typeof returnTo !== 'string' || returnTo.length === 0 || returnTo.length > 2_048) return undefined;
  let url: URL;
  try {
    url = new URL(returnTo);
  } catch {
    return undefined;
  }
  const console = new URL(consoleUrl);
  if (url.origin !== console.origin || url.username || url.password) return undefined;
  const base = console.pathname.replace(/\/+$/, '');
  if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return undefined;
  // A path that climbs out once normalised (`/console/../x` is normalised by URL already; encoded dots are not).
  if (/%2e|%2f|%5c/i.test(url.pathname)) return undefined;
  url.hash = '';
  return url.toString();
}

/** The console page with the token in its fragment: browsers never send a fragment to a server or in a Referer. */
export function returnWithToken(returnTo: string, token: { accessToken: string; expiresIn: number }): string {
  const url = new URL(returnTo);
  url.hash = new URLSearchParams({ access_token: token.accessToken, expires_in: String(token.expiresIn), token_type: 'Bearer' }).toString();
  return url.toString();
}
