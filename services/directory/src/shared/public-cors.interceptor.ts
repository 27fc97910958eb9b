import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';

/**
 * `Access-Control-Allow-Origin: *` on the directory's public reads, set before the handler runs so that a problem
 * (400, 404) carries it too and a web page on any site can read why. Only for routes without credentials: the
 * public API takes no token, so no browser sends one.
 */
@Injectable()
export class PublicCorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    context.switchToHttp().getResponse<{ setHeader(name: string, value: string): void }>().setHeader('Access-Control-Allow-Origin', '*');
    return next.handle();
  }
}
