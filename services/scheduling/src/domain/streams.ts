/**
 * Stream ids of the scheduling service: `<category>-<id>`. The category is what the relay and the projections
 * subscribe to, so a category name never contains `-`.
 */
export const CLINICIAN_CATEGORY = 'clinician';
export const DIARY_CATEGORY = 'diary';
export const SLOT_CATEGORY = 'slot';
export const ENGAGEMENT_CATEGORY = 'engagement';
export const GROUP_SESSION_CATEGORY = 'groupsession';

export const clinicianStreamId = (clinicianId: string): string => `${CLINICIAN_CATEGORY}-${clinicianId}`;
/** One diary per clinician: overlapping sessions are refused inside it. */
export const diaryStreamId = (clinicianId: string): string => `${DIARY_CATEGORY}-${clinicianId}`;
/** One stream per slot, so that the store's expected revision books a slot at most once. */
export const slotStreamId = (slotId: string): string => `${SLOT_CATEGORY}-${slotId}`;
/** One engagement record per episode (consecutive DNAs are counted per episode). */
export const engagementStreamId = (episodeId: string): string => `${ENGAGEMENT_CATEGORY}-${episodeId}`;
export const groupSessionStreamId = (groupSessionId: string): string => `${GROUP_SESSION_CATEGORY}-${groupSessionId}`;
