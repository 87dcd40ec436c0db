import { Module, type DynamicModule, type OnApplicationShutdown, type OnModuleDestroy, Inject, Injectable } from '@nestjs/common';
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

/**
 * The app's JetStream consumers (startJetStreamConsumers adds them). They stop taking work first,
 * as the app begins to close (Nest runs every `onModuleDestroy` before any other shutdown hook):
 * their running handlers finish while projections, HTTP, NATS and the database are all still up.
 */
@Injectable()
export class StopConsumersFirst implements OnModuleDestroy {
  private readonly consumers: { close(): Promise<void> }[] = [];

  add(consumers: { close(): Promise<void> }): void {
    this.consumers.push(consumers);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.consumers.map((consumers) => consumers.close()));
  }
}

/** Provides the service's `MessageBus`; stops its consumers first and drains the NATS connection when the app closes. */
@Module({})
export class MessagingModule {
  static register(bus: MessageBus): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [{ provide: MessageBus, useValue: bus }, { provide: CONNECTION, useValue: bus.connection }, DrainOnShutdown, StopConsumersFirst],
      exports: [MessageBus, StopConsumersFirst],
    };
  }
}
