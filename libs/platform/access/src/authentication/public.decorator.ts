import { PUBLIC_ROUTE, PublicRoute } from '@stepwell/http';

/**
 * The public-route metadata belongs to the HTTP edge (its health controller is public without knowing about
 * access); this library's guard honours it. Re-exported under the names access users know.
 */
export const IS_PUBLIC = PUBLIC_ROUTE;

/** The route needs no token: health, readiness and API docs only. */
export const Public = PublicRoute;
