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
export declare const CRISIS_INFORMATION_V1: CrisisInformation;
/** The crisis information in force: the one every response shows. */
export declare const CRISIS_INFORMATION: CrisisInformation;
