import { Inject, Injectable, type Provider } from '@nestjs/common';
import {
  type RelationshipKind,
  SUBJECT_ACCESS_RELATIONSHIPS,
  SUBJECT_ACCESS_RENDERING,
  type SubjectAccessRelationships,
  type SubjectAccessRendering,
} from '@stepwell/access';
import { DataSource } from 'typeorm';

/** The consultations service's facts about a person in plain language, for their subject access request. */
export const consultationsSubjectAccess: SubjectAccessRendering = {
  service: 'consultations',
  sentences: {
    ConsultationRequested: () => 'Your clinician asked a specialist service for advice about your care.',
    ConsultationAccepted: () => 'The specialist service accepted the request for advice.',
    ConsultationAssigned: () => 'A specialist was assigned to the request for advice.',
    ConsultationInformationRequested: () => 'The specialist asked for more information.',
    ConsultationInformationProvided: () => 'Your clinician gave the specialist more information.',
    ConsultationMessagePosted: () => 'A message about your care was posted between your clinician and the specialist.',
    ConsultationCallBooked: () => 'A call between your clinician and the specialist was booked.',
    ConsultationAnswered: () => 'The specialist gave advice about your care.',
    ConsultationAdviceRated: () => 'Your clinician rated the specialist’s advice.',
    ConsultationRedirected: () => 'The request for advice was redirected to another service.',
    ConsultationDeclined: () => 'The specialist service declined the request for advice.',
    ConsultationClosed: () => 'The request for advice was closed.',
  },
};

/**
 * Besides the care relationships consultations keeps from referrals' events, an organisation relates to the person
 * here through their consultations' own records, as the organisation that asked (`consultation-requester`) or the
 * service asked (`consulting`), as `consultationKinds` decides for one consultation.
 */
@Injectable()
export class ConsultationsSubjectAccessRelationships implements SubjectAccessRelationships {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async kindsOf(organisationId: string, patientSubjectId: string): Promise<readonly RelationshipKind[]> {
    const rows = (await this.dataSource.query(
      `SELECT bool_or(requesting_organisation_id = $2) AS requester, bool_or(consultation_service_id = $2) AS consulting
         FROM "consultations"."consultations" WHERE patient_subject_id = $1`,
      [patientSubjectId, organisationId],
    )) as Array<{ requester: boolean | null; consulting: boolean | null }>;
    const kinds: RelationshipKind[] = [];
    if (rows[0]?.requester) kinds.push('consultation-requester');
    if (rows[0]?.consulting) kinds.push('consulting');
    return kinds;
  }
}

export const consultationsSubjectAccessProviders: Provider[] = [
  { provide: SUBJECT_ACCESS_RENDERING, useValue: consultationsSubjectAccess },
  ConsultationsSubjectAccessRelationships,
  { provide: SUBJECT_ACCESS_RELATIONSHIPS, useExisting: ConsultationsSubjectAccessRelationships },
];
