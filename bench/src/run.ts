import { busPublish } from './bus-publish.bench.js';
import { rebuild } from './rebuild.bench.js';
import { gatewayBench } from './gateway.bench.js';
import { broadcast } from './broadcast.bench.js';
import { graphSyncBench } from './graph-sync.bench.js';
import { consoleRecipients } from './console-recipients.bench.js';

/** Every benchmark, by name. Each prints its own figures. */
const BENCHMARKS: Record<string, () => Promise<void>> = {
  'bus-publish': busPublish,
  rebuild,
  gateway: gatewayBench,
  broadcast,
  'graph-sync': graphSyncBench,
  'console-recipients': consoleRecipients,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHMARKS)) {
  process.stdout.write(`\n# ${name}\n`);
  await BENCHMARKS[name]!();
}
