import type { PageRequest } from './page.query';

/** The envelope every list endpoint answers with. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

/** The rows to skip before the page asked for (SQL `OFFSET`, TypeORM `skip`). */
export function pageOffset(request: PageRequest): number {
  return (request.page - 1) * request.pageSize;
}

/** Wraps one page of items, already cut by the store, with the total the store counted. */
export function pageEnvelope<T>(items: T[], request: PageRequest, total: number): Page<T> {
  return { items, page: request.page, pageSize: request.pageSize, total };
}

/** Cuts the page asked for out of a list held in memory. */
export function pageOf<T>(all: readonly T[], request: PageRequest): Page<T> {
  const start = pageOffset(request);
  return pageEnvelope(all.slice(start, start + request.pageSize), request, all.length);
}
