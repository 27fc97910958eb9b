import type { PersonalFieldsOf } from '@stepwell/decider';
import type { ConsultationEvent, ConsultationSubject } from './consultation.types';

/**
 * Every free-text field of a consultation's events (issue 15: crypto-shredding), sealed by the event store's
 * personal-data codec with the key of `dataKeySubjectOf` — so that erasing the person's key erases what was asked and
 * answered about them everywhere. Codes, ids and times stay clear (the read models and contracts use only those).
 */
export const CONSULTATION_PERSONAL_FIELDS = {
  ConsultationRequested: ['question', 'context'],
  ConsultationAccepted: ['reason'],
  ConsultationAssigned: ['reason'],
  ConsultationInformationRequested: ['question'],
  ConsultationInformationProvided: ['text'],
  ConsultationAnswered: ['formulation', 'advice'],
  ConsultationClosed: ['reason'],
  ConsultationRedirected: ['reason'],
  ConsultationDeclined: ['reason'],
  ConsultationMessagePosted: ['text'],
  ConsultationAdviceRated: ['comment'],
} as const satisfies PersonalFieldsOf<ConsultationEvent>;

/** The subject-id prefix of an anonymous case's own data key: `:` is never part of a patient subject id (OPAQUE_ID). */
export const ANONYMOUS_CASE_KEY_PREFIX = 'anonymous-case:';

/**
 * Whose key seals a consultation's free text (the events' `metadata.patientSubjectId`): the identified patient's, or
 * for an anonymous case a key of its own (`anonymous-case:<consultationId>`), which names nobody and is never published.
 */
export const dataKeySubjectOf = (consultationId: string, subject: ConsultationSubject): string =>
  subject.kind === 'identified' ? subject.patientSubjectId : `${ANONYMOUS_CASE_KEY_PREFIX}${consultationId}`;

/** The patient an event's metadata names, or null for an anonymous case's own key (never a person). */
export const patientOfMetadata = (patientSubjectId: string | null | undefined): string | null =>
  patientSubjectId && !patientSubjectId.startsWith(ANONYMOUS_CASE_KEY_PREFIX) ? patientSubjectId : null;
