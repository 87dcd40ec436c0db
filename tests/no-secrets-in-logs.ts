import { afterAll } from 'vitest';
import { DEV_APP_SECRET } from '@herald/config';
import { CapturedLogs } from '@herald/testing';

// Every log line a service wrote in this test file is scanned once the file is done: no JWT (a
// bot, API, single sign-on or Graph token), no client secret and nothing a test declared secret
// (API keys, sign-in codes) may appear in it, whatever the level.
const JWT = /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{16,}/;

afterAll(() => {
  const secrets = [DEV_APP_SECRET, ...CapturedLogs.secrets].filter((secret) => secret.length >= 6);
  const leaks = CapturedLogs.all
    .flatMap((logs) => logs.lines)
    .map((line) => JSON.stringify(line))
    .filter((line) => JWT.test(line) || secrets.some((secret) => line.includes(secret)));
  if (leaks.length > 0) throw new Error(`${leaks.length} log line(s) hold a token or secret, e.g.:\n${leaks.slice(0, 3).map((line) => line.slice(0, 400)).join('\n')}`);
});
