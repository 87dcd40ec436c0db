import Fastify, { type FastifyInstance } from 'fastify';
import { generate } from 'selfsigned';
import type { SigningKey } from '../keys.js';
import { metadataRoutes } from './metadata.routes.js';

export interface EntraHttps {
  /** e.g. https://127.0.0.1:41235: Entra's discovery documents and keys, over TLS. */
  readonly url: string;
  /** PEM of the certificate it serves (self-signed, a CA for 127.0.0.1 and localhost): trust it to call `url`. */
  readonly caCertificate: string;
  close(): Promise<void>;
}

/**
 * Entra's metadata over https, for clients that refuse anything else (passport-azure-ad's
 * BearerStrategy only fetches `https:` identity metadata). Same keys and documents as the http
 * server; its certificate is generated at start and handed to whoever must trust it.
 */
export async function startEntraHttps(options: { key: SigningKey; host: string; port: number }): Promise<EntraHttps> {
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
  await app.register(metadataRoutes, { key: options.key, baseUrl: () => url });
  url = (await app.listen({ port: options.port, host: options.host })).replace(/\/$/, '');
  return { url, caCertificate: pems.cert, close: () => app.close() };
}
