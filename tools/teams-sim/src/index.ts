export { startTeamsSim, DEFAULT_TENANT_ID } from './teams-sim.js';
export { tokenExchangeInvoke, verifyStateInvoke } from './chat/signin-invoke-builders.js';
export type { TokenExchangeValue } from './chat/signin-invokes.js';
export type { TokenExchangeRecord } from './chat/teams-client-sso.js';
export type { ConnectorFault, ConnectorLimitOptions } from './connector/connector-limits.js';
export type { TeamsMember } from './conversations/member-directory.js';
export type { EntraUser, UserProfile } from './entra/user-directory.js';
export type { SavedTabConfig } from './tab/tab-context.js';
export type { GraphFault } from './graph/graph-errors.js';
export type { GraphLimitOptions } from './graph/graph-limits.js';
export type { CreateGroupOptions, DirectoryGroup } from './graph/groups/group-store.js';
export type { InstallEvents } from './graph/installed-apps/install-conversation-update.js';
export type { AppInstallation, InstallRecord } from './graph/installed-apps/installed-apps-store.js';
export type { GraphSimApi } from './graph/graph-sim.types.js';
export type { DirectoryUser, RemovedReason } from './graph/directory/directory-user.js';
export type { SeedDirectoryOptions } from './graph/directory/seed-directory.js';
export type { ChangeDirectoryOptions, DirectoryChanges } from './graph/directory/change-directory.js';
export type {
  ChannelKeyInfo,
  ChannelTokenOverrides,
  EntraChannelTokenOverrides,
  ConnectorOperation,
  RecordedConnectorCall,
  TeamsSim,
  TeamsSimOptions,
  UserSsoTokenOptions,
} from './teams-sim.types.js';
export type { FilesSimApi } from './files/files-sim.api.js';
export type { UploadedFile } from './files/upload-sessions.js';
export type { ConsentAnswerer } from './files/file-consent.js';
