export { startTeamsSim, DEFAULT_TENANT_ID } from './teams-sim.js';
export type { ConnectorFault, ConnectorLimitOptions } from './connector/connector-limits.js';
export type { TeamsMember } from './conversations/member-directory.js';
export type {
  ChannelKeyInfo,
  ChannelTokenOverrides,
  EntraChannelTokenOverrides,
  ConnectorOperation,
  RecordedConnectorCall,
  TeamsSim,
  TeamsSimOptions,
} from './teams-sim.types.js';
