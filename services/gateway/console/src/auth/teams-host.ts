/** How long the console waits for Teams to answer `app.initialize()` before deciding it runs in a plain browser. */
const TEAMS_INIT_TIMEOUT_MS = 2_000;

export interface TeamsHost {
  locale: string | undefined;
  theme: string | undefined;
  getToken(): Promise<string>;
}

/** The Teams host when the console runs as a tab (`app.initialize()` answers within 2 s), else null. */
export async function connectToTeams(hostOrigins: readonly string[]): Promise<TeamsHost | null> {
  // Outside a frame there is no Teams to talk to: don't wait.
  if (window.parent === window && !window.opener) return null;
  try {
    // Loaded only in a frame: TeamsJS fetches Teams' list of valid host origins as it loads.
    const { app, authentication } = await import('@microsoft/teams-js');
    // Microsoft's hosts TeamsJS knows; others (teams-sim in dev mode) come from the gateway's config.
    await withTimeout(app.initialize(hostOrigins.length > 0 ? [...hostOrigins] : undefined), TEAMS_INIT_TIMEOUT_MS);
    const context = await withTimeout(app.getContext(), TEAMS_INIT_TIMEOUT_MS);
    return {
      locale: context.app.locale,
      theme: context.app.theme,
      getToken: () => authentication.getAuthToken(),
    };
  } catch {
    return null;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error instanceof Error ? error : new Error(String(error)))),
    );
  });
}
