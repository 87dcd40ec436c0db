/** What the Bot Framework channel sends with every activity it POSTs to a bot's messaging endpoint. */
const CHANNEL_USER_AGENT = 'Microsoft-SkypeBotApi (Microsoft-BotFramework/3.0)';

export interface PostActivityDeps {
  readonly botEndpoint: string | undefined;
  readonly serviceUrl: string;
  readonly mintToken: (serviceUrl: string) => Promise<string>;
}

export interface PostActivityOptions {
  token?: string;
  endpoint?: string;
}

/** Signs the activity (token bound to its serviceUrl) unless a token is given, and POSTs it as JSON. */
export async function postActivity(
  deps: PostActivityDeps,
  activity: Record<string, unknown>,
  options: PostActivityOptions = {},
): Promise<Response> {
  const endpoint = options.endpoint ?? deps.botEndpoint;
  if (!endpoint) throw new Error('teams-sim: no botEndpoint configured and no endpoint given');
  const serviceUrl = typeof activity['serviceUrl'] === 'string' ? activity['serviceUrl'] : deps.serviceUrl;
  const token = options.token ?? (await deps.mintToken(serviceUrl));
  return fetch(endpoint, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json; charset=utf-8',
      'user-agent': CHANNEL_USER_AGENT,
    },
    body: JSON.stringify(activity),
  });
}
