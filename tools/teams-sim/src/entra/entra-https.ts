import Fastify, { type FastifyInstance } from 'fastify';
import { generate } from 'selfsigned';

export interface EntraHttps {
  /** e.g. https://127.0.0.1:41235: Entra's discovery documents, keys, authorize and token endpoints, over TLS. */
  readonly url: string;
  /** PEM of the certificate it serves (self-signed, a CA for 127.0.0.1 and localhost): trust it to call `url`. */
  readonly caCertificate: string;
  close(): Promise<void>;
}

export interface EntraHttpsOptions {
  readonly host: string;
  readonly port: number;
  /** Registers Entra's routes; `baseUrl` is this server's https URL once it listens. */
  readonly routes: (app: FastifyInstance, baseUrl: () => string) => Promise<void>;
}

/**
 * Entra over https, for clients that refuse anything else (passport-azure-ad's BearerStrategy and
 * OIDCStrategy only fetch `https:` identity metadata, and then use the endpoints it names): the same
 * documents, keys, authorize and token endpoints as the http server; its certificate is generated at
 * start and handed to whoever must trust it.
 */
export async function startEntraHttps(options: EntraHttpsOptions): Promise<EntraHttps> {
  const pems = await generate([{ name: 'commonName', value: 'teams-sim local CA' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 30 * 24 * 3_600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  const app: FastifyInstance = Fastify({ logger: false, forceCloseConnections: true, https: { key: pems.private, cert: pems.cert } });
  let url = '';
  await options.routes(app, () => url);
  url = (await app.listen({ port: options.port, host: options.host })).replace(/\/$/, '');
  return { url, caCertificate: pems.cert, close: () => app.close() };
}
