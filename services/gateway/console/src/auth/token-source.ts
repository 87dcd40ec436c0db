import type { TeamsHost } from './teams-host.js';

const STORAGE_KEY = 'herald.console.token';

interface StoredToken {
  token: string;
  expiresAt: number;
}

/**
 * Where the console's bearer token comes from: inside Teams the tab's SSO token; in a browser the
 * token the auth service's sign-in page put in the URL fragment (`#access_token=…&expires_in=…`),
 * kept in sessionStorage and removed from the address bar at once.
 */
export class TokenSource {
  constructor(
    private readonly teams: TeamsHost | null,
    private readonly signInUrl: string | null,
  ) {}

  /** Whether this page load took its token from the sign-in page: refused again, it asks before another round trip. */
  static justSignedIn = false;

  /** Takes a token from the URL fragment, if the sign-in page just handed one over. */
  static adoptFragmentToken(): void {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const token = fragment.get('access_token');
    if (!token) return;
    TokenSource.justSignedIn = true;
    const expiresIn = Number(fragment.get('expires_in') ?? '3600');
    const stored: StoredToken = { token, expiresAt: Date.now() + (Number.isFinite(expiresIn) ? expiresIn : 3600) * 1_000 };
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
  }

  /** A token for the next API call; null when the browser must sign in first (see `signIn`). */
  async token(): Promise<string | null> {
    if (this.teams) return this.teams.getToken();
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as StoredToken;
    return stored.expiresAt > Date.now() + 10_000 ? stored.token : null;
  }

  /** The token was refused (401): forget it, and sign in again (in Teams a fresh SSO token is asked for next time). */
  forget(): void {
    sessionStorage.removeItem(STORAGE_KEY);
  }

  get canSignIn(): boolean {
    return this.teams === null && this.signInUrl !== null;
  }

  /** A refused token sends the browser to sign in by itself, unless it just came back from there (no redirect loop). */
  get signsInByItself(): boolean {
    return this.canSignIn && !TokenSource.justSignedIn;
  }

  /** Sends the browser to the auth service's console sign-in, to come back here with a token. */
  signIn(): void {
    if (!this.signInUrl) return;
    const url = new URL(this.signInUrl);
    url.searchParams.set('returnTo', window.location.origin + window.location.pathname + window.location.search);
    window.location.assign(url.toString());
  }
}
