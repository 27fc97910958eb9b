import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AccessRequest } from '../principal/access-request';
import { headerValue } from '../principal/access-request';
import { IS_PUBLIC } from './public.decorator';
import { TokenVerifier } from './token-verifier';

/** Global guard: every route needs a valid bearer token unless marked `@Public()`. */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AccessRequest>();
    request.principal = await this.verifier.verifyAuthorizationHeader(headerValue(request, 'authorization'));
    return true;
  }
}
