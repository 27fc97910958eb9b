import { randomUUID } from 'node:crypto';
import type { ConsultationRequestedV1 } from '@stepwell/contracts';
import type { IntegrationEvent } from '@stepwell/messaging';
import { ConsultationsEventsConsumer } from '../integration/consultations-events.consumer';
import type { ReferralsTestApp } from './referrals-test-app';

/** The envelope the consultations service's relay would deliver (ids and codes only). */
export function consultationsEnvelope<D>(type: string, patientSubjectId: string | null, data: D): IntegrationEvent<D> {
  return {
    messageId: randomUUID(),
    type,
    version: 1,
    source: 'consultations',
    patientSubjectId,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    causationId: null,
    data,
  };
}

/** Delivers a `consultations.consultation-requested` about the person, so that referrals knows the consultation. */
export async function knowConsultation(
  service: ReferralsTestApp,
  patientSubjectId: string | null,
  consultationId: string = randomUUID(),
  organisations: { requesting?: string; service?: string } = {},
): Promise<string> {
  await service.app.get(ConsultationsEventsConsumer).onRequested(
    consultationsEnvelope<ConsultationRequestedV1>('consultations.consultation-requested', patientSubjectId, {
      consultationId,
      requestingOrganisationId: organisations.requesting ?? 'A81001',
      consultationServiceId: organisations.service ?? 'RCR01',
      urgency: 'routine',
      patientIdentified: patientSubjectId !== null,
      requestedAt: new Date().toISOString(),
    }),
  );
  return consultationId;
}
