import type { Provider } from '@nestjs/common';
import { SUBJECT_ACCESS_RENDERING, subjectAccessRelationshipsFrom, type SubjectAccessRendering } from '@stepwell/access';

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
export const consultationsSubjectAccessProviders: Provider[] = [
  { provide: SUBJECT_ACCESS_RENDERING, useValue: consultationsSubjectAccess },
  subjectAccessRelationshipsFrom({
    schema: 'consultations',
    table: 'consultations',
    kinds: { 'consultation-requester': 'requesting_organisation_id', consulting: 'consultation_service_id' },
  }),
];
