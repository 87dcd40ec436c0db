export { HealthController, READINESS_CHECKS, type ReadinessCheck } from './health.http.controller.js';
export { MetricsController } from './metrics.http.controller.js';
export { METRICS, startProcessMetrics } from './metrics.js';
