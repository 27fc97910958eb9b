import type { FieldPolicy } from '@stepwell/access';

/** The clinical organisations see every field of the records they have a relationship with. */
const CLINICAL: FieldPolicy = {
  'gp-practice': '*',
  'talking-therapies': '*',
  'psychotherapy-consultation': '*',
  'secondary-care': '*',
  'crisis-team': '*',
};

/**
 * A referral: the voluntary sector sees who, status, source, urgency, where it is going and when, never the
 * reason, presenting problems, risk indicators or triage notes. Commissioners and auditors see no patient records.
 */
export const REFERRAL_VISIBILITY: FieldPolicy = {
  ...CLINICAL,
  'voluntary-sector': ['id', 'status', 'patientSubjectId', 'source', 'receivingOrganisation', 'referrerOrganisation', 'urgency', 'receivedAt'],
};

/** A care episode: the voluntary sector sees who, status, current step and provider, never the evidence of moves. */
export const EPISODE_VISIBILITY: FieldPolicy = {
  ...CLINICAL,
  'voluntary-sector': ['id', 'referralId', 'patientSubjectId', 'status', 'step', 'providingOrganisationId', 'openedAt'],
};

/** The journey holds reasons, notes and scores: clinical organisations only. */
export const JOURNEY_VISIBILITY: FieldPolicy = { ...CLINICAL };

/** A triage-queue row holds no clinical detail, but triage is the clinical services' work. */
export const QUEUE_VISIBILITY: FieldPolicy = { ...CLINICAL };
