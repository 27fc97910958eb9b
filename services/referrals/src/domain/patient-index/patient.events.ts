import { createHash } from 'node:crypto';
import type { PatientMatchKey } from '../patient-identity';
import type { PersonalFieldsOf } from '@stepwell/decider';

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

/**
 * An NHS number now finds this person, who was registered without one (first found by name, date of birth and
 * postcode). Kept in the person's own stream so that the index knows the number is theirs (issue 10 item 3).
 */
export type PatientNhsNumberLinked = {
  type: 'PatientNhsNumberLinked';
  data: { patientSubjectId: string; nhsNumber: string };
};

/** Who decided a merge or unmerge and why (an admin of an organisation that received a referral for both). */
export interface PatientMergeDecision {
  /** The record that stays. */
  survivorSubjectId: string;
  /** The record merged into it (its referrals and episodes are read as the survivor's while merged). */
  duplicateSubjectId: string;
  reason: string;
  decidedAt: string;
  decidedByOrganisation: string;
}

/** In the duplicate's stream: from now on it is read as the survivor (the authoritative fact, concurrency-checked). */
export type PatientMerged = { type: 'PatientMerged'; data: PatientMergeDecision };
/** In the duplicate's stream: the merge is reversed; the duplicate is its own person again. */
export type PatientUnmerged = { type: 'PatientUnmerged'; data: PatientMergeDecision };
/**
 * In the survivor's stream: which duplicates it reads as its own (`attached` true) — written after the duplicate's
 * own event, with an id derived from it, so that a retry of the same merge completes it and never writes it twice.
 */
export type PatientDuplicateLinked = {
  type: 'PatientDuplicateLinked';
  data: PatientMergeDecision & { attached: boolean };
};

export type PatientIndexEvent =
  | PatientRegistered
  | PatientReferred
  | PatientKeyLinked
  | PatientNhsNumberLinked
  | PatientMerged
  | PatientUnmerged
  | PatientDuplicateLinked;

export const PATIENT_CATEGORY = 'patient';
export const patientStreamId = (patientSubjectId: string): string => `${PATIENT_CATEGORY}-${patientSubjectId}`;

/**
 * A match key's stream: named by a hash of the key, so that stream names (which appear in logs and tooling) and the
 * lookup read model never show an NHS number or a name.
 */
export const patientKeyStreamId = (key: PatientMatchKey): string =>
  `${PATIENT_CATEGORY}-key-${createHash('sha256').update(`${key.kind}\u0000${key.value}`).digest('hex')}`;

/** The record an index event is about (its metadata's `patientSubjectId`): a merge's duplicate, a link's survivor. */
export function patientSubjectOf(event: PatientIndexEvent): string {
  switch (event.type) {
    case 'PatientMerged':
    case 'PatientUnmerged':
      return event.data.duplicateSubjectId;
    case 'PatientDuplicateLinked':
      return event.data.survivorSubjectId;
    case 'PatientRegistered':
    case 'PatientReferred':
    case 'PatientKeyLinked':
    case 'PatientNhsNumberLinked':
      return event.data.patientSubjectId;
  }
}

/**
 * The stream an index event belongs to: a key's link in that key's stream (`keys`: the person's keys, from the command
 * that linked them), everything else in its record's own stream (`patientSubjectOf`).
 */
export function patientIndexStreamOf(event: PatientIndexEvent, keys: readonly PatientMatchKey[] = []): string {
  if (event.type !== 'PatientKeyLinked') return patientStreamId(patientSubjectOf(event));
  const key = keys.find((candidate) => candidate.kind === event.data.kind);
  if (!key) throw new Error(`A ${event.data.kind} key was linked without the key`);
  return patientKeyStreamId(key);
}

/**
 * What identifies or describes the person in the index's own events (issue 15): sealed with their key in the store,
 * `[erased]` after an erasure. The subject id, the key kinds and the merge decision's actors and dates stay readable.
 * (The `patient-key-<sha256>` stream names are not covered: see the README on what an erasure does not remove.)
 */
export const PATIENT_PERSONAL_FIELDS = {
  PatientRegistered: ['nhsNumber', 'givenName', 'familyName', 'dateOfBirth', 'postcode', 'phone', 'email', 'preferredLanguage', 'demographicKey'],
  PatientNhsNumberLinked: ['nhsNumber'],
  PatientMerged: ['reason'],
  PatientUnmerged: ['reason'],
  PatientDuplicateLinked: ['reason'],
} as const satisfies PersonalFieldsOf<PatientIndexEvent>;
