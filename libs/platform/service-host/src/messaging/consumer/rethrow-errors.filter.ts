import type { ArgumentsHost, RpcExceptionFilter } from '@nestjs/common';
import { Catch } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { throwError } from 'rxjs';

/**
 * Nest's default RPC filter turns a handler's error into `{ status: 'error', message: 'Internal server error' }`.
 * The Stepwell transport needs the error itself: it decides retries (a `permanent` error is not retried) and
 * records its name and message in the dead letter for the operator.
 */
@Catch()
export class RethrowRpcErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
