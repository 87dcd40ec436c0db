import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '@herald/config';
import { parseTeamsSimConfig, type TeamsSimConfig } from './teams-sim.config.js';
import { startTeamsSim } from './teams-sim.js';

function readConfig(): TeamsSimConfig {
  try {
    return parseTeamsSimConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`teams-sim: ${error.message}`);
    process.exit(1);
  }
}

const config = readConfig();
const sim = await startTeamsSim(config);
if (config.caFile && sim.caCertificate) {
  await mkdir(dirname(config.caFile), { recursive: true });
  await writeFile(config.caFile, sim.caCertificate);
}
console.log(`teams-sim listening on ${sim.url}; chat page: ${sim.url}/; Entra over https: ${sim.entraHttpsUrl}`);
console.log(`  bot endpoint: ${config.botEndpoint}; app id: ${config.appId}`);

const stop = (signal: NodeJS.Signals) => {
  console.log(`teams-sim: ${signal}, closing`);
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
