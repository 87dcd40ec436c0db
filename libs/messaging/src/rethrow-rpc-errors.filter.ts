import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest turns a handler's error into `{ status: 'error', message: 'Internal server error' }`;
 * JetStreamServer needs the error itself to choose between retry, Retry-After and dead-letter.
 * Apply it to the JetStream microservice: `microservice.useGlobalFilters(new RethrowRpcErrors())`.
 */
@Catch()
export class RethrowRpcErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
