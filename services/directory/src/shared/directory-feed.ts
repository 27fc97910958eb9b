import type { OrukKind } from '../domain';

/** The arrays of a directory feed (what `GET /export` writes and the import reads), in the order they are loaded. */
export const FEED_SECTIONS: ReadonlyArray<[section: string, kind: OrukKind]> = [
  ['taxonomies', 'taxonomy'],
  ['taxonomy_terms', 'taxonomy_term'],
  ['organizations', 'organization'],
  ['locations', 'location'],
  ['services', 'service'],
];

/** Non-ORUK field of an exported service: what the provider last reported about its capacity. */
export const CAPACITY_FIELD = 'stepwell_capacity';
