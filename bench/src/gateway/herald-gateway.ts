import { jetstreamManager } from '@nats-io/jetstream';
import { InboundTokenVerifier } from '@herald/bot-auth';
import { parseConfig } from '@herald/config';
import { busNames } from '@herald/contracts';
import { createGatewayApp } from '@herald/gateway/app';
import { gatewayConfigSchema } from '@herald/gateway/config';
import { MessageBus } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';
import { createTestDatabase, deleteStreams, uniquePrefix } from '@herald/testing';

export interface HeraldGateway {
  /** The messaging endpoint, `http://127.0.0.1:<port>/api/messages`. */
  readonly url: string;
  /** Messages in the inbound stream: every activity the gateway stored. */
  storedActivities(): Promise<number>;
  /** Tokens whose signature and claims were verified (the rest came from the verified-token cache). */
  tokenVerifications(): number;
  /** Closes the app (drains NATS, closes Postgres), deletes its streams and drops its database. */
  close(): Promise<void>;
}

/** Herald's gateway in this process, as main.ts starts it but without telemetry, on its own streams and database. */
export async function startHeraldGateway(simUrl: string): Promise<HeraldGateway> {
  const prefix = uniquePrefix('bench');
  const database = await createTestDatabase('herald_bench');
  const removeData = async () => {
    await deleteStreams(prefix);
    await database.drop();
  };
  try {
    const config = parseConfig(gatewayConfigSchema, {
      HERALD_BUS_PREFIX: prefix,
      DATABASE_URL: database.url,
      TEAMS_SIM_URL: simUrl,
      LOG_LEVEL: 'silent',
    });
    const app = await createGatewayApp(config, createLogger({ service: 'gateway', level: 'silent' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.getHttpServer().address() as { port: number };
    const bus = app.get(MessageBus, { strict: false });
    const verifier = app.get(InboundTokenVerifier, { strict: false });
    return {
      url: `http://127.0.0.1:${port}/api/messages`,
      storedActivities: async () => {
        const jsm = await jetstreamManager(bus.connection);
        return (await jsm.streams.info(busNames(prefix).stream('inbound').name)).state.messages;
      },
      tokenVerifications: () => verifier.tokenVerifications,
      close: () => app.close().finally(removeData),
    };
  } catch (error) {
    await removeData();
    throw error;
  }
}
