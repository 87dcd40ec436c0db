export { ClientCredentialsToken, TokenEndpointError, type ClientCredentialsOptions } from './client-credentials.js';
export { ConnectorClient, ConnectorError, type ResourceResponse } from './connector.client.js';
