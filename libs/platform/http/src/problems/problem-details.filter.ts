import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, type LoggerService } from '@nestjs/common';
import type { HttpRequest as Request, HttpResponse as Response } from '../express-types';
import { correlationIdOf } from '../correlation-id';
import type { ErrorMappings } from './error-mappings';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details';
import { ProblemException } from './problem.exception';
import { RequestValidationError } from './request-validation.error';

/** Problem slugs for HTTP errors raised by the framework itself (routing, body parsing, guards). */
const HTTP_SLUGS: Readonly<Record<number, string>> = {
  400: 'bad-request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  406: 'not-acceptable',
  408: 'request-timeout',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
  503: 'service-unavailable',
};

const codeOf = (exception: unknown): string | undefined => {
  const code = (exception as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Maps everything thrown while handling a request to an RFC 9457 problem document. Unexpected errors become a
 * generic 500: the client learns nothing internal, the log gets the error and the correlation id — never the
 * request body or the error's data, which may hold personal data.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(
    private readonly mappings: ErrorMappings,
    private readonly logger: LoggerService,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const correlationId = correlationIdOf(request);
    // Already answered (the request timeout's 503): the handler finishing late has nobody left to tell.
    if (response.headersSent) return;
    const problem: ProblemDetails = {
      ...this.toProblem(exception, request, correlationId),
      instance: request.originalUrl?.split('?')[0],
      correlationId,
    };
    for (const [name, value] of Object.entries(this.headersOf(exception))) response.setHeader(name, value);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request, correlationId: string): ProblemDetails {
    if (exception instanceof RequestValidationError) {
      const mapping = this.mappings['VALIDATION_FAILED'];
      return {
        type: problemType(mapping?.slug ?? 'validation-failed'),
        title: mapping?.title ?? 'The request is not valid',
        status: 400,
        detail: `The request has ${exception.errors.length} invalid field${exception.errors.length === 1 ? '' : 's'}.`,
        errors: exception.errors,
      };
    }
    if (exception instanceof ProblemException) {
      return {
        ...exception.extensions,
        type: exception.type,
        title: exception.title,
        status: exception.status,
        detail: exception.detail,
      };
    }
    const code = codeOf(exception);
    const mapping = code === undefined ? undefined : this.mappings[code];
    if (mapping && exception instanceof Error) {
      if (mapping.status >= 500) {
        // An outage of ours (audit trail, token keys): worth an operator's attention; code and correlation only.
        this.logger.error(`${code} on ${request.method} ${request.route?.path ?? '(no route)'} [correlationId=${correlationId}]`);
      }
      return { type: problemType(mapping.slug), title: mapping.title, status: mapping.status, detail: exception.message, code };
    }
    // A problem thrown inside Express middleware (the body parser's depth check) comes back wrapped by Nest.
    const cause = (exception as { cause?: unknown } | null)?.cause;
    if (exception instanceof HttpException && cause instanceof ProblemException) return this.toProblem(cause, request, correlationId);
    if (exception instanceof HttpException) return this.fromHttpException(exception, request, correlationId);

    this.logUnexpected(exception, request, correlationId);
    return this.internalError();
  }

  /**
   * Response headers a known error asks for (`WWW-Authenticate` of a 401): `headers` of string values on an error
   * whose code is in the table. Unknown errors are never trusted to set headers.
   */
  private headersOf(exception: unknown): Record<string, string> {
    const code = codeOf(exception);
    if (code === undefined || this.mappings[code] === undefined) return {};
    const headers = (exception as { headers?: unknown }).headers;
    if (typeof headers !== 'object' || headers === null) return {};
    return Object.fromEntries(
      Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }

  private fromHttpException(exception: HttpException, request: Request, correlationId: string): ProblemDetails {
    const status = exception.getStatus();
    if (status >= 500) {
      this.logUnexpected(exception, request, correlationId);
      return status === 500 ? this.internalError() : this.genericProblem(status, STATUS_CODES[status] ?? 'Error');
    }
    // Nest turns a body-parser failure into a 400 carrying the parser's message, which quotes the body:
    // say what is wrong without echoing it.
    const cause = (exception as { cause?: unknown }).cause;
    const malformedBody =
      status === 400 && (cause instanceof SyntaxError || /JSON/.test(exception.message) || codeOf(cause) === 'entity.parse.failed');
    if (malformedBody) {
      return { ...this.genericProblem(400, 'The request body is not valid JSON'), type: problemType('malformed-body') };
    }
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : typeof (body as { message?: unknown }).message === 'string'
          ? (body as { message: string }).message
          : exception.message;
    return { ...this.genericProblem(status, message) };
  }

  private genericProblem(status: number, detail: string): ProblemDetails {
    return {
      type: problemType(HTTP_SLUGS[status] ?? `http-${status}`),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
    };
  }

  private internalError(): ProblemDetails {
    return {
      type: problemType('internal-error'),
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred. Quote the correlation id when you report it.',
    };
  }

  private logUnexpected(exception: unknown, request: Request, correlationId: string): void {
    const described =
      exception instanceof Error ? (exception.stack ?? `${exception.name}: ${exception.message}`) : typeof exception;
    // Method and route pattern only: no body, no query string (both may carry personal data).
    const route = request.route?.path ?? '(no route)';
    this.logger.error(`Unexpected error on ${request.method} ${route} [correlationId=${correlationId}]\n${described}`);
  }
}
