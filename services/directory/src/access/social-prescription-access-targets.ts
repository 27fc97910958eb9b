import { Inject, Injectable, type Provider } from '@nestjs/common';
import { ACCESS_TARGET_RESOLVER, type AccessTarget, type AccessTargetResolver } from '@stepwell/access';
import { OPAQUE_ID } from '@stepwell/contracts';
import { NotFoundError } from '@stepwell/decider';
import { RequestValidationError } from '@stepwell/http';
import { DataSource } from 'typeorm';
import type { DirectoryErrorCode } from '../shared/directory-error-mappings';

/**
 * What the access policy needs to know about a social prescription, from the directory's own read model: whose it
 * is (the patient), the link worker's organisation that holds it (`record-holder`) and the community organisation
 * its open or accepted direct referral is addressed to (`social-prescription-recipient`; none once declined or
 * auto-declined). The directory keeps no referral or episode, so nothing else relates an organisation to it. A
 * patient (the journey) is the person themself: the care relationships the directory keeps decide.
 */
@Injectable()
export class SocialPrescriptionAccessTargets implements AccessTargetResolver {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async resolve(type: AccessTarget['type'], id: string, param = 'id'): Promise<AccessTarget | null> {
    if (!OPAQUE_ID.test(id)) throw new RequestValidationError([{ field: param, messages: [`${param} must be 1–64 letters, digits, - or _`] }]);
    // The person as a whole (their journey, issue 19 item 5): the policy decides from the care relationships.
    if (type === 'patient') return { type: 'patient', id, patientSubjectId: id, referralId: null, episodeId: null, awaitingTriage: false, consentToShare: false };
    if (type !== 'record') return null;
    const [row] = (await this.dataSource.query(
      `SELECT patient_subject_id, link_worker_organisation_id, recipient_organisation_id FROM "directory"."social_prescriptions" WHERE id = $1`,
      [id],
    )) as Array<{ patient_subject_id: string; link_worker_organisation_id: string; recipient_organisation_id: string | null }>;
    if (!row) return null;
    return {
      type: 'record',
      id,
      patientSubjectId: row.patient_subject_id,
      referralId: null,
      episodeId: null,
      awaitingTriage: false,
      consentToShare: false,
      holderOrganisationId: row.link_worker_organisation_id,
      recipientOrganisationId: row.recipient_organisation_id,
    };
  }

  notFound(type?: AccessTarget['type']): Error {
    if (type === 'patient') return new NotFoundError<DirectoryErrorCode>('PATIENT_NOT_FOUND', 'No such patient');
    return new NotFoundError<DirectoryErrorCode>('SOCIAL_PRESCRIPTION_NOT_FOUND', 'No such social prescription');
  }
}

export const socialPrescriptionAccessTargetsProvider: Provider = { provide: ACCESS_TARGET_RESOLVER, useExisting: SocialPrescriptionAccessTargets };
