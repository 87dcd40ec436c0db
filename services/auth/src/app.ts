import { createHash } from 'node:crypto';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { busNames } from '@herald/contracts';
import { connectToNats, heraldStreams, MessageBus, keepTopology, startJetStreamConsumers } from '@herald/messaging';
import { EventStore, ProjectionRunner, RunningProjections } from '@herald/event-sourcing';
import { openDatabase } from '@herald/persistence';
import { NestPinoLogger, type Logger } from '@herald/telemetry';
import { OidcSignin, SigninStates, UserTokenVerifier } from '@herald/bot-auth';
import type { AuthConfig } from './auth.config.js';
import { consoleSigninOf } from './console-signin/console-signin.wiring.js';
import { AuthModule } from './auth.module.js';
import { AUTH_MIGRATIONS } from './migrations/auth.migrations.js';
import { SettingsBook } from './settings/settings-book.js';
import { ExchangeOnce } from './signin/exchange-once.js';
import type { OAuthPagesDeps } from './signin/oauth-pages.controller.js';
import { SigninCodes } from './signin/signin-codes.js';
import { GraphProfileClient } from './signin/graph-profile.client.js';
import { UserBook } from './users/user-book.js';
import { userLinksProjection } from './users/user-links.projection.js';
import { installedPeopleProjection } from './people/installed-people.projection.js';
import { userPreferencesProjection } from './preferences/user-preferences.projection.js';

export async function createAuthApp(config: AuthConfig, logger: Logger): Promise<NestFastifyApplication> {
  const connection = await connectToNats({ url: config.nats.url, name: 'herald-auth', logger });
  const names = busNames(config.nats.prefix);
  await keepTopology(connection, { streams: heraldStreams(names, config.nats.streams), consumers: [] }, logger);
  const database = await openDatabase({ ...config.database, entities: [], migrations: AUTH_MIGRATIONS, applicationName: 'herald-auth' });
  const bus = new MessageBus(connection, names);
  const settings = new SettingsBook(new EventStore(bus, { stream: names.stream('settings').name }));
  const users = new UserBook(new EventStore(bus, { stream: names.stream('users').name }));
  const { microsoft, signin } = config;
  const exchanges = new EventStore(bus, { stream: names.stream('tokenExchanges').name });
  const exchange = {
    verifier: new UserTokenVerifier({ authorityHost: microsoft.authorityHost, appId: microsoft.appId, resourceUri: signin.resourceUri, allowedTenantIds: microsoft.allowedTenantIds }),
    graph: new GraphProfileClient({ authorityHost: microsoft.authorityHost, graphBaseUrl: microsoft.graphBaseUrl, appId: microsoft.appId, appPassword: microsoft.appPassword }),
    users,
    once: new ExchangeOnce(exchanges),
    bus,
    logger,
  };
  const codes = { codes: new SigninCodes(bus, exchanges, signin.codeLifetimeMs), users, bus, logger };
  const pages = oauthPages(config, codes.codes, exchange.graph);
  const projections = new RunningProjections([
    new ProjectionRunner(bus, database, userLinksProjection(names.stream('users').name), logger),
    new ProjectionRunner(bus, database, userPreferencesProjection(names.stream('settings').name), logger),
    new ProjectionRunner(bus, database, installedPeopleProjection(names.stream('conversations').name), logger),
  ]);
  const app = await NestFactory.create<NestFastifyApplication>(
    AuthModule.register({
      bus,
      database,
      settings,
      users,
      exchange,
      codes,
      pages,
      consoleSignin: consoleSigninOf(config),
      signin: { connectionName: signin.connectionName, resourceUri: signin.resourceUri, ...(pages ? { fallback: { publicUrl: signin.publicUrl!, states: pages.states } } : {}) },
      projections,
      logger,
    }),
    new FastifyAdapter(),
    { logger: new NestPinoLogger(logger) },
  );
  await startJetStreamConsumers(app, { service: 'auth', connection, names, consumers: [], logger });
  await app.init();
  if (!pages) logger.warn('AUTH_PUBLIC_URL is not set: people can sign in by single sign-on only (no sign-in button)');
  return app;
}

/** The OAuth fallback's pages, when browsers can reach this service (AUTH_PUBLIC_URL) and Entra's https metadata is known. */
function oauthPages(config: AuthConfig, codes: SigninCodes, graph: GraphProfileClient): OAuthPagesDeps | undefined {
  const { signin, microsoft } = config;
  if (!signin.publicUrl || !signin.oidcAuthorityHost) return undefined;
  const states = new SigninStates(signin.stateSecret);
  const oidc = new OidcSignin({
    authorityHost: signin.oidcAuthorityHost,
    appId: microsoft.appId,
    appPassword: microsoft.appPassword,
    redirectUrl: `${signin.publicUrl}/auth/callback`,
    cookieSecret: createHash('sha256').update(`cookie\u0000${signin.stateSecret}`).digest('base64url'),
  });
  return { states, oidc, codes, graph, teamsJsUrl: signin.teamsJsUrl };
}
