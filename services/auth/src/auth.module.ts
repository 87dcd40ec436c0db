import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { RunningProjections } from '@herald/event-sourcing';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { checkDatabase, PersistenceModule, type Database } from '@herald/persistence';
import { LOGGER, type Logger } from '@herald/telemetry';
import { CONSOLE_SIGNIN, ConsoleSigninController, type ConsoleSigninDeps } from './console-signin/console-signin.controller.js';
import { AnswerPreferencesHandler } from './preferences/answer-preferences.handler.js';
import { AnswerSettingsHandler } from './settings/answer-settings.handler.js';
import { SettingsBook } from './settings/settings-book.js';
import { AnswerSigninHandler, REDEEM_CODE, TOKEN_EXCHANGE } from './signin/answer-signin.handler.js';
import { AnswerSigninCodeHandler } from './signin/answer-signin-code.handler.js';
import { OAuthPagesController, OAUTH_PAGES, type OAuthPagesDeps } from './signin/oauth-pages.controller.js';
import type { RedeemCodeDeps } from './signin/redeem-code.js';
import { AnswerSigninRequestHandler, SIGNIN_SETTINGS, type SigninSettings } from './signin/answer-signin-request.handler.js';
import type { TokenExchangeDeps } from './signin/exchange-token.js';
import { AnswerSignoutRequestHandler } from './signout/answer-signout-request.handler.js';
import { UserBook } from './users/user-book.js';

interface AuthDeps {
  bus: MessageBus;
  database: Database;
  settings: SettingsBook;
  users: UserBook;
  exchange: TokenExchangeDeps;
  codes: RedeemCodeDeps;
  /** The OAuth fallback's pages; none when browsers cannot reach this service. */
  pages: OAuthPagesDeps | undefined;
  /** The console's browser sign-in; none when it has no public URL. */
  consoleSignin?: ConsoleSigninDeps | undefined;
  signin: SigninSettings;
  projections: RunningProjections;
  logger: Logger;
}

@Module({})
export class AuthModule {
  static register(deps: AuthDeps): DynamicModule {
    startProcessMetrics('auth');
    const readiness: ReadinessCheck[] = [
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
      { name: 'postgres', check: () => checkDatabase(deps.database) },
    ];
    return {
      module: AuthModule,
      imports: [MessagingModule.register(deps.bus), PersistenceModule.register(deps.database)],
      controllers: [
        HealthController,
        MetricsController,
        AnswerSigninHandler,
        AnswerSigninRequestHandler,
        AnswerSigninCodeHandler,
        AnswerSignoutRequestHandler,
        AnswerSettingsHandler,
        AnswerPreferencesHandler,
        ...(deps.pages ? [OAuthPagesController] : []),
        ...(deps.consoleSignin ? [ConsoleSigninController] : []),
      ],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: SettingsBook, useValue: deps.settings },
        { provide: UserBook, useValue: deps.users },
        { provide: TOKEN_EXCHANGE, useValue: deps.exchange },
        { provide: REDEEM_CODE, useValue: deps.codes },
        { provide: OAUTH_PAGES, useValue: deps.pages ?? null },
        { provide: CONSOLE_SIGNIN, useValue: deps.consoleSignin ?? null },
        { provide: SIGNIN_SETTINGS, useValue: deps.signin },
        { provide: RunningProjections, useValue: deps.projections },
      ],
    };
  }
}
