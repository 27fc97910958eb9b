import { STATUS_CODES } from 'node:http';
import type { HttpRequest, HttpResponse, NextFunction } from '../express-types';
import { correlationIdOf } from '../correlation-id';
import { PROBLEM_CONTENT_TYPE, problemType } from '../problems/problem-details';
import { ProblemException } from '../problems/problem.exception';
import { RequestValidationError } from '../problems/request-validation.error';
import { IDEMPOTENCY_KEY_PATTERN, REVISION_ETAG, type HttpLimits } from './limits';
import { assertAcceptableValue, InputContractError, textProblem } from './json-text';

/** The members of Express's request and response the edge middleware reads beyond the shared shapes. */
export interface EdgeRequest extends HttpRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  query?: unknown;
}

export interface EdgeResponse extends HttpResponse {
  on(event: 'close' | 'finish', listener: () => void): unknown;
  writableEnded?: boolean;
}

export type EdgeMiddleware = (request: EdgeRequest, response: EdgeResponse, next: NextFunction) => void;

/** A ready-made problem answer, for middleware that must answer without going through the exception filter. */
export function sendProblem(request: HttpRequest, response: HttpResponse, status: number, slug: string, detail: string): void {
  if (response.headersSent) return;
  const body = {
    type: problemType(slug),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance: request.originalUrl?.split('?')[0],
    correlationId: correlationIdOf(request),
  };
  response.status(status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/**
 * Overload and slowness: at most `maxConcurrentRequests` requests in progress (more → 429 + Retry-After, never an
 * unbounded queue), and an answer within `requestTimeoutMs` (else 503 + Retry-After; the work may still complete,
 * so clients retry writes with their Idempotency-Key).
 */
export function loadSheddingMiddleware(limits: HttpLimits): EdgeMiddleware {
  let inFlight = 0;
  return (request, response, next) => {
    if (inFlight >= limits.maxConcurrentRequests) {
      response.setHeader('Retry-After', String(limits.retryAfterSeconds));
      sendProblem(request, response, 429, 'too-many-requests', 'The service is handling as many requests as it can; retry after the time in Retry-After.');
      return;
    }
    inFlight++;
    let done = false;
    const timer = setTimeout(() => {
      if (response.headersSent) return;
      response.setHeader('Retry-After', String(limits.retryAfterSeconds));
      sendProblem(request, response, 503, 'request-timeout', `The request was not answered within ${limits.requestTimeoutMs} ms; retry after the time in Retry-After (writes with the same Idempotency-Key).`);
    }, limits.requestTimeoutMs);
    timer.unref();
    const finished = () => {
      if (done) return;
      done = true;
      inFlight--;
      clearTimeout(timer);
    };
    response.on('finish', finished);
    response.on('close', finished);
    next();
  };
}

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const PRINTABLE_HEADER = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Longest value of the headers the API reads; a break-glass reason is at most 1,000 characters. */
const HEADER_BOUNDS: ReadonlyArray<[string, number]> = [
  ['if-match', 64],
  ['idempotency-key', 200],
  ['x-break-glass-reason', 1000],
  ['authorization', 8192],
];

const headerOf = (request: EdgeRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
};

const fieldError = (field: string, message: string) => new RequestValidationError([{ field, messages: [message] }]);

/**
 * Before the body is parsed: a body must be JSON (else 415); the path's segments and the headers the API reads
 * must be acceptable text (else 400), so that no `%00` or `%E0` reaches a guard, an interceptor or the database.
 */
export function requestShapeMiddleware(limits: HttpLimits): EdgeMiddleware {
  return (request, _response, next) => {
    try {
      for (const segment of request.path.split('/')) {
        let decoded: string;
        try {
          decoded = decodeURIComponent(segment);
        } catch {
          throw new InputContractError('The path has a malformed percent-encoding.', '(path)');
        }
        const problem = textProblem(decoded, Math.min(limits.maxStringLength, 1000));
        if (problem) throw new InputContractError(`A path segment ${problem}.`, '(path)');
      }
      const hasBody =
        Number(headerOf(request, 'content-length') ?? '0') > 0 || headerOf(request, 'transfer-encoding') !== undefined;
      if (METHODS_WITH_BODY.has(request.method) && hasBody) {
        const contentType = headerOf(request, 'content-type') ?? '';
        if (!JSON_MEDIA_TYPE.test(contentType)) {
          throw new ProblemException(415, 'unsupported-media-type', 'Unsupported Media Type', 'The request body must be JSON (Content-Type: application/json).');
        }
      }
      const idempotencyKey = headerOf(request, 'idempotency-key');
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
        throw fieldError('Idempotency-Key', 'Idempotency-Key must be 1 to 200 printable characters without spaces');
      }
      const ifMatch = headerOf(request, 'if-match');
      if (ifMatch !== undefined && ifMatch.trim() !== '' && !REVISION_ETAG.test(ifMatch.trim())) {
        throw fieldError('If-Match', 'If-Match must be the ETag of the version you read: a quoted revision number such as "3"');
      }
      for (const [name, max] of HEADER_BOUNDS) {
        const value = headerOf(request, name);
        if (value !== undefined && (value.length > max || !PRINTABLE_HEADER.test(value))) {
          throw fieldError(name, `${name} must be printable text of at most ${max} characters`);
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}


/** After the body is parsed: every string, key and array in the body and the query within the shared contract. */
export function parsedInputMiddleware(limits: HttpLimits): EdgeMiddleware {
  const textLimits = { maxArrayItems: limits.jsonMaxArrayItems, maxStringLength: limits.maxStringLength };
  return (request, _response, next) => {
    try {
      if (request.query !== undefined) assertAcceptableValue(request.query, textLimits, '(query)');
      if (request.body !== undefined) assertAcceptableValue(request.body, textLimits);
      next();
    } catch (error) {
      next(error);
    }
  };
}
