import { type INestApplication, Logger } from '@nestjs/common';
import { correlationIdMiddleware } from './correlation-id';
import { setupOpenApi, type OpenApiOptions } from './openapi';
import { DEFAULT_ERROR_MAPPINGS, type ErrorMappings } from './problems/error-mappings';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { createValidationPipe } from './validation';

export interface ServiceHttpOptions extends OpenApiOptions {
  /** The service's own error codes, added to (or overriding) DEFAULT_ERROR_MAPPINGS. */
  errorMappings?: ErrorMappings;
}

/**
 * Everything an HTTP service applies before `init()`/`listen()`: the same for production and tests, so tests
 * exercise the real edge. Must run before `init()`: the correlation middleware has to precede the body parser.
 */
export function configureApp(app: INestApplication, options: ServiceHttpOptions): void {
  app.use(correlationIdMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(
    new ProblemDetailsFilter({ ...DEFAULT_ERROR_MAPPINGS, ...options.errorMappings }, new Logger('ProblemDetails')),
  );
  setupOpenApi(app, options);
}
