/** Stream ids of the consultations service: `<category>-<id>`; a category never contains `-`. */
export const OFFERING_CATEGORY = 'offering';
export const CONSULTATION_CATEGORY = 'consultation';

/** One offering per organisation (its ODS code). */
export const offeringStreamId = (organisationId: string): string => `${OFFERING_CATEGORY}-${organisationId}`;
export const consultationStreamId = (consultationId: string): string => `${CONSULTATION_CATEGORY}-${consultationId}`;
