/** Where a social prescription's link-worker referral came from. */
export const SOCIAL_PRESCRIPTION_SOURCES = ['gp', 'clinician', 'talking-therapies', 'consultation-outcome', 'self'] as const;
export type SocialPrescriptionSource = (typeof SOCIAL_PRESCRIPTION_SOURCES)[number];

/** Why a community organisation declined a direct referral; `no-reply`: nobody answered within 14 days (auto-declined). */
export const SOCIAL_PRESCRIPTION_DECLINE_REASONS = ['no-capacity', 'not-eligible', 'not-suitable', 'person-not-contactable', 'other', 'no-reply'] as const;
export type SocialPrescriptionDeclineReason = (typeof SOCIAL_PRESCRIPTION_DECLINE_REASONS)[number];

/** A step of a social prescription after acceptance, a goal's progress, or the follow-up measure taken. */
export const SOCIAL_PRESCRIPTION_PROGRESS = ['waiting', 'started', 'attended', 'did-not-attend', 'completed', 'dropped-out', 'goal-progress', 'follow-up-measure'] as const;
export type SocialPrescriptionProgress = (typeof SOCIAL_PRESCRIPTION_PROGRESS)[number];

export const SOCIAL_PRESCRIPTION_GOAL_PROGRESS = ['not-started', 'some-progress', 'much-progress', 'achieved'] as const;
export type SocialPrescriptionGoalProgress = (typeof SOCIAL_PRESCRIPTION_GOAL_PROGRESS)[number];

export const WELLBEING_MEASURE_CODES = ['ONS4', 'SWEMWBS'] as const;
export type WellbeingMeasureCode = (typeof WELLBEING_MEASURE_CODES)[number];

/** When a social prescription's wellbeing measure was taken: at the what-matters-to-me conversation, or at follow-up. */
export const WELLBEING_MEASURE_TIMINGS = ['baseline', 'follow-up'] as const;
export type WellbeingMeasureTiming = (typeof WELLBEING_MEASURE_TIMINGS)[number];
