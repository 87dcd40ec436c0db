import { Controller, Get, Header } from '@nestjs/common';
import { metricsText, METRICS_CONTENT_TYPE } from './metrics.js';

/** `GET /metrics`: Prometheus text (CONTRACT.md). */
@Controller()
export class MetricsController {
  @Get('metrics')
  @Header('content-type', METRICS_CONTENT_TYPE)
  metrics(): Promise<string> {
    return metricsText();
  }
}
