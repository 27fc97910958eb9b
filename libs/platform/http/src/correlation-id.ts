import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response, NextFunction } from './express-types';

export const CORRELATION_ID_HEADER = 'X-Correlation-Id';

// A caller's id is echoed into logs, headers and event metadata: accept only a UUID, replace anything else.
const ACCEPTABLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = Symbol('stepwell.correlationId');

type WithCorrelation = Request & { [KEY]?: string };

/** Express middleware: takes the caller's `X-Correlation-Id` when it is a UUID, else makes one; echoes it back. */
export function correlationIdMiddleware(request: Request, response: Response, next: NextFunction): void {
  const given = request.header(CORRELATION_ID_HEADER);
  const id = given && ACCEPTABLE.test(given) ? given : randomUUID();
  (request as WithCorrelation)[KEY] = id;
  response.setHeader(CORRELATION_ID_HEADER, id);
  next();
}

export function correlationIdOf(request: Request): string {
  return (request as WithCorrelation)[KEY] ?? 'none';
}

/** Handler parameter: the request's correlation id, e.g. for event metadata. */
export const CorrelationId = createParamDecorator((_: unknown, context: ExecutionContext) =>
  correlationIdOf(context.switchToHttp().getRequest<Request>()),
);
