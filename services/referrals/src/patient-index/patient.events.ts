/**
 * The patient index's own streams. `patient-<subject id>` holds the person's demographics (the one place they
 * are kept: referral and episode events name the person by subject id only) and the referrals made for them;
 * `patient-key-<hash>` streams find a subject id from a match key without listing every patient. Neither category
 * is relayed: no demographics ever reach an integration event.
 */

/** How to contact the person and what they need to take part. */
export interface PatientContact {
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
  interpreterNeeded: boolean;
}

export type PatientRegistered = {
  type: 'PatientRegistered';
  data: PatientContact & {
    patientSubjectId: string;
    nhsNumber: string | null;
    givenName: string;
    familyName: string;
    dateOfBirth: string;
    postcode: string;
    /** The normalised name + date of birth + postcode key it was registered under. */
    demographicKey: string;
  };
};

/** A referral was made for the person (the index of their referrals, and so of their episodes). */
export type PatientReferred = {
  type: 'PatientReferred';
  data: { patientSubjectId: string; referralId: string; organisationId: string; at: string };
};

/** A match key (NHS number, or name + date of birth + postcode) now finds this person. */
export type PatientKeyLinked = {
  type: 'PatientKeyLinked';
  data: { patientSubjectId: string; kind: 'nhs-number' | 'demographics' };
};

export type PatientIndexEvent = PatientRegistered | PatientReferred | PatientKeyLinked;

export const PATIENT_CATEGORY = 'patient';
export const patientStreamId = (patientSubjectId: string): string => `${PATIENT_CATEGORY}-${patientSubjectId}`;
