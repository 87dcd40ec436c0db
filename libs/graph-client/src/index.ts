export { GraphAppTokens, graphResourceOf, type GraphAppTokensOptions, type TenantTokens } from './graph-app-tokens.js';
export { GraphClient, graphPath, type GraphClientOptions, type GraphPage } from './graph.client.js';
export { BATCH_LIMIT, type BatchRequest, type BatchResponse } from './graph-batch.js';
export { GraphError } from './graph-error.js';
export { DEFAULT_RETRY, type RetryPolicy } from './graph-http.js';
export { GraphGovernor, type GraphCallKind, type GraphGovernorOptions } from './graph-governor.js';
