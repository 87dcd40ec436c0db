import { Module, type DynamicModule } from '@nestjs/common';
import { HealthController, MetricsController, READINESS_CHECKS, startProcessMetrics, type ReadinessCheck } from '@herald/health';
import { checkNats, MessagingModule, type MessageBus } from '@herald/messaging';
import { LOGGER, type Logger } from '@herald/telemetry';
import { AnswerSigninHandler } from './signin/answer-signin.handler.js';
import { AnswerSettingsHandler } from './settings/answer-settings.handler.js';
import { SettingsBook } from './settings/settings-book.js';

@Module({})
export class AuthModule {
  static register(deps: { bus: MessageBus; settings: SettingsBook; logger: Logger }): DynamicModule {
    startProcessMetrics('auth');
    const readiness: ReadinessCheck[] = [
      // Only what this service uses: it keeps no state in Postgres (and does not connect to it).
      { name: 'nats', check: () => checkNats(deps.bus.connection) },
    ];
    return {
      module: AuthModule,
      imports: [MessagingModule.register(deps.bus)],
      controllers: [HealthController, MetricsController, AnswerSigninHandler, AnswerSettingsHandler],
      providers: [
        { provide: LOGGER, useValue: deps.logger },
        { provide: READINESS_CHECKS, useValue: readiness },
        { provide: SettingsBook, useValue: deps.settings },
      ],
    };
  }
}
