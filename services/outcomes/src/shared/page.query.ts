/** Outcomes lists page like every other service's: `page` from 1, `pageSize` 1–200 (default 50). */
export { type Page, PageQuery, pageOf } from '@stepwell/http';
