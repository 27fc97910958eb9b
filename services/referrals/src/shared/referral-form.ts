import { DomainError } from '@stepwell/decider';
import type { ReferralSource } from '../domain/referral.vocabulary';
import type { ReferralForm } from './receive-referral.handler';
import type { ReferralFormRequest } from './receive-referral.request';

/** The validated request as the handler takes it: absent optional fields become explicit nulls and defaults. */
export function referralFormOf(body: ReferralFormRequest, source: ReferralSource, referrerOrganisation: string | null): ReferralForm {
  const { patient, riskIndicators } = body;
  // Captured for every referral (issue 12 item 18); a GP practice referring names itself by default.
  const registeredGpPractice = body.registeredGpPractice ?? (source === 'gp' ? referrerOrganisation : null);
  if (registeredGpPractice === null) {
    throw new DomainError('REGISTERED_GP_PRACTICE_REQUIRED', 'registeredGpPractice: required (an ODS code or not-registered) unless a GP practice sends the referral', {
      field: 'registeredGpPractice',
    });
  }
  return {
    registeredGpPractice,
    source,
    receivingOrganisation: body.receivingOrganisation,
    urgency: body.urgency,
    reason: body.reason,
    referrerOrganisation,
    presentingProblems: [...body.presentingProblems],
    riskIndicators: {
      selfHarm: riskIndicators.selfHarm,
      suicidalThoughts: riskIndicators.suicidalThoughts,
      harmToOthers: riskIndicators.harmToOthers,
      notes: riskIndicators.notes ?? null,
    },
    consentToShare: body.consentToShare,
    patient: {
      nhsNumber: patient.nhsNumber ?? null,
      givenName: patient.givenName,
      familyName: patient.familyName,
      dateOfBirth: patient.dateOfBirth,
      postcode: patient.postcode,
      phone: patient.phone ?? null,
      email: patient.email ?? null,
      preferredLanguage: patient.preferredLanguage ?? null,
      interpreterNeeded: patient.interpreterNeeded ?? false,
    },
  };
}
