import { Injectable, type Provider } from '@nestjs/common';
import { ACCESS_TARGET_RESOLVER, type AccessTarget, type AccessTargetResolver } from '@stepwell/access';
import { NotFoundError } from '@stepwell/decider';
import { RequestValidationError } from '@stepwell/http';
import type { ConsultationsErrorCode } from './consultations-error-mappings';

const PATIENT_SUBJECT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * What the access policy needs for the one consultations route under `@PatientAccess`, the person's journey (issue 19
 * item 5): the patient as a target. Whether the caller may read is the policy's, from the care relationships this
 * service keeps (as `CareRelationshipCheck`); an unknown person and a stranger's both get the same 404. Consultations,
 * offers and MDT cases keep their own checks (consultation-access, offer-access, mdt-access).
 */
@Injectable()
export class ConsultationsAccessTargets implements AccessTargetResolver {
  async resolve(type: AccessTarget['type'], id: string, param = 'patientId'): Promise<AccessTarget | null> {
    if (!PATIENT_SUBJECT_ID.test(id)) throw new RequestValidationError([{ field: param, messages: [`${param} must be a patient subject id`] }]);
    if (type !== 'patient') return null;
    return { type: 'patient', id, patientSubjectId: id, referralId: null, episodeId: null, awaitingTriage: false, consentToShare: false };
  }

  notFound(): Error {
    return new NotFoundError<ConsultationsErrorCode>('PATIENT_NOT_FOUND', 'No patient in this organisation’s care has that subject id');
  }
}

export const consultationsAccessTargetsProvider: Provider[] = [ConsultationsAccessTargets, { provide: ACCESS_TARGET_RESOLVER, useExisting: ConsultationsAccessTargets }];
