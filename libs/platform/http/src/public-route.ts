import { SetMetadata } from '@nestjs/common';

/**
 * Route metadata saying "no bearer token needed". Defined here, below the access library, so that the HTTP edge's
 * own routes (health, readiness) can be public without this library knowing about authentication; the access
 * library's guard honours it.
 */
export const PUBLIC_ROUTE = 'stepwell:http:public-route';

/** The route needs no token: health, readiness and API docs only. */
export const PublicRoute = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
