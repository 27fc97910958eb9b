import { ProblemException } from '@stepwell/http';
import type { ReferralSource } from '../domain/referral.vocabulary';
import {
  MISSING_FIELD_DETAIL,
  missingReferralFields,
  riskAnswersGiven,
  type CompletableAnswers,
  type CompletableReferralField,
} from '../domain/referral-completeness';
import type { IncompleteReferralForm, ReferralForm } from './receive-referral.handler';
import type { ReferralFormRequest, RiskIndicatorsRequest } from './receive-referral.request';

/**
 * The RFC 9457 problem of a referral lacking required answers: one `errors` entry per missing field (the same
 * shape as every validation problem). A 400 when it is refused; the 202 of an incomplete referral carries the same
 * details (`missingAnswers`) so the referrer knows what to send with `POST /referrals/{id}/complete`.
 */
export function missingAnswersProblem(missing: readonly CompletableReferralField[], situation: 'refused' | 'received-incomplete' | 'still-incomplete' = 'refused'): ProblemException {
  const errors = missing.map((field) => ({ field, messages: [MISSING_FIELD_DETAIL[field]] }));
  const count = `${missing.length} required answer${missing.length === 1 ? '' : 's'}`;
  const detail = {
    refused: `The referral lacks ${count} and gives no risk answer, so it was not received: ${missing.join(', ')}.`,
    'received-incomplete': `Received incomplete because it gives a risk answer; ${count} missing: ${missing.join(', ')}. Send them with POST /referrals/{id}/complete.`,
    'still-incomplete': `The completion leaves ${count} missing, so nothing was recorded: ${missing.join(', ')}.`,
  }[situation];
  return new ProblemException(situation === 'received-incomplete' ? 202 : 400, 'referral-incomplete', 'The referral lacks required answers', detail, {
    code: 'REFERRAL_INCOMPLETE',
    errors,
  });
}

const answerOf = <T>(value: T | null | undefined): T | null => (value === undefined ? null : value);

/** The risk questions as answered; null where not answered. */
export function riskAnswersOf(risk: RiskIndicatorsRequest | null | undefined): CompletableAnswers['riskIndicators'] {
  return {
    selfHarm: answerOf(risk?.selfHarm),
    suicidalThoughts: answerOf(risk?.suicidalThoughts),
    harmToOthers: answerOf(risk?.harmToOthers),
    notes: risk?.notes ?? null,
  };
}

/** The answers a referral may arrive without, as given (null where missing). A GP practice referring names itself. */
function answersOf(body: ReferralFormRequest, source: ReferralSource, referrerOrganisation: string | null): CompletableAnswers {
  return {
    urgency: answerOf(body.urgency),
    reason: answerOf(body.reason),
    presentingProblems: body.presentingProblems == null ? null : [...body.presentingProblems],
    // Captured for every referral (issue 12 item 18); a GP practice referring names itself by default.
    registeredGpPractice: body.registeredGpPractice ?? (source === 'gp' ? referrerOrganisation : null),
    consentToShare: answerOf(body.consentToShare),
    riskIndicators: riskAnswersOf(body.riskIndicators),
  };
}

function patientOf(body: ReferralFormRequest): ReferralForm['patient'] {
  const { patient } = body;
  return {
    nhsNumber: patient.nhsNumber ?? null,
    givenName: patient.givenName,
    familyName: patient.familyName,
    dateOfBirth: patient.dateOfBirth,
    postcode: patient.postcode,
    phone: patient.phone ?? null,
    email: patient.email ?? null,
    preferredLanguage: patient.preferredLanguage ?? null,
    interpreterNeeded: patient.interpreterNeeded ?? false,
  };
}

export type ReferralIntake = { kind: 'complete'; form: ReferralForm } | { kind: 'incomplete'; form: IncompleteReferralForm; missing: CompletableReferralField[] };

/**
 * Professional intake (`POST /referrals`, issue 12 item 9): a whole form is a referral; a form with answers missing
 * but a risk answer given (crisis urgency, or any risk ticked) is received incomplete; missing answers without a
 * risk answer are a 400 naming each, before anything is looked up or written.
 */
export function referralIntakeOf(body: ReferralFormRequest, source: ReferralSource, referrerOrganisation: string | null): ReferralIntake {
  const answers = answersOf(body, source, referrerOrganisation);
  const missing = missingReferralFields(answers);
  const common = { source, receivingOrganisation: body.receivingOrganisation, referrerOrganisation, patient: patientOf(body) };
  if (missing.length === 0) return { kind: 'complete', form: completeFormOf(common, answers) };
  if (riskAnswersGiven(answers.urgency, answers.riskIndicators).length === 0) throw missingAnswersProblem(missing);
  return { kind: 'incomplete', form: { ...common, ...answers }, missing };
}

/**
 * The validated request as the handler takes it, complete or refused (400 naming every missing answer): the public
 * self-referral form, which cannot be completed later without a login.
 */
export function referralFormOf(body: ReferralFormRequest, source: ReferralSource, referrerOrganisation: string | null): ReferralForm {
  const intake = referralIntakeOf(body, source, referrerOrganisation);
  if (intake.kind === 'incomplete') throw missingAnswersProblem(intake.missing);
  return intake.form;
}

function completeFormOf(common: Omit<ReferralForm, keyof CompletableAnswers>, answers: CompletableAnswers): ReferralForm {
  const { urgency, reason, presentingProblems, registeredGpPractice, consentToShare, riskIndicators: risk } = answers;
  if (urgency === null || reason === null || presentingProblems === null || registeredGpPractice === null || consentToShare === null) {
    throw missingAnswersProblem(missingReferralFields(answers));
  }
  if (risk.selfHarm === null || risk.suicidalThoughts === null || risk.harmToOthers === null) throw missingAnswersProblem(missingReferralFields(answers));
  return {
    ...common,
    urgency,
    reason,
    presentingProblems,
    registeredGpPractice,
    consentToShare,
    riskIndicators: { selfHarm: risk.selfHarm, suicidalThoughts: risk.suicidalThoughts, harmToOthers: risk.harmToOthers, notes: risk.notes },
  };
}
