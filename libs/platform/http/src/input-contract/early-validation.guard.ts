import { type CanActivate, type ExecutionContext, Injectable, type ValidationPipe } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';

type Source = 'param' | 'query' | 'body';
const SOURCES: Partial<Record<number, Source>> = {
  [RouteParamtypes.PARAM]: 'param',
  [RouteParamtypes.QUERY]: 'query',
  [RouteParamtypes.BODY]: 'body',
};

interface ArgMetadata {
  index: number;
  data?: string;
}

/**
 * Guards and interceptors run before pipes in Nest, so a route parameter such as `%00` or `not-a-uuid` used to
 * reach the patient-record interceptor, and the database, before the DTO refused it. This global guard, added
 * by configureApp, runs the same validation pipe over the handler's `@Param()`, `@Query()` and `@Body()` before
 * any later guard, interceptor or handler: an invalid request is a 400 problem before anything touches a store.
 * (The pipe runs again when Nest binds the arguments; it is cheap and keeps Nest's own binding unchanged.)
 */
@Injectable()
export class EarlyValidationGuard implements CanActivate {
  constructor(private readonly pipe: ValidationPipe) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const controller = context.getClass();
    const handler = context.getHandler();
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler.name) ?? {}) as Record<string, ArgMetadata>;
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype as object, handler.name) ?? []) as unknown[];
    const request = context.switchToHttp().getRequest<Record<Source | 'params', unknown>>();
    for (const [key, arg] of Object.entries(args)) {
      const source = SOURCES[Number(key.split(':')[0])];
      if (!source) continue;
      const container = (source === 'param' ? request.params : request[source]) as Record<string, unknown> | undefined;
      const value = arg.data ? container?.[arg.data] : container;
      await this.pipe.transform(value, { type: source, metatype: types[arg.index] as never, data: arg.data });
    }
    return true;
  }
}
