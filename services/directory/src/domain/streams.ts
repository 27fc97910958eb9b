import type { OrukKind } from './oruk-records';

/** Stream categories of the directory's listings: one stream per record, the category naming its kind. */
export const LISTING_CATEGORIES: Readonly<Record<OrukKind, string>> = {
  organization: 'directory_organization',
  location: 'directory_location',
  service: 'directory_service',
  taxonomy: 'directory_taxonomy',
  taxonomy_term: 'directory_taxonomyterm',
};

export const listingStreamId = (kind: OrukKind, id: string): string => `${LISTING_CATEGORIES[kind]}-${id}`;

/** Every stream of the directory's own (`directory_…-<id>`), as opposed to the access trail. */
export const DIRECTORY_STREAM = /^directory_[a-z]+-/;

/** One stream per social prescription (the link worker's case for one person). */
export const SOCIAL_PRESCRIPTION_CATEGORY = 'directory_socialprescription';
export const socialPrescriptionStreamId = (id: string): string => `${SOCIAL_PRESCRIPTION_CATEGORY}-${id}`;
