// The public surface of @stepwell/http, named one by one: what is not listed here is the library's own business.
export { bootstrapService, serviceLogger } from './bootstrap-service';
export { configureApp, type ServiceHttpOptions } from './configure-app';
export { CorrelationId, correlationIdOf } from './correlation-id';
export { ApiIfMatch } from './edge/api-if-match';
export { type Clock, CLOCK, systemClock } from './edge/clock';
export {
  type CommandCall,
  type CommandContext,
  type CommandOutcome,
  type HeaderSink,
  idempotencyKeyOf,
  runCommandCall,
} from './edge/command-call';
export { etagOf } from './etag';
export { HealthModule } from './health/health.module';
export { IsStrictDate } from './input-contract/strict-date';
export { AsOfQuery } from './input-contract/as-of.query';
export { PageQuery, pageQueryWith, type PageRequest } from './pagination/page.query';
export { type Page, pageEnvelope, pageOf, pageOffset } from './pagination/page';
export { DEFAULT_ERROR_MAPPINGS, type ErrorMapping } from './problems/error-mappings';
export { ProblemDetailsFilter } from './problems/problem-details.filter';
export { ProblemException } from './problems/problem.exception';
export { PROBLEM_TYPE_BASE, type ProblemDetails } from './problems/problem-details';
export { RequestValidationError } from './problems/request-validation.error';
export { PUBLIC_ROUTE, PublicRoute } from './public-route';
export { type AddressedRequest, trustedProxyList } from './rate-limit/client-address';
export { ClientRateLimit, clientSubjectOf } from './rate-limit/client-rate-limit.guard';
export { ClientRateLimits } from './rate-limit/client-rate-limits';
export { OrganisationWriteLimitGuard } from './rate-limit/organisation-write-limit.guard';
export { PostgresRateLimiter, RATE_LIMITER, type RateLimiter, type RateRule } from './rate-limit/rate-limiter';
export { createValidationPipe } from './validation';
