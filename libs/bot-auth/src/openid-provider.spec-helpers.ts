import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestKey } from './test-tokens.spec-helpers.js';

/**
 * A local OpenID provider on 127.0.0.1: its metadata document (at `metadataPath`) points to
 * `/keys`, the JWKS of `keys` (with their `endorsements`). Tests rotate keys, take either document
 * down (503) and count the requests each received.
 */
export class FakeOpenIdProvider {
  readonly requests = { metadata: 0, jwks: 0 };
  keys: TestKey[] = [];
  failing: 'metadata' | 'jwks' | undefined;
  metadataExtras: Record<string, unknown> = {};

  private readonly server: Server = createServer((request, response) => this.handle(request, response));
  private origin = '';

  private constructor(readonly metadataPath: string) {}

  static async start(metadataPath = '/v1/.well-known/openidconfiguration'): Promise<FakeOpenIdProvider> {
    const provider = new FakeOpenIdProvider(metadataPath);
    await new Promise<void>((resolve) => provider.server.listen(0, '127.0.0.1', resolve));
    const { port } = provider.server.address() as AddressInfo;
    provider.origin = `http://127.0.0.1:${port}`;
    return provider;
  }

  get baseUrl(): string {
    return this.origin;
  }

  get metadataUrl(): string {
    return `${this.baseUrl}${this.metadataPath}`;
  }

  /** Publish exactly these keys (rotation = publish a new set). */
  publish(...keys: TestKey[]): void {
    this.keys = keys;
  }

  reset(): void {
    this.requests.metadata = 0;
    this.requests.jwks = 0;
    this.failing = undefined;
    this.metadataExtras = {};
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', this.baseUrl).pathname;
    if (path === this.metadataPath) {
      this.requests.metadata += 1;
      return this.answer(response, this.failing === 'metadata', this.metadata());
    }
    if (path === '/keys') {
      this.requests.jwks += 1;
      return this.answer(response, this.failing === 'jwks', { keys: this.keys.map((key) => key.jwk) });
    }
    response.writeHead(404).end();
  }

  private metadata(): Record<string, unknown> {
    return {
      issuer: 'https://api.botframework.com',
      jwks_uri: `${this.baseUrl}/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
      ...this.metadataExtras,
    };
  }

  private answer(response: ServerResponse, failing: boolean, body: unknown): void {
    if (failing) {
      response.writeHead(503, { 'content-type': 'text/plain' }).end('unavailable');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}
