// The public surface of @stepwell/http, named one by one: what is not listed here is the library's own business.

// Problems (RFC 9457) and the error-code table.
export { PROBLEM_TYPE_BASE, type ProblemDetails } from './problems/problem-details';
export { ProblemException } from './problems/problem.exception';
export { DEFAULT_ERROR_MAPPINGS, type ErrorMapping, type ErrorMappings } from './problems/error-mappings';
export { RequestValidationError } from './problems/request-validation.error';
export { ProblemDetailsFilter } from './problems/problem-details.filter';

// Requests: correlation, validation, public routes.
export { CorrelationId, correlationIdOf } from './correlation-id';
export { createValidationPipe } from './validation';
export { PUBLIC_ROUTE, PublicRoute } from './public-route';
export { IsStrictDate } from './input-contract/strict-date';

// The edge kit: one command-call path (If-Match/ETag, Idempotency-Key, actor), one clock.
export { etagOf, revisionFromIfMatch } from './etag';
export {
  type CommandCall,
  type CommandContext,
  type CommandOutcome,
  type HeaderSink,
  idempotencyKeyOf,
  runCommandCall,
} from './edge/command-call';
export { ApiIfMatch } from './edge/api-if-match';
export { CLOCK, type Clock, systemClock } from './edge/clock';

// Pagination.
export { type Page, pageEnvelope, pageOf, pageOffset } from './pagination/page';
export { type PageLimits, PageQuery, type PageQueryClass, type PageRequest, pageQueryWith } from './pagination/page.query';

// Rate limits (shared across instances through PostgreSQL).
export { type AddressedRequest, trustedProxyList } from './rate-limit/client-address';
export { PostgresRateLimiter, RATE_LIMITER, RateLimitedError, type RateLimiter, type RateRule } from './rate-limit/rate-limiter';
export { OrganisationWriteLimitGuard } from './rate-limit/organisation-write-limit.guard';
export { ClientRateLimits } from './rate-limit/client-rate-limits';
export {
  ClientRateLimit,
  ClientRateLimitGuard,
  type ClientRateLimitOptions,
  type ClientRateRuleSource,
  clientSubjectOf,
} from './rate-limit/client-rate-limit.guard';

// Hosting: app configuration, bootstrap, health, OpenAPI, tests.
export { HealthModule } from './health/health.module';
export { type ServiceHttpOptions, configureApp } from './configure-app';
export { bootstrapService } from './bootstrap-service';
export { createTestApp } from './testing/create-test-app';
