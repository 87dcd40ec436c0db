export { ClientCredentialsToken, type ClientCredentialsOptions } from './client-credentials.js';
export { ConnectorClient, ConnectorError, type ResourceResponse } from './connector.client.js';
export { isTrustedServiceUrl } from './trusted-hosts.js';
