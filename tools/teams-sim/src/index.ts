export { startTeamsSim, DEFAULT_TENANT_ID } from './teams-sim.js';
export type {
  ChannelKeyInfo,
  ChannelTokenOverrides,
  ConnectorOperation,
  RecordedConnectorCall,
  TeamsSim,
  TeamsSimOptions,
} from './teams-sim.types.js';
