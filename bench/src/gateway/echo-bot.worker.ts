import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Request, type Response } from 'botbuilder';
import { probeStockCredentials, SimEntraCredentialsFactory } from './sim-credentials.js';

/** What the echo bot needs to know about teams-sim; sent as `workerData`. */
export interface EchoBotSettings {
  readonly appId: string;
  readonly appPassword: string;
  readonly openIdMetadataUrl: string;
  readonly authorityHost: string;
}

/** Posted to the parent once the bot listens. */
export interface EchoBotReady {
  readonly url: string;
  /** How botbuilder's stock credentials fared against the sim's login URL. */
  readonly stockCredentials: string;
}

const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';
const ERRORS_PRINTED = 3;

/** The botbuilder sample echo bot. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
  }
}

function createAdapter(settings: EchoBotSettings): CloudAdapter {
  const loginUrl = `${settings.authorityHost}/botframework.com`;
  const auth = new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: settings.appId,
      MicrosoftAppPassword: settings.appPassword,
      MicrosoftAppType: 'MultiTenant',
      ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: loginUrl,
      ToChannelFromBotOAuthScope: BOT_FRAMEWORK_SCOPE,
    },
    new SimEntraCredentialsFactory(settings),
  );
  const adapter = new CloudAdapter(auth);
  // A failed reply must not pass for a 200: CloudAdapter answers 500 when the turn throws.
  adapter.onTurnError = async (_context, error) => {
    throw error;
  };
  return adapter;
}

/** Node's ServerResponse in the shape CloudAdapter.process expects (Express/Restify-like). */
function botResponse(res: ServerResponse): Response {
  return {
    socket: res.socket,
    status: (code: number) => void (res.statusCode = code),
    header: (name: string, value: unknown) => void res.setHeader(name, String(value)),
    send: (body: unknown) => {
      if (typeof body === 'string' || Buffer.isBuffer(body)) return void res.write(body);
      res.setHeader('content-type', 'application/json');
      res.write(JSON.stringify(body));
    },
    end: () => void res.end(),
  };
}

/** A body parser, as Express's or Restify's would run before `adapter.process`. */
async function botRequest(req: IncomingMessage): Promise<Request | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    return { method: req.method ?? 'GET', headers: req.headers, body };
  } catch {
    return undefined;
  }
}

/**
 * CloudAdapter logs every failed request with console.error: print the first few, but not the refused
 * tokens (401) the bench provokes on purpose. Every failure also shows as a non-2xx answer.
 */
function limitErrorOutput(): void {
  const print = console.error.bind(console);
  let printed = 0;
  console.error = (...args: unknown[]) => {
    const refusedToken = (args[0] as { statusCode?: unknown } | undefined)?.statusCode === 401;
    if (refusedToken || printed >= ERRORS_PRINTED) return;
    printed += 1;
    print('[echo bot]', ...args);
  };
}

async function main(settings: EchoBotSettings): Promise<void> {
  limitErrorOutput();
  const adapter = createAdapter(settings);
  const bot = new EchoBot();
  const server = createServer((req, res) => {
    void botRequest(req).then((request) =>
      request ? adapter.process(request, botResponse(res), (context) => bot.run(context)) : void res.writeHead(400).end(),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const stockCredentials = await probeStockCredentials(settings, `${settings.authorityHost}/botframework.com`, BOT_FRAMEWORK_SCOPE);
  const ready: EchoBotReady = { url: `http://127.0.0.1:${port}/api/messages`, stockCredentials };
  parentPort?.postMessage(ready);
  // The parent asks for this thread's CPU time around each run.
  parentPort?.on('message', () => parentPort?.postMessage(process.threadCpuUsage()));
}

await main(workerData as EchoBotSettings);
