import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import type { MikroORM } from '@mikro-orm/postgresql';

/** Nest token of the service's MikroORM instance. */
export const DATABASE = Symbol('DATABASE');

@Injectable()
class CloseOnShutdown implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly database: MikroORM) {}
  async onApplicationShutdown(): Promise<void> {
    await this.database.close();
  }
}

/** Provides the service's database (`@Inject(DATABASE)`); closes it when the app closes. */
@Module({})
export class PersistenceModule {
  static register(database: MikroORM): DynamicModule {
    return {
      module: PersistenceModule,
      global: true,
      providers: [{ provide: DATABASE, useValue: database }, CloseOnShutdown],
      exports: [DATABASE],
    };
  }
}
