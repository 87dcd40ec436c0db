/**
 * The console's Content-Security-Policy: its own scripts, styles and API only (everything is
 * bundled, nothing from a CDN); card images from any https host (authors link them); framed only
 * by Teams (and, in dev mode, teams-sim). Fluent UI (Griffel) and the Adaptive Cards renderer
 * set styles at run time, hence `style-src 'unsafe-inline'`; scripts stay strictly `'self'`. Inside
 * Teams, TeamsJS fetches the list of Teams' valid host origins from Microsoft's CDN.
 */
export function consoleContentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' https://res.cdn.office.net",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/** Headers of the console's index page: never cached (it names the current hashed assets). */
export function indexHeaders(frameAncestors: readonly string[]): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-cache',
    'content-security-policy': consoleContentSecurityPolicy(frameAncestors),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}

/** Hashed assets never change under their name: cached for a year. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export function contentTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return CONTENT_TYPES[dot < 0 ? '' : fileName.slice(dot)] ?? 'application/octet-stream';
}
