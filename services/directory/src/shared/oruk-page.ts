/**
 * The Open Referral UK 3.0 paging envelope (OpenReferralUK/uk-profile, schema/openapi.json, `components.schemas.Page`):
 * `total_items` (entities matching), `total_pages`, `page_number` (from 1), `size` ("the number of entities in the
 * current page"), `first_page`, `last_page`, `empty` ("an empty result set"), and the page's `contents`.
 */
export interface OrukPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface OrukPageRequest {
  page: number;
  per_page: number;
}

export function orukPage<T>(contents: T[], request: OrukPageRequest, total: number): OrukPage<T> {
  const totalPages = Math.ceil(total / request.per_page);
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: request.page,
    size: contents.length,
    first_page: request.page === 1,
    last_page: request.page >= totalPages,
    empty: total === 0,
    contents,
  };
}

export const offsetOf = (request: OrukPageRequest): number => (request.page - 1) * request.per_page;
