import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { UnauthenticatedError } from '../errors';
import type { AccessRequest } from './access-request';
import type { Principal } from './principal';

/** The authenticated principal of this request. On a `@Public()` route there is none, and asking is an error. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AccessRequest>().principal;
  if (!principal) throw new UnauthenticatedError('missing');
  return principal;
});
