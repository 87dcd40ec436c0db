export { HealthController, READINESS_CHECKS, type ReadinessCheck } from './health.http.controller.js';
