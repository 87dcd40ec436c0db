import { Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { MessageBus } from './message-bus.js';

const CONNECTION = Symbol('NATS_CONNECTION');

@Injectable()
class DrainOnShutdown implements OnApplicationShutdown {
  constructor(@Inject(CONNECTION) private readonly connection: NatsConnection) {}
  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain().catch(() => this.connection.close());
  }
}

/** Provides the service's `MessageBus`; drains the NATS connection when the app closes. */
@Module({})
export class MessagingModule {
  static register(bus: MessageBus): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [{ provide: MessageBus, useValue: bus }, { provide: CONNECTION, useValue: bus.connection }, DrainOnShutdown],
      exports: [MessageBus],
    };
  }
}
