import { Injectable, type NestMiddleware } from '@nestjs/common';

/**
 * `Access-Control-Allow-Origin: *` on the directory's public reads. A middleware, because it must run before
 * everything else on the route: the platform validates a request's query in a global guard, and its 400 must carry
 * the header too so that a web page on any site can read why. Only on routes that take no credentials.
 */
@Injectable()
export class PublicCorsMiddleware implements NestMiddleware {
  use(_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void): void {
    response.setHeader('Access-Control-Allow-Origin', '*');
    next();
  }
}
