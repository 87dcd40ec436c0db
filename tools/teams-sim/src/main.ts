import { parseTeamsSimConfig } from './teams-sim.config.js';
import { startTeamsSim } from './teams-sim.js';

const config = parseTeamsSimConfig(process.env);
const sim = await startTeamsSim(config);
console.log(`teams-sim listening on ${sim.url}; chat page: ${sim.url}/`);
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
