#!/usr/bin/env node
// `npm run dead-letters -- list [<consumer>]`: what Herald's consumers and projections gave up on, and why.
// `npm run dead-letters -- replay <consumer>`: sends a consumer's dead letters back to it (once the cause is fixed).
// Uses NATS_URL and HERALD_BUS_PREFIX, as the services do.
import { natsConfigSchema, parseConfigOrExit } from '@herald/config';
import { busNames } from '@herald/contracts';
import { connectToNats, listDeadLetters, replayDeadLetters } from '@herald/messaging';
import { createLogger } from '@herald/telemetry';

const [command, consumer] = process.argv.slice(2);
if (!((command === 'list' && process.argv.length <= 4) || (command === 'replay' && consumer))) {
  process.stderr.write('usage: npm run dead-letters -- list [<consumer>] | replay <consumer>\n');
  process.exit(2);
}
const env = parseConfigOrExit(natsConfigSchema, process.env);
const names = busNames(env.HERALD_BUS_PREFIX);
const connection = await connectToNats({ url: env.NATS_URL, name: 'herald-dead-letters', logger: createLogger({ service: 'dead-letters', level: 'warn' }) });
try {
  if (command === 'list') {
    const letters = await listDeadLetters(connection, names, consumer);
    const counts = new Map();
    for (const letter of letters) {
      counts.set(letter.consumer, (counts.get(letter.consumer) ?? 0) + 1);
      process.stdout.write(`${letter.at.toISOString()}  ${letter.consumer}  ${letter.stream}#${letter.sequence} ${letter.subject}  after ${letter.deliveries} deliveries: ${letter.error}\n`);
    }
    for (const [name, count] of counts) process.stdout.write(`${name}: ${count} dead letter(s)\n`);
    if (letters.length === 0) process.stdout.write('no dead letters\n');
  } else {
    const replayed = await replayDeadLetters(connection, names, consumer);
    process.stdout.write(`${consumer}: ${replayed} dead letter(s) replayed\n`);
  }
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
