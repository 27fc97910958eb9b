import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { isAccessError } from '../errors';

interface ResponseLike {
  status(code: number): ResponseLike;
  setHeader(name: string, value: string): void;
  type(value: string): ResponseLike;
  send(body: string): void;
}

/**
 * Stand-in for `@stepwell/http`'s problem-details filter in this library's tests: code → RFC 9457 document,
 * plus the headers an access error asks for. The real mapping lives in the HTTP library.
 */
@Catch()
export class LocalProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<ResponseLike>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    const body = exception instanceof HttpException ? exception.getResponse() : undefined;
    const code =
      isAccessError(exception) ? exception.code : typeof body === 'object' && body !== null && 'code' in body ? String(body.code) : 'INTERNAL';
    if (isAccessError(exception)) for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
    const problem = { type: `https://stepwell.example/problems/${code.toLowerCase()}`, title: code, status, code };
    response.status(status).type('application/problem+json').send(JSON.stringify(problem));
  }
}
