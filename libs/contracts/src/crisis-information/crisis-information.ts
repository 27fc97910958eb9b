/**
 * The crisis information a person is shown at once when they tell us online that they are thinking of harming
 * themselves (PHQ-9 item 9 above 0 on a questionnaire link) or tick "suicidal thoughts" on a self-referral
 * (issue 12 item 10). One versioned text, used by every service that answers such a person: change it here, bump
 * `version`, and every response names the version it showed.
 *
 * Sources (checked 2026-12): NHS "Where to get urgent help for mental health" (nhs.uk/nhs-services/mental-health-services/
 * where-to-get-urgent-help-for-mental-health/): NHS 111, "select the mental health option" (option 2 in England);
 * Samaritans, free, any time, 116 123 (samaritans.org); 999 or A&E in an emergency.
 */
export interface CrisisContact {
  /** Stable code, for clients that lay the information out themselves. */
  code: 'nhs-111-mental-health' | 'samaritans' | 'emergency-999';
  name: string;
  /** What to dial. */
  telephone: string;
  /** When to use it, in plain English. */
  when: string;
}

export interface CrisisInformation {
  version: string;
  message: string;
  contacts: readonly CrisisContact[];
}

export const CRISIS_INFORMATION_V1: CrisisInformation = Object.freeze({
  version: 'crisis-information/1',
  message:
    'You told us you have been having thoughts of ending your life or harming yourself. You do not have to wait for your appointment: help is available now.',
  contacts: Object.freeze([
    Object.freeze({
      code: 'nhs-111-mental-health',
      name: 'NHS 111, mental health option',
      telephone: '111, then option 2',
      when: 'For urgent mental health help, any time of day or night.',
    }),
    Object.freeze({
      code: 'samaritans',
      name: 'Samaritans',
      telephone: '116 123',
      when: 'To talk to someone, free, 24 hours a day, every day.',
    }),
    Object.freeze({
      code: 'emergency-999',
      name: 'Emergency services',
      telephone: '999',
      when: 'If your life is at risk or you cannot keep yourself safe: call 999 or go to A&E now.',
    }),
  ]) as readonly CrisisContact[],
}) as CrisisInformation;

/** The crisis information in force: the one every response shows. */
export const CRISIS_INFORMATION: CrisisInformation = CRISIS_INFORMATION_V1;
