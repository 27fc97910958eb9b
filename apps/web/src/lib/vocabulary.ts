/**
 * The referrals API's codes this slice shows or sends, with their words: the acceptance steps of the triage request
 * and DECLINE_REASONS of @stepwell/contracts (referrals v1). Copied because the browser bundle does not take the
 * contracts package (Node-only build); an unknown code from the API is shown as the code itself, and the API
 * refuses a code it does not know (400 naming the field), so a drift shows rather than corrupts.
 */
export const STEPS = ['step-2', 'step-3', 'complex-needs', 'secondary-care', 'crisis'] as const;

export const DECLINE_REASONS = [
  'outside-catchment',
  'outside-age-range',
  'no-consent',
  'patient-declined',
  'unable-to-contact',
  'already-in-treatment-elsewhere',
  'primary-need-not-in-scope',
  'other',
] as const;

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
  'low-mood': 'Low mood', anxiety: 'Anxiety', panic: 'Panic', trauma: 'Trauma', 'obsessive-compulsive': 'Obsessions or compulsions', sleep: 'Sleep',
};

/** Words for a code; the code itself when there are none yet. */
export const label = (code: string): string => WORDS[code] ?? code;
