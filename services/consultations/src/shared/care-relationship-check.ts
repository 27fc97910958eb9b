import { Inject, Injectable } from '@nestjs/common';
import { ActionNotPermittedError, PolicyAccessService, type Principal } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import type { ConsultationsErrorCode } from './consultations-error-mappings';

/**
 * Hazard H-CN1: a consultation (or an MDT case) about an identified patient is asked only by an organisation in the
 * person's care as the care relationships this service keeps say (referrals' events, applied on consume): one that
 * referred them, received their referral, or provides or provided a step of their care — the one access policy's
 * `consultation.request`. A stranger gets 404 (told nothing of the person), an organisation that knows the person
 * but whose relationship does not cover asking, 403; each refusal is on the person's access trail, and nothing else
 * is written.
 */
@Injectable()
export class CareRelationshipCheck {
  constructor(@Inject(PolicyAccessService) private readonly policy: PolicyAccessService) {}

  async assertInCareOf(patientSubjectId: string, context: { principal: Principal; correlationId: string }, resource: string): Promise<void> {
    const refused = await this.policy.refuseWrite(
      context.principal,
      'consultation.request',
      { type: 'patient', id: patientSubjectId, patientSubjectId, referralId: null, episodeId: null, awaitingTriage: false, consentToShare: false },
      { resource, correlationId: context.correlationId },
    );
    if (refused === 'not-found') throw new NotFoundError<ConsultationsErrorCode>('PATIENT_NOT_FOUND', 'No patient in this organisation’s care has that subject id');
    if (refused === 'forbidden') throw new ActionNotPermittedError();
  }
}
