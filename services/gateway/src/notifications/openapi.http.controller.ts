import { Controller, Get } from '@nestjs/common';
import { openApiDocument } from './openapi.js';

/** `GET /api/v1/openapi.json`: the notification API's OpenAPI 3.1 document (no key needed). */
@Controller('api/v1')
export class OpenApiController {
  private readonly document = openApiDocument();

  @Get('openapi.json')
  openApi(): unknown {
    return this.document;
  }
}
