import { connect } from 'node:net';

/**
 * Runs once before every test file: the suite needs the real NATS JetStream and Postgres
 * (`.ci/run` and `npm start` start them when missing). Fail fast with a clear message.
 */
export default async function checkInfrastructure(): Promise<void> {
  const missing: string[] = [];
  if (!(await reachable(4222))) missing.push('NATS (JetStream) on 127.0.0.1:4222');
  if (!(await reachable(5432))) missing.push('PostgreSQL on 127.0.0.1:5432');
  if (missing.length > 0) {
    throw new Error(`Tests need ${missing.join(' and ')}. Start them (bash .ci/run does) and run again.`);
  }
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
