export { createTestDatabase, deleteStreams, eventually, NATS_URL, POSTGRES_ADMIN_URL, uniquePrefix } from './test-infrastructure.js';
export { CapturedLogs } from './captured-logs.js';
export { activityFixtureNames, fixture } from './fixtures.js';
export { busiestWindow } from './busiest-window.js';
export { freePort } from './free-port.js';
