import { CARE_STEPS, DECLINE_REASONS, REFER_ON_DESTINATIONS } from '@stepwell/contracts/browser';

/**
 * The referrals API's codes this app shows or sends come from @stepwell/contracts (its browser subpath,
 * libs/contracts/src/browser.ts), never a copy; only their words are here. An unknown code from the API is shown as
 * the code itself.
 */
/** The steps triage accepts to: every step of care but step 1 (self-help is not a triage destination). */
export const STEPS = CARE_STEPS.filter((step) => step !== 'step-1');
export { DECLINE_REASONS, REFER_ON_DESTINATIONS };

/** The presenting problems a referral form offers, as codes (PRESENTING_PROBLEM_CODE in the contracts); words below. */
export const PRESENTING_PROBLEMS = ['low-mood', 'anxiety', 'panic', 'trauma', 'obsessive-compulsive', 'sleep'] as const;

const WORDS: Record<string, string> = {
  'step-1': 'Step 1', 'step-2': 'Step 2', 'step-3': 'Step 3', 'complex-needs': 'Complex needs', 'secondary-care': 'Secondary care (step 4)', crisis: 'Crisis (step 4)',
  routine: 'Routine', urgent: 'Urgent', accept: 'accepted', decline: 'declined', gp: 'GP',
  'outside-catchment': 'Outside the catchment area', 'outside-age-range': 'Outside the age range', 'no-consent': 'No consent', 'patient-declined': 'Patient declined',
  'unable-to-contact': 'Unable to contact', 'already-in-treatment-elsewhere': 'Already in treatment elsewhere', 'primary-need-not-in-scope': 'Primary need not in scope', other: 'Other',
  'referral-received': 'Referral received', 'referral-completed': 'Referral completed', 'referral-withdrawn': 'Referral withdrawn', 'referral-triaged': 'Referral triaged',
  'episode-opened': 'Care episode opened', 'step-changed': 'Step changed', 'episode-discharged': 'Discharged', 'patient-opted-in': 'Patient opted in',
  'waiting-clock-paused': 'Waiting clock paused', 'waiting-clock-resumed': 'Waiting clock resumed', 'first-treatment-appointment': 'First treatment appointment',
  'flagged-for-clinical-review': 'Flagged for clinical review', 'outcome-letter-requested': 'Outcome letter requested',
  'referral-accepted': 'the referral was accepted',
  'contacted-patient': 'Contacted the patient', 'safety-plan-reviewed': 'Safety plan reviewed', 'referred-to-crisis-team': 'Referred to the crisis team',
  'emergency-services-called': 'Emergency services called', 'discussed-with-supervisor': 'Discussed with a supervisor', 'no-further-action-needed': 'No further action needed',
  'face-to-face': 'Face to face', telephone: 'Telephone', video: 'Video', assessment: 'Assessment', 'assessment-and-treatment': 'Assessment and treatment',
  treatment: 'Treatment', review: 'Review', booked: 'Booked', cancelled: 'Cancelled', attended: 'Attended', 'did-not-attend': 'Did not attend',
  'arrived-late-not-seen': 'Arrived late, not seen', pwp: 'Psychological wellbeing practitioner', 'high-intensity-therapist': 'High-intensity therapist',
  psychologist: 'Psychologist', psychotherapist: 'Psychotherapist', psychiatrist: 'Psychiatrist', counsellor: 'Counsellor', 'link-worker': 'Link worker',
  'peer-support-worker': 'Peer support worker', 'crisis-team': 'Crisis team',
  'manage-in-primary-care': 'Manage in primary care', 'no-action': 'No action', 'refer-to-talking-therapies-step-2': 'Refer to Talking Therapies step 2',
  'refer-to-talking-therapies-step-3': 'Refer to Talking Therapies step 3', 'direct-psychological-therapy': 'Direct psychological therapy', 'refer-to-secondary-care': 'Refer to secondary care',
  'crisis-pathway': 'Crisis pathway', 'social-prescription': 'Social prescription', 'step-change': 'Step change', requested: 'Requested', accepted: 'Accepted',
  'information-requested': 'Information requested', answered: 'Answered', closed: 'Closed', redirected: 'Redirected', declined: 'Declined', open: 'Open', dismissed: 'Dismissed',
  'episode-not-on-track': 'Care not on track', 'care-thread-flagged': 'Care thread flagged', 'clinical-psychologist': 'Clinical psychologist',
  'consultant-psychiatrist': 'Consultant psychiatrist', 'mental-health-pharmacist': 'Mental health pharmacist', 'mental-health-nurse': 'Mental health nurse', 'occupational-therapist': 'Occupational therapist',
  'merge': 'merged', 'signpost': 'signposted', 'return-with-advice': 'returned with advice', 'refer-on': 'referred on',
  'no-capacity': 'No capacity', 'not-eligible': 'Not eligible', 'not-suitable': 'Not suitable', 'person-not-contactable': 'Person not contactable',
  'no-reply': 'No reply within 14 days', phone: 'Phone', email: 'Email', 'money-and-debt': 'Money and debt',
  appropriate: 'Appropriate', inappropriate: 'Inappropriate', 'needs-follow-up': 'Needs follow-up', clinician: 'Clinician',
  'written-advice': 'Written advice', 'joint-appointment': 'Joint appointment', 'file-review': 'File review',
  'lacks-capacity-best-interests': 'The person lacks capacity: in their best interests', 'serious-risk-of-harm': 'A serious risk of harm', 'legal-requirement': 'A legal requirement',
  'low-mood': 'Low mood', anxiety: 'Anxiety', panic: 'Panic', trauma: 'Trauma', 'obsessive-compulsive': 'Obsessions or compulsions', sleep: 'Sleep',
};

/** Words for a code; the code itself when there are none yet. */
export const label = (code: string): string => WORDS[code] ?? code;
