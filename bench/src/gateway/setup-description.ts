import { availableParallelism, loadavg } from 'node:os';
import type { TeamsSim } from '@herald/teams-sim';
import type { EchoBot } from './echo-bot.js';
import type { HeraldGateway } from './herald-gateway.js';

/** What runs where, and what each side does for one request: the lines printed before the figures. */
export function setupDescription(herald: HeraldGateway, bot: EchoBot, sim: TeamsSim): string[] {
  const [load1] = loadavg();
  return [
    `machine: ${availableParallelism()} CPUs (load average ${load1?.toFixed(2)} before the bench), Node ${process.version};`,
    '  NATS and Postgres are the machine\'s own servers, shared with whatever else runs here',
    'main thread: teams-sim + Herald gateway (createGatewayApp: Nest/Fastify, JetStream file storage, Postgres pool)',
    'worker threads: the echo bot (botbuilder CloudAdapter + ActivityHandler); each load generator',
    'telemetry: not started (no OpenTelemetry SDK): Herald makes no-op spans, exports nothing, logs at level silent',
    `Herald ${herald.url}, per request: check the activity (zod); authenticate the channel`,
    '  JWT (RS256 signature and claims verified the first time a token is seen, then from a verified-token',
    '  cache until it expires; endorsement, serviceurl claim and tenant checked on every request); publish',
    '  ActivityReceived to JetStream (de-duplication id), await the ack, answer 200',
    `echo bot ${bot.url}, per request: botbuilder validates the channel JWT against the sim`,
    `  (${sim.openIdMetadataUrl}: RS256 signature every time, issuer,`,
    '  audience = app id, serviceurl claim, msteams endorsement), runs the turn, POSTs "echo: <text>" to the',
    '  sim\'s Bot Connector (replyToActivity: the sim checks the bot\'s bearer token, stores the reply), answers 200',
    `echo bot's Bot Connector token: botbuilder's stock credentials fail against the sim (${bot.stockCredentials});`,
    `  fetched from the sim's Entra endpoint ${sim.authorityHost}/botframework.com/oauth2/v2.0/token`,
    '  instead (client credentials; once, then cached as AppCredentials does): gateway/sim-credentials.ts',
  ];
}
