import { deterministicUuid } from '@stepwell/decider';

/** Stream ids of the consultations service: `<category>-<id>`; a category never contains `-`. */
export const OFFERING_CATEGORY = 'offering';
export const CONSULTATION_CATEGORY = 'consultation';

/** One offering per organisation (its ODS code). */
export const offeringStreamId = (organisationId: string): string => `${OFFERING_CATEGORY}-${organisationId}`;
export const consultationStreamId = (consultationId: string): string => `${CONSULTATION_CATEGORY}-${consultationId}`;
export const OFFER_CATEGORY = 'offer';

/** One offer per trigger: its id is derived from the trigger, so the same trigger never makes a second offer. */
export const offerIdFor = (trigger: string, key: string): string => deterministicUuid(`consultations/offers/${trigger}/${key}`);
export const offerStreamId = (offerId: string): string => `${OFFER_CATEGORY}-${offerId}`;
export const MDT_CATEGORY = 'mdt';
export const mdtStreamId = (meetingId: string): string => `${MDT_CATEGORY}-${meetingId}`;
