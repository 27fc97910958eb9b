import type { FieldPolicy } from '@stepwell/access';

const DIRECT_CARE = {
  'gp-practice': '*',
  'talking-therapies': '*',
  'psychotherapy-consultation': '*',
  'secondary-care': '*',
  'crisis-team': '*',
} as const satisfies FieldPolicy;

/**
 * Minimum necessary (libs/platform/access README): direct-care organisations see every field; the voluntary
 * sector sees who, when and how, never what an appointment was for (its purpose), urgency or referral detail;
 * commissioners and auditors see no patient record here (403 before the handler runs, so nothing is written).
 * Applied to GET responses and command responses alike.
 */
export const APPOINTMENT_POLICY: FieldPolicy = {
  ...DIRECT_CARE,
  'voluntary-sector': ['id', 'patientSubjectId', 'organisation', 'mode', 'startsAt', 'endsAt', 'status'],
};

export const REFILL_OFFER_POLICY: FieldPolicy = {
  ...DIRECT_CARE,
  // The booked appointment is left out (its purpose); its id stays.
  'voluntary-sector': ['id', 'slotId', 'patientSubjectId', 'episodeId', 'status', 'offeredAt', 'expiresAt', 'appointmentId'],
};

export const FOLLOW_UP_TASK_POLICY: FieldPolicy = {
  ...DIRECT_CARE,
  'voluntary-sector': ['id', 'patientSubjectId', 'episodeId', 'appointmentId', 'dueOn', 'status', 'attempts'],
};

/** Engagement reviews are a clinical flag: direct care only. */
export const ENGAGEMENT_REVIEW_POLICY: FieldPolicy = { ...DIRECT_CARE };

export const WAITING_LIST_POLICY: FieldPolicy = {
  ...DIRECT_CARE,
  'voluntary-sector': ['id', 'patientSubjectId', 'organisation', 'step', 'waitingSince', 'daysWaited'],
};
