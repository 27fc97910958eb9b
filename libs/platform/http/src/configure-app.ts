import { type INestApplication, Logger } from '@nestjs/common';
import { correlationIdMiddleware } from './correlation-id';
import { EarlyValidationGuard } from './input-contract/early-validation.guard';
import { loadSheddingMiddleware, parsedInputMiddleware, requestShapeMiddleware } from './input-contract/edge-middleware';
import { jsonDepthExceeds, InputContractError } from './input-contract/json-text';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from './input-contract/limits';
import { setupOpenApi, type OpenApiOptions } from './openapi';
import { DEFAULT_ERROR_MAPPINGS, type ErrorMappings } from './problems/error-mappings';
import { ProblemDetailsFilter } from './problems/problem-details.filter';
import { createValidationPipe } from './validation';

export interface ServiceHttpOptions extends OpenApiOptions {
  /** The service's own error codes, added to (or overriding) DEFAULT_ERROR_MAPPINGS. */
  errorMappings?: ErrorMappings;
  /** Limits of the edge; bootstrapService takes them from the HTTP_* variables, tests may tighten them. */
  limits?: Partial<HttpLimits>;
}

interface BodyParserHost {
  useBodyParser(type: 'json', options: Record<string, unknown>): unknown;
}

/**
 * Everything an HTTP service applies before `init()`/`listen()`: the same for production and tests, so tests
 * exercise the real edge. Must run before `init()`: this middleware has to precede Nest's own body parsers.
 *
 * In order, for every request: a correlation id (a UUID, else a new one); load shedding (429 past the concurrency
 * limit) and the request timeout (503); the request's shape (path text, JSON content type → else 415, header
 * bounds); the JSON parser (body limit → 413, nesting depth checked on the raw bytes → 400, malformed → 400); the
 * parsed input's text (no NUL, unpaired surrogates or prototype keys, bounded strings and arrays); then, before
 * any other guard or interceptor can touch a store with it, the DTO validation of params, query and body.
 */
export function configureApp(app: INestApplication, options: ServiceHttpOptions): void {
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  // Our ETags are stream revisions (`etagOf`), the only ones If-Match accepts: Express's content-hash ETags on every
  // other answer would invite an If-Match that is then refused, so they are off.
  (app.getHttpAdapter().getInstance() as { set(setting: string, value: unknown): void }).set('etag', false);
  app.use(correlationIdMiddleware);
  app.use(loadSheddingMiddleware(limits));
  app.use(requestShapeMiddleware(limits));
  (app as unknown as BodyParserHost).useBodyParser('json', {
    limit: limits.bodyLimitBytes,
    type: ['application/json', 'application/*+json'],
    strict: true,
    verify: (_request: unknown, _response: unknown, raw: Buffer) => {
      if (jsonDepthExceeds(raw, limits.jsonMaxDepth)) {
        throw new InputContractError(`The body nests objects and arrays deeper than ${limits.jsonMaxDepth} levels.`, '(body)');
      }
    },
  });
  app.use(parsedInputMiddleware(limits));
  const pipe = createValidationPipe();
  app.useGlobalPipes(pipe);
  app.useGlobalGuards(new EarlyValidationGuard(pipe));
  app.useGlobalFilters(
    new ProblemDetailsFilter({ ...DEFAULT_ERROR_MAPPINGS, ...options.errorMappings }, new Logger('ProblemDetails')),
  );
  setupOpenApi(app, options);
}

